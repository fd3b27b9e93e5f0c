"""The condition screening adds to the lifecycle's `screen_pass`: every item of the call's
checklist judged for this round and none "not met", and enough reviewers of this round who
accepted and declared no conflict of interest. `reviews/extensions.py` adds it to the
lifecycle, with the screening page as the place where the step is taken."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews.models import Assignment, AssignmentState, ScreeningCheck, ScreeningItem
from reviews.models import ScreeningVerdict as Verdict


def checklist_problems(proposal):
    """What the checklist of the proposal's current round still lacks."""
    items = list(ScreeningItem.objects.filter(call_id=proposal.call_id))
    if not items:
        return [_("The call has no screening checklist yet: set its items first.")]
    verdicts = dict(
        ScreeningCheck.objects.filter(proposal=proposal, round=proposal.round).values_list(
            "item_id", "verdict"
        )
    )
    messages = []
    for item in items:
        verdict = verdicts.get(item.pk)
        if verdict is None:
            messages.append(_("Screening item “%(item)s” has no verdict yet.") % {"item": item})
        elif verdict == Verdict.NOT_MET:
            messages.append(
                _("Screening item “%(item)s” is not met: return the proposal instead.")
                % {"item": item}
            )
    return messages


def reviewer_problems(proposal):
    """What stands between the proposal's reviewers of this round and the number the call
    asks for: missing assignments, and reviewers who have not accepted or declared."""
    needed = proposal.reviewers_needed
    active = list(
        Assignment.objects.filter(
            proposal=proposal, round=proposal.round, state__in=AssignmentState.active()
        ).select_related("reviewer")
    )
    cleared = sum(1 for assignment in active if assignment.is_cleared)
    if cleared >= needed:
        return []
    messages = [
        ngettext(
            "The call needs %(needed)d reviewer who accepted and declared no conflict of "
            "interest; %(cleared)d has so far.",
            "The call needs %(needed)d reviewers who accepted and declared no conflict of "
            "interest; %(cleared)d have so far.",
            needed,
        )
        % {"needed": needed, "cleared": cleared}
    ]
    if len(active) < needed:
        missing = needed - len(active)
        messages.append(
            ngettext(
                "Assign %(count)d more reviewer.",
                "Assign %(count)d more reviewers.",
                missing,
            )
            % {"count": missing}
        )
    for assignment in active:
        name = assignment.reviewer.display_name
        if assignment.state == AssignmentState.INVITED:
            messages.append(_("%(name)s has not accepted the invitation yet.") % {"name": name})
        elif not assignment.is_cleared:
            messages.append(
                _("%(name)s has accepted but not yet declared having no conflict of interest.")
                % {"name": name}
            )
    return messages


def screen_pass_problems(proposal):
    """Why the proposal may not pass screening now (empty when it may)."""
    return checklist_problems(proposal) + reviewer_problems(proposal)


def screening_page(proposal):
    return reverse("reviews:screen", args=[proposal.pk])
