"""Every page of every role, in Thai and in English, in a real Chromium: no serious or critical
axe-core violation (WCAG 2.0/2.1 A and AA), no page wider than a 390-px phone or a 1,366-px
laptop, and chart text that stays readable on the phone.

The walk opens each kind of page a person reaches by links from their dashboard once per
language (see pages.walk); pages that read the same for everyone are checked by the first
person who reaches them. Colour contrast, most of axe's time, is checked on the Thai pages:
the English ones have the same colours. Set A11Y_REPORT to a file to get every finding, of any
impact, as JSON lines."""

import json
import os
import re

import pytest

from tests.browser.pages import (
    BLOCKING,
    check_page,
    new_context,
    sign_in,
    switch_language,
    walk,
)

PERSONAS = {
    "anonymous": None,
    "researcher": "researcher@example.org",
    "project_lead": "lead.thungsong@example.org",
    "funding_officer": "officer@example.org",
    "reviewer": "reviewer@example.org",
    "programme_manager": "manager@example.org",
    "administrator": "admin@example.org",
    "mentor": "mentor@example.org",
    "finance": "finance@example.org",
}
ANONYMOUS_STARTS = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def _report(persona, language, pages, findings):
    path = os.environ.get("A11Y_REPORT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as report:
        for finding in findings:
            report.write(json.dumps({"persona": persona, "language": language, **vars(finding)}))
            report.write("\n")
        report.write(json.dumps({"persona": persona, "language": language, "pages": pages}))
        report.write("\n")


PUBLISH = "from indicators.models import Programme; Programme.objects.update(public_portfolio=True)"


@pytest.fixture(scope="module", autouse=True)
def published(demo_site):
    """The demo's programme publishes its portfolio, so that the public walk reaches it."""
    demo_site.manage("shell", "-c", PUBLISH)
    return demo_site


@pytest.fixture(scope="module")
def shared_seen():
    """Pages that are the same for everyone, checked by the first person who reaches them."""
    return {"th": set(), "en": set()}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_passes_axe_and_fits_the_screen(browser, demo_site, shared_seen, persona):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    email = PERSONAS[persona]
    if email:
        sign_in(page, email)
    starts = ["/dashboard/", "/"] if email else ANONYMOUS_STARTS
    problems = []
    try:
        for language in ("th", "en"):
            switch_language(page, language)
            pages, findings = [], []
            for path, status in walk(page, demo_site.url, starts, shared_seen[language]):
                where = f"{path} ({language})"
                pages.append(path)
                if status >= 500:
                    problems.append(f"{where} answered {status}")
                    continue
                findings += check_page(page, where, contrast=language == "th")
            _report(persona, language, pages, findings)
            problems += [str(f) for f in findings if f.impact in BLOCKING]
            assert len(pages) > (3 if email else 2), f"the walk found only {pages}"
    finally:
        context.close()
    assert not problems, f"{len(problems)} problems for {persona}:\n" + "\n".join(problems)


def _links(page, pattern):
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return sorted({href for href in hrefs if re.fullmatch(pattern, href or "")})


def _rebuttal_page(page):
    """The answers page of the researcher's proposal in a revision round (the one whose page
    holds the team's answer boxes), found from the proposals on their dashboard."""
    page.goto("/dashboard/")
    for href in _links(page, r"/proposals/\d+/"):
        path = f"/reviews{href}answers/"
        response = page.goto(path)
        if response.status == 200 and page.locator("textarea[name^=answer-]").count():
            return path
    raise AssertionError("the demo has no proposal in a revision round with answers")


def _message_pages(page):
    """A programme manager's messages of the demo programme: the list and one message."""
    page.goto("/programmes/")
    programme = _links(page, r"/programmes/[\w-]+/")[0]
    page.goto(f"{programme}messages/")
    edit = _links(page, rf"{programme}messages/[\w.]+/")[0]
    return [f"{programme}messages/", edit]


def _site_message_pages(page):
    """An administrator's site messages: the list and the password reset's text (a message
    with a required link)."""
    return ["/messages/", "/messages/account.password_reset/"]


# Pages the walk does not reach from a dashboard within its limits, opened directly.
DIRECT_PAGES = {
    "researcher": _rebuttal_page,
    "programme_manager": _message_pages,
    "administrator": _site_message_pages,
}


@pytest.mark.parametrize("persona", DIRECT_PAGES)
def test_the_pages_opened_directly_pass_axe_and_fit_the_screen(browser, demo_site, persona):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    problems = []
    try:
        sign_in(page, PERSONAS[persona])
        found = DIRECT_PAGES[persona](page)
        paths = found if isinstance(found, list) else [found]
        for language in ("th", "en"):
            switch_language(page, language)
            for path in paths:
                response = page.goto(path)
                where = f"{path} ({language})"
                if response.status != 200:
                    problems.append(f"{where} answered {response.status}")
                    continue
                findings = check_page(page, where, contrast=language == "th")
                problems += [str(f) for f in findings if f.impact in BLOCKING]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _first_link(page, selector):
    link = page.locator(selector).first
    assert link.count(), f"no link {selector} on {page.url}"
    return link.get_attribute("href")


def _check(page, path, language, problems):
    response = page.goto(path)
    where = f"{page.url} ({language})"
    if response.status != 200:
        problems.append(f"{where} answered {response.status}")
        return
    problems += [str(f) for f in check_page(page, where) if f.impact in BLOCKING]


def test_the_published_portfolio_and_the_organisation_pages_pass_axe(browser, published):
    """The public portfolio (list, a project, the map with Thailand's outline) for a visitor,
    and the organisation records and funders' identifiers for an administrator."""
    problems = []
    context = new_context(browser, published.url)
    page = context.new_page()
    try:
        for language in ("th", "en"):
            switch_language(page, language)
            page.goto("/portfolio/")
            portfolio = _first_link(page, "main a[href^='/portfolio/'][href$='/']")
            _check(page, portfolio, language, problems)
            project = _first_link(page, "main a[href*='/projects/']")
            map_page = _first_link(page, "main a[href$='/map/']")
            _check(page, project, language, problems)
            _check(page, map_page, language, problems)
            assert page.locator("svg.portfolio-map path.portfolio-map-land").count() == 1
            assert page.locator("svg.portfolio-map circle").count() >= 1
    finally:
        context.close()
    context = new_context(browser, published.url)
    page = context.new_page()
    try:
        sign_in(page, PERSONAS["administrator"])
        for language in ("th", "en"):
            switch_language(page, language)
            for path in ("/people/organisations/", "/funders/", "/people/profile/"):
                _check(page, path, language, problems)
            page.goto("/people/organisations/")
            _check(page, _first_link(page, "main a[href$='/edit/']"), language, problems)
            page.goto("/funders/")
            _check(page, _first_link(page, "main a[href$='/identifier/']"), language, problems)
    finally:
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
