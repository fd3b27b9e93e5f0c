"""The condition of a decision (approve, reject, request_revision, invite): in the proposal's
current round at least one review is submitted, and every assignment still standing has its
review submitted. Declined assignments and declared conflicts do not count; neither does an
assignment a funding officer cancelled, which is the officer's recorded override (with its
reason in `cancel_reason` and in the audit log).

`reviews/extensions.py` adds the condition to the lifecycle.
"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews.models import Assignment, AssignmentState, ReviewState

DECISIONS = ("approve", "reject", "request_revision", "invite")

# Assignments that no longer wait for a review.
SET_ASIDE = (AssignmentState.DECLINED, AssignmentState.CONFLICT, AssignmentState.CANCELLED)


def review_counts(pairs):
    """(submitted, missing) from the (assignment state, review state or None) of one round's
    assignments."""
    submitted = missing = 0
    for state, review_state in pairs:
        if state in SET_ASIDE:
            continue
        if review_state == ReviewState.SUBMITTED:
            submitted += 1
        else:
            missing += 1
    return submitted, missing


def messages_for(round_number, submitted, missing):
    """What stands between a round with these counts and a decision (empty: nothing)."""
    if missing:
        return [
            ngettext(
                "%(count)d review of round %(round)d is still missing. A funding officer may "
                "cancel an assignment, with a reason, to decide without it.",
                "%(count)d reviews of round %(round)d are still missing. A funding officer may "
                "cancel an assignment, with a reason, to decide without it.",
                missing,
            )
            % {"count": missing, "round": round_number}
        ]
    if not submitted:
        return [_("No review of round %(round)d has been submitted yet.") % {"round": round_number}]
    return []


def _pairs(proposal):
    return Assignment.objects.filter(proposal=proposal, round=proposal.round).values_list(
        "state", "review__state"
    )


def reviews_in(proposal):
    """The decision condition: messages refusing a decision on `proposal` now."""
    return messages_for(proposal.round, *review_counts(_pairs(proposal)))


def readiness(proposals):
    """{proposal pk: messages} for many proposals, in one query (for list pages)."""
    pairs = {proposal.pk: [] for proposal in proposals}
    rows = Assignment.objects.filter(
        proposal__in=list(pairs), round=F("proposal__round")
    ).values_list("proposal_id", "state", "review__state")
    for proposal_id, state, review_state in rows:
        pairs[proposal_id].append((state, review_state))
    return {
        proposal.pk: messages_for(proposal.round, *review_counts(pairs[proposal.pk]))
        for proposal in proposals
    }


def decision_page(proposal):
    return reverse("reviews:decide", args=[proposal.pk])
