"""The main journeys with the keyboard only (Tab, Enter, Space, arrows and typing), with the
focus visible at every step: a researcher submits a proposal, a reviewer scores it, a programme
manager decides on it. The steps between the journeys that are not theirs (an officer returning
the proposal, passing it to review) are done directly on the demo site's database."""

import pytest

from proposals.demo import today_calendar
from tests.browser.keyboard import activate, button, field, focused, href_has, press, tab_to
from tests.browser.pages import BLOCKING, axe_findings, new_context, sign_in, switch_language
from tests.browser.server import run_in_site

# The demo is dated from today: its open call is of today's fiscal year.
OPEN_CALL = today_calendar().open_code
REFERENCE = f"{OPEN_CALL}-0001"

RETURN_TO_DRAFT = f"""
from accounts.models import User
from proposals.lifecycle.services import transition
from proposals.models import Proposal
proposal = Proposal.objects.get(reference="{REFERENCE}")
officer = User.objects.get(email="officer@example.org")
transition(proposal=proposal, name="return", actor=officer, comment="Please check the budget.")
"""

# In review, with the demo reviewer's assignment in the proposal's current round (the
# resubmission began a new one).
PASS_TO_REVIEW = f"""
from proposals.models import Proposal, ProposalState
from reviews.models import Assignment
proposal = Proposal.objects.get(reference="{REFERENCE}")
Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW)
Assignment.objects.filter(proposal=proposal).update(round=proposal.round)
"""


@pytest.fixture(scope="module")
def journeys(browser, demo_site):
    """One browser context per person, in English (the texts matched below)."""
    contexts = []

    def open_as(email):
        context = new_context(browser, demo_site.url)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, email)
        switch_language(page, "en")
        return page

    yield open_as
    for context in contexts:
        context.close()


def serious_problems(page):
    """The serious or critical axe findings of the page now open (the pages of the journeys
    the walk of test_accessibility cannot reach: the review form, the decision…)."""
    return [str(f) for f in axe_findings(page, page.url) if f.impact in BLOCKING]


def skip_to_content(page):
    """The first Tab of a page reaches the skip link; Enter moves on to the content."""
    info = press(page, "Tab")
    assert info["href"] == "#main", f"the first Tab stop is {info}"
    page.keyboard.press("Enter")


def test_keyboard_journeys(demo_site, journeys):
    run_in_site(demo_site, RETURN_TO_DRAFT)
    problems = []

    # A researcher submits the proposal the officer returned.
    page = journeys("researcher@example.org")
    page.goto("/proposals/")
    skip_to_content(page)
    tab_to(page, lambda info: REFERENCE in info["text"] or "/proposals/" in info["href"])
    activate(page)
    tab_to(page, href_has("/check/"))
    activate(page)
    problems += serious_problems(page)
    tab_to(page, button(text="Submit"))
    activate(page)
    assert "Submitted" in page.inner_text("main"), page.inner_text("main")[:500]

    # The reviewer accepts, declares no conflict and, once the proposal is in review, scores it.
    page = journeys("reviewer@example.org")
    page.goto("/reviews/my/")
    skip_to_content(page)
    tab_to(page, href_has("/answer/"))
    activate(page)
    tab_to(page, button(name="answer", value="accept"))
    activate(page)
    if "/declaration/" not in page.url:
        page.goto("/reviews/my/")
        tab_to(page, href_has("/declaration/"))
        activate(page)
    tab_to(page, field("answer"))  # the first answer, "no conflict"
    press(page, "Space")
    tab_to(page, field("confirm"))
    press(page, "Space")
    tab_to(page, button(text="Record my declaration"))
    activate(page)
    run_in_site(demo_site, PASS_TO_REVIEW)
    page.goto("/reviews/my/")
    skip_to_content(page)
    tab_to(page, href_has("/proposal/"))
    activate(page)
    tab_to(page, href_has("/review/"))
    activate(page)
    problems += serious_problems(page)
    score_every_criterion(page)
    tab_to(page, button(name="action", value="submit"))
    activate(page)
    assert "submitted" in page.inner_text("main").lower(), page.inner_text("main")[:500]

    # The programme manager opens the decision from the ranking in one step and approves.
    page = journeys("manager@example.org")
    page.goto(f"/reviews/calls/{OPEN_CALL}/ranking/")
    skip_to_content(page)
    tab_to(page, lambda info: info["href"].endswith("/decide/") and "/calls/" not in info["href"])
    activate(page)
    problems += serious_problems(page)
    tab_to(page, field("outcome"))  # the first outcome: approve
    press(page, "Space")
    tab_to(page, field("comment"))
    page.keyboard.type("Approved as ranked.")
    tab_to(page, button(text="Record the decision"))
    activate(page)
    assert "Approved" in page.inner_text("main"), page.inner_text("main")[:500]
    problems += serious_problems(page)
    assert not problems, "\n".join(problems)


def test_a_failed_form_sums_up_its_errors_and_takes_the_focus(browser, demo_site):
    context = new_context(browser, demo_site.url)
    try:
        page = context.new_page()
        page.goto("/accounts/signup/")
        skip_to_content(page)
        tab_to(page, button())
        activate(page)
        summary = focused(page)
        assert summary["ok"] and "error-summary" in page.evaluate(
            "document.activeElement.className"
        ), summary
        targets = page.eval_on_selector_all(
            ".error-summary a", "links => links.map(link => link.getAttribute('href'))"
        )
        assert "#id_email" in targets and "#id_password1" in targets, targets
        for target in targets:
            described = page.get_attribute(target, "aria-describedby") or ""
            assert f"{target[1:]}_error" in described.split(), (target, described)
            assert page.locator(f"{target}_error").inner_text().strip()
        tab_to(page, lambda info: info["href"] == "#id_email")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "id_email"
        assert not serious_problems(page)
    finally:
        context.close()


def score_every_criterion(page):
    """Tab through the review form: in each group of score buttons press the right arrow twice
    (the third score), write in each text box, and pick the first choice of each list."""
    names = page.eval_on_selector_all(
        "main form [name]:not([type=hidden])", "fields => [...new Set(fields.map(f => f.name))]"
    )
    for name in names:
        if name == "action":
            continue
        info = tab_to(page, field(name))
        if info["type"] == "radio":
            press(page, "ArrowRight")
            press(page, "ArrowRight")
        elif info["tag"] == "textarea":
            page.keyboard.type("Clear aims and a sound budget.")
        elif info["tag"] == "select":
            press(page, "ArrowDown")
