"""The projection (KPI dashboard and an indicator's page), what the next call needs and the
thresholds page in a real Chromium, in Thai and in English, for a manager and an officer: no
serious or critical axe-core violation and no page wider than a 390-px phone."""

import re

import pytest

from tests.browser.pages import BLOCKING, check_page, new_context, sign_in, switch_language

PEOPLE = {"manager": "manager@example.org", "officer": "officer@example.org"}


def _pages(page, person):
    """The demo's programme found by its dashboard's link (no demo reference written here)."""
    page.goto("/kpi/")
    dashboard = re.search(r"/programmes/([^/]+)/dashboard/", page.url)
    code = dashboard.group(1)
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    indicators = sorted(h for h in hrefs if "/dashboard/indicators/" in h)
    paths = [f"/programmes/{code}/dashboard/", f"/programmes/{code}/dashboard/next-call/"]
    paths += [indicators[0].split("?")[0]] if indicators else []
    if person == "manager":
        paths.append(f"/programmes/{code}/thresholds/")
    return paths


@pytest.mark.parametrize("person", PEOPLE)
def test_the_foresight_pages_pass_axe_and_fit_a_phone(browser, demo_site, person):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    problems = []
    try:
        sign_in(page, PEOPLE[person])
        for language in ("th", "en"):
            switch_language(page, language)
            for path in _pages(page, person):
                response = page.goto(path)
                where = f"{path} ({language})"
                if response.status != 200 or not page.url.endswith(path):
                    problems.append(f"{where} answered {response.status} at {page.url}")
                    continue
                findings = check_page(page, where, contrast=language == "th")
                problems += [str(f) for f in findings if f.impact in BLOCKING]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
