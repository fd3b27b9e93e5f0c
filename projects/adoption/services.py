"""Writes of technology adoption: an officer's record, and the step forward an accepted
progress report makes. Each change is one audit entry on the adoption, in the transaction of
the write that causes it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from projects.models import Adoption, AdoptionStage
from proposals.models import ProgressReportKind, ProposalMunicipality, ProposalTechnology

AUDIT_ACTIONS = [
    ("adoption.recorded", gettext_lazy("Technology adoption recorded"), None),
    ("adoption.advanced", gettext_lazy("Technology adoption moved forward by a report"), None),
]

# The stage an accepted report shows a project's technologies have reached in its cities.
STAGE_OF_REPORT = {
    ProgressReportKind.CONTRACT: AdoptionStage.INTERESTED,
    **dict.fromkeys(ProgressReportKind.periodic(), AdoptionStage.PILOTING),
    ProgressReportKind.FINAL: AdoptionStage.ADOPTED,
}


@transaction.atomic
def record_stage(
    *,
    actor,
    municipality,
    technology,
    stage,
    since,
    evidence="",
    evidence_url="",
    provider="",
    projects=(),
):
    """An officer records where a city stands with a technology (any stage, dropped too)."""
    if stage not in AdoptionStage.values:
        raise ValidationError({"stage": _("Choose a stage.")})
    if since > timezone.localdate():
        raise ValidationError({"since": _("The date cannot be in the future.")})
    for project in projects:
        if not ProposalMunicipality.objects.filter(
            proposal=project, municipality=municipality
        ).exists():
            raise ValidationError(
                {"projects": _("A project chosen does not work in this municipality.")}
            )
    adoption = (
        Adoption.objects.select_for_update()
        .filter(municipality=municipality, technology=technology)
        .first()
    ) or Adoption(municipality=municipality, technology=technology)
    from_stage = adoption.stage if adoption.pk else ""
    adoption.stage, adoption.since = stage, since
    adoption.evidence, adoption.evidence_url, adoption.provider = evidence, evidence_url, provider
    adoption.full_clean(exclude=["projects"])
    adoption.save()
    adoption.projects.add(*projects)
    audit.record(
        actor=actor,
        action="adoption.recorded",
        obj=adoption,
        from_state=from_stage,
        to_state=stage,
        data={"since": since.isoformat()},
    )
    return adoption


def stage_after(current, target, *, elsewhere=True):
    """The stage a city reaches with a technology when an accepted report shows `target`
    (STAGE_OF_REPORT) and it stood at `current` ("" for nothing yet), or None when it stays.
    Forward only; dropped stays dropped. A final report (adopted) where the city had already
    adopted the technology before this project finished (through another project, or as an
    officer recorded) takes it further: scaled up. `elsewhere` is False when the adoption
    rests on this project alone: a project cannot scale up what only it adopted."""
    if current == AdoptionStage.DROPPED:
        return None
    if current == AdoptionStage.ADOPTED and target == AdoptionStage.ADOPTED:
        return AdoptionStage.SCALED if elsewhere else None
    if current and AdoptionStage.rank(current) >= AdoptionStage.rank(target):
        return None
    return target


def advance_from_report(*, actor, report):
    """Move forward, never back, the adoption of each technology of the report's project in
    each of its municipalities, to the stage the report shows (`stage_after`): interested on
    the contract, piloting on the 6- and 12-month reports, adopted on the final report, and
    scaled up on a final report where the city had already adopted it. A dropped technology
    stays dropped. Call it inside the transaction that accepts the report."""
    target = STAGE_OF_REPORT.get(report.kind)
    if target is None:
        return []
    proposal = report.proposal
    technologies = list(
        ProposalTechnology.objects.filter(proposal=proposal).values_list("technology", flat=True)
    )
    cities = list(
        ProposalMunicipality.objects.filter(proposal=proposal).values_list(
            "municipality", flat=True
        )
    )
    since = min(report.period_end or timezone.localdate(), timezone.localdate())
    changed = []
    for municipality_id in cities:
        for technology_id in technologies:
            adoption = (
                Adoption.objects.select_for_update()
                .filter(municipality_id=municipality_id, technology_id=technology_id)
                .first()
            )
            if adoption is None:
                adoption = Adoption(
                    municipality_id=municipality_id, technology_id=technology_id, stage=""
                )
            elsewhere = adoption.pk is None or set(
                adoption.projects.values_list("pk", flat=True)
            ) != {proposal.pk}
            reached = stage_after(adoption.stage, target, elsewhere=elsewhere)
            if reached:
                from_stage = adoption.stage
                adoption.stage, adoption.since = reached, since
                adoption.provider = adoption.provider or proposal.lead.organisation
                adoption.save()
                audit.record(
                    actor=actor,
                    action="adoption.advanced",
                    obj=adoption,
                    from_state=from_stage,
                    to_state=reached,
                    data={"report": report.pk, "project": proposal.reference},
                )
                changed.append(adoption)
            adoption.projects.add(proposal)
    return changed
