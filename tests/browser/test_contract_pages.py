"""The contract pages in a real Chromium: the demo's Thung Song project's counter-signed
contract with its amendment, the programme's contract template (for its manager) and a call's
contract rule (for an officer), in Thai and in English, with no serious or critical axe-core
violation and no page wider than a 390-px phone."""

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


def _contract_pages(page):
    page.goto("/projects/")
    projects = page.eval_on_selector_all(
        "a[href]",
        "links => links.filter(link => link.textContent.includes('-0005'))"
        ".map(link => link.getAttribute('href'))",
    )
    assert projects, "the demo's Thung Song project is not on the list"
    page.goto(projects[0].rstrip("/") + "/contract/")
    paths = [page.url]
    paths += _links(page, r"/programmes/[\w-]+/contract-template/")
    paths += _links(page, r"/projects/calls/[\w-]+/contract-rule/")
    return paths


@pytest.mark.parametrize("person", PEOPLE)
def test_the_contract_pages_pass_axe_and_fit_a_phone(browser, demo_site, person):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    problems, opened = [], []
    try:
        sign_in(page, PEOPLE[person])
        for language in ("th", "en"):
            switch_language(page, language)
            for path in _contract_pages(page):
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
    expected = {"lead": 1, "manager": 2, "officer": 2}[person]
    assert len(set(opened)) >= expected, opened
    assert not problems, "\n".join(problems)
