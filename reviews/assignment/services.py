"""Writes of the reviewer pool and the assignments. Every assignment of a call is created
under a lock on the call's row, so that two officers assigning at once cannot push a
reviewer past their maximum; the reviewer hears of it after the commit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts import audit
from accounts.roles import Role
from proposals.models import Call, ProposalState
from reviews.assignment import notices
from reviews.assignment.matching import ReviewerPool
from reviews.assignment.selectors import proposals_for_matching
from reviews.models import Assignment, AssignmentState, ReviewerProfile

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("assignment.create", gettext_lazy("Reviewer assigned"), None),
    ("assignment.cancel", gettext_lazy("Assignment cancelled by the officer"), None),
    ("reviewer_profile.saved", gettext_lazy("Reviewer profile saved"), None),
]

DUE_IN_DAYS = 14
# The states in which a proposal takes reviewers: waiting for screening, or in review
# (a resubmitted revision needs the reviewers of its new round).
ASSIGNABLE_STATES = (ProposalState.SUBMITTED, ProposalState.IN_REVIEW)
CANCELLABLE_STATES = AssignmentState.cancellable()


def default_due_date():
    return timezone.localdate() + datetime.timedelta(days=DUE_IN_DAYS)


def assignment_problems(candidate, proposal):
    """Why the reviewer of `candidate` may not be assigned to `proposal` now."""
    if candidate.assignment_state is not None:
        state = AssignmentState(candidate.assignment_state)
        return [
            _("%(name)s is already assigned in round %(round)s (%(state)s).")
            % {"name": candidate.user.display_name, "round": proposal.round, "state": state.label}
        ]
    problems = [
        _("Conflict of interest: %(reason)s.") % {"reason": reason}
        for reason in candidate.conflicts
    ]
    if not candidate.available:
        problems.append(
            _("%(name)s is not available for new assignments.")
            % {"name": candidate.user.display_name}
        )
    if not candidate.has_room:
        problems.append(
            _("%(name)s already reviews %(load)s proposals of this call, their maximum.")
            % {"name": candidate.user.display_name, "load": candidate.load}
        )
    return problems


def _lock_call(call):
    return Call.objects.select_for_update().get(pk=call.pk)


def create_assignment(*, actor, proposal, reviewer, due_date):
    """Create and audit one assignment (the caller holds the call's lock and checked it)."""
    assignment = Assignment.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        round=proposal.round,
        due_date=due_date,
        assigned_by=actor,
    )
    audit.record(
        actor=actor,
        action="assignment.create",
        obj=assignment,
        to_state=assignment.state,
        data={"round": assignment.round, "due_date": due_date.isoformat()},
    )
    return assignment


@transaction.atomic
def assign_reviewer(*, actor, proposal, reviewer, due_date):
    """Ask `reviewer` to review `proposal` in its current round, due on `due_date`. Refused
    (ValidationError listing every reason) for a non-reviewer, a conflict of interest, a
    reviewer unavailable or at their maximum for the call, someone already assigned this
    round, a due date in the past, or a proposal that takes no reviewers."""
    call = _lock_call(proposal.call)
    proposal = proposals_for_matching().get(pk=proposal.pk)
    if proposal.state not in ASSIGNABLE_STATES:
        raise ValidationError(
            _(
                "Reviewers are assigned while a proposal is submitted or in review; "
                "this one is “%(state)s”."
            )
            % {"state": ProposalState(proposal.state).label}
        )
    if not (reviewer.is_active and reviewer.has_role(Role.REVIEWER)):
        raise ValidationError(_("%(name)s is not a reviewer.") % {"name": reviewer.display_name})
    problems = []
    if due_date < timezone.localdate():
        problems.append(_("The due date is in the past."))
    pool = ReviewerPool(call)
    candidate = next(user for user in pool.users if user.pk == reviewer.pk)
    problems += assignment_problems(pool.candidate(candidate, proposal, []), proposal)
    if problems:
        raise ValidationError(problems)
    assignment = create_assignment(
        actor=actor, proposal=proposal, reviewer=candidate, due_date=due_date
    )
    transaction.on_commit(lambda: notices.send_assigned([assignment]), robust=True)
    return assignment


@transaction.atomic
def cancel_assignment(*, actor, assignment, reason):
    """End an assignment that is still waiting for its review, with a reason: it no longer
    counts among the proposal's reviewers (the officer's recorded override of a missing
    review). The reviewer is told."""
    reason = (reason or "").strip()
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal", "proposal__call", "reviewer")
        .get(pk=assignment.pk)
    )
    if not can_proceed(locked.cancel):
        raise ValidationError(
            _("This assignment is “%(state)s”: only a pending or accepted one is cancelled.")
            % {"state": AssignmentState(locked.state).label}
        )
    if not reason:
        raise ValidationError(_("Give the reason: it is kept and the reviewer reads it."))
    from_state = locked.state
    locked.cancel()
    locked.cancel_reason = reason
    locked.save(update_fields=["state", "cancel_reason"])
    audit.record(
        actor=actor,
        action="assignment.cancel",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=reason,
        data={"round": locked.round},
    )
    transaction.on_commit(lambda: notices.send_cancelled(locked), robust=True)
    return locked


PROFILE_FIELDS = ("keywords_th", "keywords_en", "max_per_call", "is_available")


@transaction.atomic
def save_reviewer_profile(*, actor, reviewer, data):
    """Create or update the pool profile of `reviewer` from validated `data`."""
    profile, created = ReviewerProfile.objects.select_for_update().get_or_create(user=reviewer)
    changed = [name for name in PROFILE_FIELDS if getattr(profile, name) != data[name]]
    for name in PROFILE_FIELDS:
        setattr(profile, name, data[name])
    profile.save()
    if created or changed:
        audit.record(
            actor=actor,
            action="reviewer_profile.saved",
            obj=profile,
            data={"created": created, "changed": changed},
        )
    return profile
