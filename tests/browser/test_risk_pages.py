"""The projects at risk (the list and a project's badge) in a real Chromium, in Thai and in
English, for an officer and a manager: no serious or critical axe-core violation and no page
wider than a 390-px phone."""

import re

import pytest

from tests.browser.pages import BLOCKING, check_page, new_context, sign_in, switch_language

PEOPLE = {"manager": "manager@example.org", "officer": "officer@example.org"}


def _risk_pages(page):
    page.goto("/projects/risks/")
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    projects = sorted({h for h in hrefs if re.fullmatch(r"/projects/\d+/", h)})
    return ["/projects/risks/", *projects[:1]]


@pytest.mark.parametrize("person", PEOPLE)
def test_the_risk_pages_pass_axe_and_fit_a_phone(browser, demo_site, person):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    problems = []
    try:
        sign_in(page, PEOPLE[person])
        for language in ("th", "en"):
            switch_language(page, language)
            for path in _risk_pages(page):
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
