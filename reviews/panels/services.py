"""The one write of the panel discussion: a comment, with the members it mentions notified in
the app and by email after the commit."""

import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import Proposal
from reviews.assignment.rules import can_assign
from reviews.models import Assignment, AssignmentState, PanelRole, PanelSummary, Recommendation
from reviews.panels import notices, rules, selectors

MAX_LENGTH = 5000
MENTION = re.compile(r"@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("panel.comment", gettext_lazy("Panel comment written"), None),
    ("panel.role", gettext_lazy("Role on the panel changed"), None),
    ("panel.summary", gettext_lazy("Panel consensus saved"), None),
]


@transaction.atomic
def save_summary(*, actor, proposal, score, recommendation, summary):
    """The chair's consensus of the proposal's current round (kept, or replaced by a later
    save of the same round): the panel's score on 0–100, its recommendation and a summary.
    PermissionDenied for anyone but the round's chair with their own review submitted;
    ValidationError for a score off 0–100, an unknown recommendation or no summary."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    assignments = selectors.round_assignments(locked)
    if not rules.is_chair(actor, locked, assignments):
        raise PermissionDenied
    errors = []
    if score is None or not Decimal("0") <= Decimal(score) <= Decimal("100"):
        errors.append(_("The panel score is between 0 and 100."))
    if recommendation not in Recommendation.values:
        errors.append(_("Choose the panel's recommendation."))
    if not (summary or "").strip():
        errors.append(_("Write the summary of the panel's consensus."))
    if errors:
        raise ValidationError(errors)
    saved, created = PanelSummary.objects.update_or_create(
        proposal=locked,
        round=locked.round,
        defaults={
            "chair": actor,
            "score": Decimal(score).quantize(Decimal("0.01")),
            "recommendation": recommendation,
            "summary": summary.strip(),
        },
    )
    audit.record(
        actor=actor,
        action="panel.summary",
        obj=locked,
        data={
            "round": locked.round,
            "score": str(saved.score),
            "recommendation": recommendation,
            "replaced": not created,
        },
    )
    return saved


@transaction.atomic
def set_panel_role(*, actor, assignment, role):
    """Give `assignment` its role on the proposal's panel (chair, reviewer, external), on
    behalf of a funding officer. A round has at most one chair: naming another is refused
    until the first is given another role. Returns the assignment."""
    if not can_assign(actor):
        raise PermissionDenied
    role = PanelRole(role)
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .get(pk=assignment.pk)
    )
    # The proposal's row is the lock that two officers naming two chairs at once share.
    Proposal.objects.select_for_update().get(pk=locked.proposal_id)
    if locked.state not in AssignmentState.active():
        raise ValidationError(_("Only a reviewer who still takes part has a role on the panel."))
    if role == PanelRole.CHAIR and (
        Assignment.objects.filter(
            proposal=locked.proposal_id,
            round=locked.round,
            panel_role=PanelRole.CHAIR,
            state__in=AssignmentState.active(),
        )
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError(
            _("This round already has a chair: give the chair another role first.")
        )
    before = locked.panel_role
    if before == role:
        return locked
    locked.panel_role = role
    locked.save(update_fields=["panel_role"])
    audit.record(
        actor=actor,
        action="panel.role",
        obj=locked,
        data={"round": locked.round, "from": before, "to": role.value},
    )
    return locked


def mentioned(text, assignments):
    """The reviewers of `assignments` whose email address `text` names with @, in order."""
    emails = [email.lower() for email in MENTION.findall(text)]
    people = {a.reviewer.email.lower(): a.reviewer for a in assignments}
    found = []
    for email in emails:
        person = people.get(email)
        if person is not None and person not in found:
            found.append(person)
    return found


@transaction.atomic
def post_comment(*, actor, proposal, text):
    """Add `actor`'s comment to the panel discussion of `proposal`'s current round. Refused
    (PermissionDenied) for anyone who may not join it; ValidationError for an empty or too
    long comment. Returns the comment."""
    locked = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    assignments = selectors.round_assignments(locked)
    if not rules.can_join_panel(actor, locked, assignments):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a comment first."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("A comment is at most %(limit)d characters.") % {"limit": MAX_LENGTH}
        )
    comment = locked.panel_comments.create(round=locked.round, author=actor, text=text)
    people = [person for person in mentioned(text, assignments) if person.pk != actor.pk]
    comment.mentions.set(people)
    audit.record(
        actor=actor,
        action="panel.comment",
        obj=locked,
        data={"round": locked.round, "comment": comment.pk, "mentions": [p.pk for p in people]},
    )
    if people:
        transaction.on_commit(
            lambda: notices.send_mentions(comment=comment, recipients=people), robust=True
        )
    return comment
