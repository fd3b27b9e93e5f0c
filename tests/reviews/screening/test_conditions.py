"""The condition screening adds to screen_pass: each missing piece refuses with its own
message, and a proposal with everything in place passes to review."""

import pytest
from django.utils import translation

from proposals.lifecycle import services
from proposals.models import ProposalState
from reviews.models import Assignment, AssignmentState, ScreeningCheck
from reviews.models import ScreeningVerdict as V
from reviews.screening.checks import screen_pass_problems
from tests.reviews.screening.builders import (
    a_call,
    a_reviewer,
    assign,
    checklist,
    cleared,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(officer):
    """A submitted proposal whose call wants 2 reviewers: every item met or not applicable
    and two cleared reviewers. Each test takes one piece away."""
    call = a_call(reviewers_per_proposal=2)
    proposal = submitted(call)
    items = checklist(call, 3)
    for item, verdict in zip(items, [V.MET, V.MET, V.NOT_APPLICABLE], strict=True):
        ScreeningCheck.objects.create(proposal=proposal, item=item, round=1, verdict=verdict)
    reviewers = [a_reviewer(f"r{n}@example.org") for n in (1, 2)]
    assignments = [cleared(proposal, reviewer) for reviewer in reviewers]
    return {"proposal": proposal, "items": items, "assignments": assignments}


def problems(proposal):
    with translation.override("en"):
        return screen_pass_problems(proposal)


def test_everything_in_place_lets_the_proposal_pass_to_review(ready, officer):
    assert problems(ready["proposal"]) == []
    moved = services.transition(proposal=ready["proposal"], name="screen_pass", actor=officer)
    assert moved.state == ProposalState.IN_REVIEW


def test_the_condition_is_registered_with_the_lifecycle(ready, officer):
    ScreeningCheck.objects.filter(item=ready["items"][0]).delete()
    with translation.override("en"), pytest.raises(services.TransitionError) as refused:
        services.transition(proposal=ready["proposal"], name="screen_pass", actor=officer)
    assert refused.value.messages == ["Screening item “Item 1” has no verdict yet."]


def test_a_call_without_checklist_refuses(officer):
    proposal = submitted(a_call(reviewers_per_proposal=1))
    cleared(proposal, a_reviewer())
    assert problems(proposal) == ["The call has no screening checklist yet: set its items first."]


def test_each_item_without_verdict_is_named(ready):
    ScreeningCheck.objects.filter(item__in=ready["items"][1:]).delete()
    assert problems(ready["proposal"]) == [
        "Screening item “Item 2” has no verdict yet.",
        "Screening item “Item 3” has no verdict yet.",
    ]


def test_an_item_not_met_refuses(ready):
    ScreeningCheck.objects.filter(item=ready["items"][1]).update(verdict=V.NOT_MET)
    assert problems(ready["proposal"]) == [
        "Screening item “Item 2” is not met: return the proposal instead."
    ]


def test_verdicts_of_an_earlier_round_do_not_count(ready):
    ScreeningCheck.objects.filter(proposal=ready["proposal"]).update(round=0)
    assert len(problems(ready["proposal"])) == 3


def test_missing_reviewers_are_counted(ready):
    ready["assignments"][1].delete()
    assert problems(ready["proposal"]) == [
        "The call needs 2 reviewers who accepted and declared no conflict of interest; "
        "1 have so far.",
        "Assign 1 more reviewer.",
    ]


def test_reviewers_who_have_not_accepted_or_declared_are_named(ready):
    first, second = ready["assignments"]
    Assignment.objects.filter(pk=first.pk).update(state=AssignmentState.INVITED)
    first.coi_declared_at = None
    first.save(update_fields=["coi_declared_at"])
    second.coi_declared_at = None
    second.save()
    first_name = first.reviewer.full_name_en
    second_name = second.reviewer.full_name_en
    assert problems(ready["proposal"]) == [
        "The call needs 2 reviewers who accepted and declared no conflict of interest; "
        "0 have so far.",
        f"{first_name} has not accepted the invitation yet.",
        f"{second_name} has accepted but not yet declared having no conflict of interest.",
    ]


@pytest.mark.parametrize(
    "state", [AssignmentState.DECLINED, AssignmentState.CONFLICT, AssignmentState.CANCELLED]
)
def test_ended_assignments_do_not_count(ready, state):
    Assignment.objects.filter(pk=ready["assignments"][0].pk).update(state=state)
    assert problems(ready["proposal"])[-1] == "Assign 1 more reviewer."


def test_a_review_already_submitted_counts_as_cleared(ready):
    Assignment.objects.filter(pk=ready["assignments"][0].pk).update(state=AssignmentState.SUBMITTED)
    assert problems(ready["proposal"]) == []


def test_reviewers_of_an_earlier_round_do_not_count(ready):
    proposal = ready["proposal"]
    type(proposal).objects.filter(pk=proposal.pk).update(round=2)
    proposal = type(proposal).objects.get(pk=proposal.pk)
    ScreeningCheck.objects.filter(proposal=proposal).update(round=2)
    assign(proposal, a_reviewer())  # invited in round 2
    found = problems(proposal)
    assert found[1] == "Assign 1 more reviewer."
