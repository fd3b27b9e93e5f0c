"""The change request pages in a real Chromium, which the walk of test_accessibility opens only
in part (one request's page, two kinds' forms): every kind's form, both of the demo's requests
(an approved extension, a reallocation waiting for the manager) and a call's rules for changes,
in Thai and in English, with no serious or critical axe-core violation and no page wider than a
390-px phone."""

import re

import pytest

from tests.browser.pages import BLOCKING, check_page, new_context, sign_in, switch_language

PEOPLE = {
    "lead": "lead.thungsong@example.org",
    "manager": "manager@example.org",
    "officer": "officer@example.org",
}


def _links(page, pattern):
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return sorted({href.split("#")[0] for href in hrefs if re.fullmatch(pattern, href)})


def _change_pages(page):
    """The Thung Song project's change pages reachable by this person, from its list."""
    page.goto("/projects/")
    projects = page.eval_on_selector_all(
        "a[href]",
        "links => links.filter(link => link.textContent.includes('-0005'))"
        ".map(link => link.getAttribute('href'))",
    )
    assert projects, "the demo's Thung Song project is not on the list"
    page.goto(projects[0].rstrip("/") + "/changes/")
    paths = [page.url]
    paths += _links(page, r"/projects/changes/\d+/")
    paths += _links(page, r"/projects/\d+/changes/new/\w+/")
    paths += _links(page, r"/projects/calls/[\w-]+/change-rules/")
    return paths


@pytest.mark.parametrize("person", PEOPLE)
def test_the_change_pages_pass_axe_and_fit_a_phone(browser, demo_site, person):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    problems, opened = [], []
    try:
        sign_in(page, PEOPLE[person])
        for language in ("th", "en"):
            switch_language(page, language)
            for path in _change_pages(page):
                response = page.goto(path)
                opened.append(path)
                where = f"{path} ({language})"
                if response.status != 200:
                    problems.append(f"{where} answered {response.status}")
                    continue
                findings = check_page(page, where, contrast=language == "th")
                problems += [str(f) for f in findings if f.impact in BLOCKING]
    finally:
        context.close()
    expected = {"lead": 7, "manager": 3, "officer": 4}[person]  # list, requests, forms, rules
    assert len(set(opened)) >= expected, opened
    assert not problems, "\n".join(problems)
