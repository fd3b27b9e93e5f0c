"""Writes of mentoring: each in one transaction, with row locks and one audit entry.

The audit entries name the thread and the part, never the words of a comment, so that a
history page shows that mentoring happened without showing what was said."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.roles import Role
from proposals.mentoring import notices, rules, selectors
from proposals.models import (
    DraftPart,
    DraftShare,
    MentorAssignment,
    MentorMessage,
    MentorThread,
    Proposal,
)
from proposals.rules import is_team_editor

AUDIT_ACTIONS = [
    ("mentor.assigned", gettext_lazy("Mentor assigned"), None),
    ("mentor.assignment_ended", gettext_lazy("Mentor's assignment ended"), None),
    ("mentor.draft_shared", gettext_lazy("Draft shared with a mentor"), None),
    ("mentor.sharing_stopped", gettext_lazy("Draft no longer shared with a mentor"), None),
    ("mentor.commented", gettext_lazy("Mentor commented on the draft"), None),
    ("mentor.answered", gettext_lazy("Answer in a mentor's thread"), None),
    ("mentor.thread_resolved", gettext_lazy("Mentor's thread resolved"), None),
]


@transaction.atomic
def assign_mentor(*, actor, programme, mentor, municipality=None, proposal=None):
    """Assign `mentor` (who must hold the mentor role) to a municipality or to a team."""
    if not mentor.has_role(Role.MENTOR):
        raise ValidationError({"mentor": _("This person does not hold the mentor role.")})
    if (municipality is None) == (proposal is None):
        raise ValidationError(_("Choose a municipality or a team, not both."))
    assignment = MentorAssignment(
        programme=programme, mentor=mentor, municipality=municipality, proposal=proposal
    )
    assignment.full_clean()
    duplicate = MentorAssignment.objects.select_for_update().filter(
        programme=programme,
        mentor=mentor,
        municipality=municipality,
        proposal=proposal,
        ended_at__isnull=True,
    )
    if duplicate.exists():
        raise ValidationError(_("This mentor is already assigned there."))
    assignment.save()
    audit.record(actor=actor, action="mentor.assigned", obj=assignment)
    transaction.on_commit(partial(notices.assigned, assignment))
    return assignment


@transaction.atomic
def end_assignment(*, actor, assignment):
    locked = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.ended_at is not None:
        raise ValidationError(_("This assignment has already ended."))
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    audit.record(actor=actor, action="mentor.assignment_ended", obj=locked)
    return locked


def _locked_proposal(proposal):
    return Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)


@transaction.atomic
def share_draft(*, actor, proposal, mentor):
    """The team shares its draft with one of its mentors, on purpose."""
    locked = _locked_proposal(proposal)
    if not rules.can_share(actor, locked):
        raise ValidationError(_("Only the team shares its draft, while it may edit it."))
    if not selectors.mentors_for(locked).filter(pk=mentor.pk).exists():
        raise ValidationError(_("This person is not a mentor of your team or municipalities."))
    if DraftShare.objects.filter(proposal=locked, mentor=mentor, stopped_at__isnull=True).exists():
        raise ValidationError(_("The draft is already shared with this mentor."))
    share = DraftShare.objects.create(proposal=locked, mentor=mentor)
    audit.record(
        actor=actor, action="mentor.draft_shared", obj=locked, data={"mentor": mentor.email}
    )
    transaction.on_commit(partial(notices.shared, share))
    return share


@transaction.atomic
def stop_sharing(*, actor, proposal, mentor):
    """The team stops sharing: the mentor no longer reads the draft nor its threads."""
    locked = _locked_proposal(proposal)
    if not is_team_editor(actor, locked):
        raise ValidationError(_("Only the team stops sharing its draft."))
    share = (
        DraftShare.objects.select_for_update()
        .filter(proposal=locked, mentor=mentor, stopped_at__isnull=True)
        .first()
    )
    if share is None:
        raise ValidationError(_("The draft is not shared with this mentor."))
    share.stopped_at = timezone.now()
    share.save(update_fields=["stopped_at"])
    audit.record(
        actor=actor, action="mentor.sharing_stopped", obj=locked, data={"mentor": mentor.email}
    )


@transaction.atomic
def comment(*, actor, proposal, part, text):
    """A mentor opens a thread on one part of a draft shared with them."""
    locked = _locked_proposal(proposal)
    if not rules.can_mentor(actor, locked):
        raise ValidationError(_("The draft is not shared with you."))
    if part not in DraftPart.values:
        raise ValidationError({"part": _("Choose a part of the proposal.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    thread = MentorThread.objects.create(proposal=locked, part=part, opened_by=actor)
    MentorMessage.objects.create(thread=thread, author=actor, text=text)
    audit.record(actor=actor, action="mentor.commented", obj=thread, data={"part": part})
    transaction.on_commit(partial(notices.commented, thread, actor))
    return thread


@transaction.atomic
def answer(*, actor, thread, text):
    """The team or the mentor answers in an open thread."""
    locked = MentorThread.objects.select_for_update().select_related("proposal").get(pk=thread.pk)
    if not rules.can_open_mentoring(actor, locked.proposal):
        raise ValidationError(_("You may not write in this thread."))
    if locked.is_resolved:
        raise ValidationError(_("This thread is resolved."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    message = MentorMessage.objects.create(thread=locked, author=actor, text=text)
    audit.record(actor=actor, action="mentor.answered", obj=locked, data={"part": locked.part})
    return message


@transaction.atomic
def resolve(*, actor, thread):
    """The team marks a thread resolved."""
    locked = MentorThread.objects.select_for_update().select_related("proposal").get(pk=thread.pk)
    if not rules.can_resolve(actor, locked.proposal):
        raise ValidationError(_("Only the team resolves a thread."))
    if locked.is_resolved:
        raise ValidationError(_("This thread is resolved."))
    locked.resolved_at = timezone.now()
    locked.resolved_by = actor
    locked.save(update_fields=["resolved_at", "resolved_by"])
    audit.record(
        actor=actor, action="mentor.thread_resolved", obj=locked, data={"part": locked.part}
    )
    return locked
