"""The incubation pages (#19) in a real Chromium, for the people who use them, in Thai and in
English: no serious or critical axe-core violation, nothing wider than a phone or a laptop.
The walk of test_accessibility reaches them too; this file checks them directly and fast
(`pytest tests/browser -k incubation`)."""

import pytest

from tests.browser.pages import BLOCKING, check_page, new_context, sign_in, switch_language

# Who opens which page: the paths are found on the pages themselves (the ids of the demo).
PEOPLE = {
    "anonymous": None,
    "researcher": "researcher@example.org",
    "funding_officer": "officer@example.org",
    "programme_manager": "manager@example.org",
    "mentor": "mentor@example.org",
}


def _links(page, part):
    return page.eval_on_selector_all(
        f"main a[href*='{part}']", "links => [...new Set(links.map(l => l.getAttribute('href')))]"
    )


def _pages(page, email):
    """The incubation pages this person reaches from the list of workshops."""
    page.goto("/workshops/")
    paths = ["/workshops/", *_links(page, "/workshops/")]
    for event in [p for p in paths if p.rstrip("/").split("/")[-1].isdigit()][:3]:
        page.goto(event)
        paths += [p for p in _links(page, "/workshops/") if "/materials/" not in p]
    if email == "researcher@example.org":
        page.goto("/proposals/")
        proposals = [
            p for p in _links(page, "/proposals/") if p.rstrip("/").split("/")[-1].isdigit()
        ]
        for proposal in proposals[:2]:
            paths += [
                f"{proposal.rstrip('/')}/{part}/" for part in ("workshops", "mentoring", "fit")
            ]
    page.goto("/adoption/")
    paths.append("/adoption/")
    paths += (
        _links(page, "/adoption/municipalities/")[:2] + _links(page, "/adoption/technologies/")[:2]
    )
    if email == "officer@example.org":
        paths.append("/adoption/record/")
        page.goto("/municipalities/")
        cities = [p for p in _links(page, "/municipalities/") if p.rstrip("/")[-1].isdigit()]
        paths += [f"{p.rstrip('/')}/history/" for p in cities[:2]]
    if email == "manager@example.org":
        paths.append("/mentors/")
    if email == "mentor@example.org":
        page.goto("/mentoring/")
        paths += ["/dashboard/mentor/", "/mentoring/", *_links(page, "/proposals/")]
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("persona", PEOPLE)
def test_incubation_pages_pass_axe_and_fit_the_screen(browser, demo_site, persona):
    context = new_context(browser, demo_site.url)
    page = context.new_page()
    email = PEOPLE[persona]
    problems = []
    try:
        if email:
            sign_in(page, email)
        for language in ("th", "en"):
            switch_language(page, language)
            paths = _pages(page, email)
            assert len(paths) > 2, paths
            for path in paths:
                response = page.goto(path)
                where = f"{path} ({language}, {persona})"
                if response.status >= 400:
                    problems.append(f"{where} answered {response.status}")
                    continue
                problems += [
                    str(f)
                    for f in check_page(page, where, contrast=language == "th")
                    if f.impact in BLOCKING
                ]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
