"""Writes of the writing area: starting a proposal and saving its general part and narrative
sections, each save checked against the version the writer loaded."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.models import AuditEntry
from proposals import rules
from proposals.eligibility import checks as eligibility
from proposals.models import (
    Proposal,
    ProposalStage,
    Section,
    SectionKey,
    TeamMember,
    TeamRole,
)
from proposals.stages.checks import accepting_concepts

# The fields of the general part, saved together under Proposal.version.
GENERAL_FIELDS = (
    "title_th",
    "title_en",
    "kind",
    "duration_months",
    "start_month",
    "keywords",
    "summary_th",
    "summary_en",
)

# Autosave writes every few seconds; saves by the same person within this window add to one
# audit entry instead of flooding the history with one entry per pause in typing.
AUDIT_SESSION = timedelta(minutes=30)


def _field_label(name):
    return str(Proposal._meta.get_field(name).verbose_name)


def _describe_general(data):
    names = [_field_label(name) for name in data.get("fields", []) if name in GENERAL_FIELDS]
    return _("Changed: %(what)s.") % {"what": ", ".join(names) or "—"}


def _describe_section(data):
    key = data.get("section", "")
    label = SectionKey(key).label if key in SectionKey.values else key
    return _("Section: %(section)s.") % {"section": label}


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("proposal.created", gettext_lazy("Proposal started"), None),
    ("proposal.general_saved", gettext_lazy("General part saved"), _describe_general),
    ("proposal.section_saved", gettext_lazy("Section saved"), _describe_section),
]


class NotEditable(ValidationError):
    """The proposal is not in a state its team may edit (submitted, approved…)."""


class NotEligible(ValidationError):
    """The applicant does not meet the call's eligibility questions; `outcomes` says why."""

    def __init__(self, outcomes):
        super().__init__([outcome.problem for outcome in outcomes if outcome.problem])
        self.outcomes = outcomes


class StaleVersion(Exception):
    """Someone saved the part after the writer loaded it: the save is refused."""

    def __init__(self, *, saved_at, saved_by=None, version):
        super().__init__("stale version")
        self.saved_at = saved_at
        self.saved_by = saved_by
        self.version = version


@transaction.atomic
def start_proposal(*, actor, call, answers=None):
    """A new draft for an open call, led by `actor`, with the lead as the team's first member
    and one empty section per narrative heading, once the call's eligibility questions are met
    (`answers`: {"q<id>": answer}; NotEligible says which fail and why)."""
    if not call.is_open:
        raise ValidationError(_("This call is not open: proposals cannot be started for it."))
    if call.has_concept_stage and not accepting_concepts(call):
        raise ValidationError(
            _(
                "This call no longer takes concept proposals: only the invited concepts go on "
                "to a full proposal."
            )
        )
    if not rules.can_start_proposal(actor, call):
        raise PermissionDenied
    outcomes = eligibility.outcomes(actor, call.eligibility_questions.all(), answers or {})
    if any(outcome.problem for outcome in outcomes):
        raise NotEligible(outcomes)
    # A two-stage call takes concepts first; its full proposals come only from invitations.
    stage = ProposalStage.CONCEPT if call.has_concept_stage else ProposalStage.FULL
    proposal = Proposal.objects.create(
        call=call, lead=actor, stage=stage, eligibility_answers=eligibility.record(outcomes)
    )
    TeamMember.objects.create(
        proposal=proposal,
        user=actor,
        email=actor.email.lower(),
        name=actor.display_name,
        organisation=actor.organisation,
        organisation_record_id=actor.organisation_record_id,
        role=TeamRole.LEAD,
        accepted_at=timezone.now(),
    )
    Section.objects.bulk_create(Section(proposal=proposal, key=key) for key in SectionKey.values)
    audit.record(
        actor=actor,
        action="proposal.created",
        obj=proposal,
        to_state=proposal.state,
        data={"call": call.code, "eligibility": len(outcomes)},
    )
    return proposal


def _lock_for_editing(actor, proposal):
    """The proposal's row, locked until the save commits, after checking it may be edited now
    (a submission in between wins: nothing is written into a submitted proposal)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not rules.is_team_editor(actor, locked):
        raise PermissionDenied
    if not locked.is_editable:
        raise NotEditable(
            _("This proposal is %(state)s and can no longer be edited.")
            % {"state": locked.get_state_display().lower()}
        )
    return locked


def _record_edit(*, actor, proposal, action, data, merge_key):
    """One audit entry per editing session: a save soon after the same person's previous save
    of the same part widens that entry instead of adding another."""
    latest = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Proposal),
            object_id=str(proposal.pk),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if (
        latest is not None
        and latest.action == action
        and latest.actor_id == actor.pk
        and latest.data.get(merge_key) == data.get(merge_key)
        and timezone.now() - latest.created_at < AUDIT_SESSION
    ):
        fields = sorted(set(latest.data.get("fields", [])) | set(data.get("fields", [])))
        latest.data = {**latest.data, **data, "saves": latest.data.get("saves", 1) + 1}
        if fields:
            latest.data["fields"] = fields
        latest.save(update_fields=["data"])
        return latest
    return audit.record(actor=actor, action=action, obj=proposal, data={**data, "saves": 1})


@transaction.atomic
def save_general(*, actor, proposal, data, version):
    """Save the general part if `version` is the one stored; returns the saved proposal.

    A save that changes nothing succeeds whatever its version (nothing is overwritten), so a
    save sent twice (autosave, then the closing tab's beacon) is not reported as a conflict.
    """
    locked = _lock_for_editing(actor, proposal)
    changed = [name for name in GENERAL_FIELDS if getattr(locked, name) != data[name]]
    if not changed:
        return locked
    if locked.version != version:
        raise StaleVersion(saved_at=locked.updated_at, version=locked.version)
    for name in changed:
        setattr(locked, name, data[name])
    locked.version += 1
    locked.save(update_fields=[*changed, "version", "updated_at"])
    _record_edit(
        actor=actor,
        proposal=locked,
        action="proposal.general_saved",
        data={"part": "general", "fields": changed},
        merge_key="part",
    )
    return locked


@transaction.atomic
def save_section(*, actor, proposal, key, text, version):
    """Save one narrative section if `version` is the one stored; returns the section."""
    key = SectionKey(key)
    locked = _lock_for_editing(actor, proposal)
    # The proposal row is locked, so creating a missing section here cannot race.
    section, _created = Section.objects.select_for_update().get_or_create(proposal=locked, key=key)
    if section.text == text:
        return section
    if section.version != version:
        raise StaleVersion(
            saved_at=section.updated_at, saved_by=section.updated_by, version=section.version
        )
    section.text = text
    section.version += 1
    section.updated_by = actor
    section.save(update_fields=["text", "version", "updated_by", "updated_at"])
    # Touch the proposal so that lists sorted by "updated" show recent writing first.
    Proposal.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    _record_edit(
        actor=actor,
        proposal=locked,
        action="proposal.section_saved",
        data={"section": key.value},
        merge_key="section",
    )
    return section
