"""The reviewer's answers: accept or decline an invitation, then declare a conflict of
interest or none. Each locks the assignment's row, checks it is still in the state the
answer needs (two presses apply once), moves it by its transition (`Assignment.accept`…),
writes one audit entry and, after the commit, tells the funding officers when the assignment
ends."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts import audit
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from reviews.models import Assignment, AssignmentState
from reviews.reviewing.notices import CONFLICT, DECLINED

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("assignment.accepted", gettext_lazy("Review invitation accepted"), None),
    ("assignment.declined", gettext_lazy("Review invitation declined"), None),
    ("assignment.no_conflict", gettext_lazy("Declared no conflict of interest"), None),
    ("assignment.conflict", gettext_lazy("Declared a conflict of interest"), None),
]


# What the reviewer confirms, kept word for word in the audit entry of the declaration.
NO_CONFLICT_STATEMENT = gettext_lazy(
    "I have no interest in this proposal: I am not a member of its team, I do not work for "
    "the same organisation as any of its members or for a partner municipality, I have no "
    "family, financial or working tie with them, and I will keep the proposal confidential."
)


class AssignmentError(ValidationError):
    """The answer does not fit the assignment as it stands now."""


def _locked(assignment):
    return Assignment.objects.select_for_update().select_related("proposal").get(pk=assignment.pk)


def _refuse_unless(assignment, ok):
    """Refuse (nothing changed) an answer the assignment's state no longer takes."""
    if not ok:
        raise AssignmentError(
            _("This assignment is now “%(state)s”; nothing was changed.")
            % {"state": assignment.get_state_display()}
        )


def _tell_officers(assignment, kind, title, body):
    proposal = assignment.proposal
    transaction.on_commit(
        lambda: notify(
            kind=kind,
            call=proposal.call,
            recipients=funding_officers(),
            title=title,
            body=body,
            url=proposal.get_absolute_url(),
        )
    )


def _names(assignment):
    """The parameters of the officers' messages, each shown in the reader's language."""
    proposal = assignment.proposal
    reviewer = assignment.reviewer
    return {
        "reference": proposal.reference or Localized(lambda: proposal.title),
        "title": Localized(lambda: proposal.title),
        "reviewer": Localized(lambda: reviewer.display_name),
        "round": assignment.round,
    }


@transaction.atomic
def accept_assignment(*, assignment, actor):
    """The reviewer takes the invitation; next comes the conflict-of-interest declaration."""
    locked = _locked(assignment)
    _refuse_unless(locked, can_proceed(locked.accept))
    from_state = locked.state
    locked.accept()
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "responded_at"])
    audit.record(
        actor=actor,
        action="assignment.accepted",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
    )
    return locked


@transaction.atomic
def decline_assignment(*, assignment, actor, reason=""):
    """The reviewer refuses the invitation (the reason is optional); the funding officers
    hear of it so that they can ask someone else."""
    locked = _locked(assignment)
    _refuse_unless(locked, can_proceed(locked.decline))
    reason = (reason or "").strip()
    from_state = locked.state
    locked.decline()
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "responded_at"])
    audit.record(
        actor=actor,
        action="assignment.declined",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=reason,
    )
    names = _names(locked)
    body = Join(
        Message(DECLINED.body[0], **names),
        Message(DECLINED.body[1], reason=reason) if reason else None,
        separator="\n\n",
    )
    _tell_officers(locked, DECLINED, Message(DECLINED.title, **names), body)
    return locked


@transaction.atomic
def declare_no_conflict(*, assignment, actor):
    """The reviewer confirms they have no conflict of interest: the proposal opens to them."""
    locked = _locked(assignment)
    _refuse_unless(
        locked, locked.state == AssignmentState.ACCEPTED and locked.coi_declared_at is None
    )
    locked.coi_declared_at = timezone.now()
    locked.save(update_fields=["coi_declared_at"])
    audit.record(
        actor=actor,
        action="assignment.no_conflict",
        obj=locked,
        from_state=locked.state,
        to_state=locked.state,
        data={"statement": str(NO_CONFLICT_STATEMENT)},
    )
    return locked


@transaction.atomic
def declare_conflict(*, assignment, actor, note):
    """The reviewer declares a conflict of interest: the assignment ends there, before they
    have seen the proposal, and the funding officers hear of it."""
    note = (note or "").strip()
    if not note:
        raise AssignmentError(_("Say what the conflict of interest is."))
    locked = _locked(assignment)
    _refuse_unless(locked, can_proceed(locked.declare_conflict))
    from_state = locked.state
    locked.declare_conflict()
    locked.conflict_note = note
    locked.save(update_fields=["state", "conflict_note"])
    audit.record(
        actor=actor,
        action="assignment.conflict",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=note,
    )
    names = _names(locked)
    body = Join(
        Message(CONFLICT.body[0], **names),
        Message(CONFLICT.body[1], note=note),
        separator="\n\n",
    )
    _tell_officers(locked, CONFLICT, Message(CONFLICT.title, **names), body)
    return locked
