"""The Content-Security-Policy (django-csp): every page says it, it allows no inline script or
style, and no template or page writes one; the other security headers stay."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
APPS = ("templates", "core", "accounts", "indicators", "proposals", "projects", "reviews")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)


def _templates():
    for app in APPS:
        yield from (ROOT / app).rglob("*.html")


def test_no_page_template_writes_an_inline_script_style_or_handler():
    found = [
        str(path.relative_to(ROOT))
        for path in _templates()
        if "/email/" not in str(path)
        and (INLINE_SCRIPT.search(path.read_text()) or INLINE_STYLE.search(path.read_text()))
    ]
    assert found == []


@pytest.mark.django_db
def test_a_page_carries_the_policy_and_the_other_headers(client, researcher):
    client.force_login(researcher)
    response = client.get(reverse("proposals:call_list"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<style" not in response.content.decode()
