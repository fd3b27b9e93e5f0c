"""What an approved change request does to the project, inside the transaction of
`services.approve_change`: each function applies one kind of change and returns what it
replaced and what it set (`before`, `after`), as JSON."""

import datetime

from django.conf import settings

from indicators import services as indicator_services
from indicators.models import FiscalYear
from projects.changes import checks
from projects.funding import schedule
from projects.funding import services as funding_services
from projects.models import (
    AwardBudget,
    ChangeKind,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from proposals.models import (
    IndicatorContribution,
    ProgressReportKind,
    Proposal,
    ProposalMunicipality,
    TeamMember,
    TeamRole,
)
from proposals.versions.snapshot import take_snapshot

ONE_DAY = datetime.timedelta(days=1)


def _grid_json(grid):
    return {checks.cell_key(*key): str(amount) for key, amount in sorted(grid.items())}


def _apply_budget(change, award, actor):
    before = checks.approved_grid(award)
    after = {key: amount for key, amount in checks.proposed_grid(change).items() if amount}
    years = {
        year.year_be: year for year in FiscalYear.objects.filter(year_be__in={y for _c, y in after})
    }
    AwardBudget.objects.filter(award=award).delete()
    AwardBudget.objects.bulk_create(
        AwardBudget(award=award, category_id=category, fiscal_year=years[year], amount=amount)
        for (category, year), amount in sorted(after.items())
    )
    return {"budget": _grid_json(before)}, {"budget": _grid_json(after)}


def _apply_extension(change, award, actor):
    """The project ends later: the final report's period and due day move with it (and so the
    instalments that wait on it), the periodic reports of the call's cadence that now end
    before the new end are added, and the programme's fiscal years cover the new end."""
    old_end, new_end = award.ends_on, change.new_ends_on
    award.ends_on = new_end
    award.save(update_fields=["ends_on"])
    due_on = new_end + datetime.timedelta(days=settings.PROJECT_REPORT_DUE_DAYS)
    final = (
        ProgressReport.objects.select_for_update()
        .filter(
            proposal=change.proposal,
            kind=ProgressReportKind.FINAL,
            state__in=ProgressReportState.editable(),
        )
        .first()
    )
    added = []
    if final:
        added, final.period_start = _add_periodic_reports(change.proposal, award)
        final.period_end, final.due_on = new_end, due_on
        final.save(update_fields=["period_start", "period_end", "due_on"])
    indicator_services.cover_fiscal_years(
        actor=actor,
        programme=change.proposal.call.programme,
        first_day=award.starts_on,
        last_day=new_end,
        because=change.proposal.reference,
    )
    return (
        {"ends_on": old_end.isoformat()},
        {
            "ends_on": new_end.isoformat(),
            "final_report_due_on": due_on.isoformat(),
            "reports_added": added,
        },
    )


def _add_periodic_reports(proposal, award):
    """Add the periodic reports the call's schedule has between the last one and the award's
    (new) end, each starting the day after the one before; the instalments still waiting for
    the final report that the plan put on one of them wait for it instead. Returns the kinds
    added and the first day of the final report's period."""
    call = proposal.call
    kinds = [template.report_kind for template in call.instalments.all()]
    planned = schedule.reporting_schedule(
        award.starts_on, award.ends_on, kinds, call.report_cadence
    )
    periodic = list(
        ProgressReport.objects.filter(proposal=proposal)
        .exclude(kind=ProgressReportKind.FINAL)
        .order_by("period_end")
    )
    have = {report.kind for report in periodic}
    start = periodic[-1].period_end + ONE_DAY if periodic else award.starts_on
    added = []
    for item in planned:
        if item.kind == ProgressReportKind.FINAL or item.kind in have or item.period_end < start:
            continue
        added.append(
            ProgressReport(
                proposal=proposal,
                kind=item.kind,
                period_start=start,
                period_end=item.period_end,
                due_on=item.due_on,
            )
        )
        start = item.period_end + ONE_DAY
    ProgressReport.objects.bulk_create(added)
    for report in ProgressReport.objects.filter(
        proposal=proposal, kind__in=[r.kind for r in added]
    ):
        Instalment.objects.filter(
            proposal=proposal, state=InstalmentState.SCHEDULED, report_kind=report.kind
        ).update(report=report)
    return [report.kind for report in added], start


def _apply_commitments(change, award, actor):
    """The project's targets become the proposed ones (a cell left empty is no longer
    committed), and the KPI ledger's commitments of the project follow."""
    proposal = change.proposal
    before = checks.committed_targets(proposal)
    after = checks.proposed_targets(change)
    existing = {
        (c.indicator_id, c.fiscal_year.year_be, c.municipality_id): c
        for c in IndicatorContribution.objects.select_for_update()
        .select_related("fiscal_year")
        .filter(proposal=proposal)
    }
    verification = {(key[0], key[2]): c.means_of_verification for key, c in existing.items()}
    years = {
        year.year_be: year for year in FiscalYear.objects.filter(year_be__in={k[1] for k in after})
    }
    for key, contribution in existing.items():
        if key not in after:
            contribution.delete()
        elif contribution.target != after[key]:
            contribution.target = after[key]
            contribution.save(update_fields=["target"])
    IndicatorContribution.objects.bulk_create(
        IndicatorContribution(
            proposal=proposal,
            indicator_id=indicator,
            fiscal_year=years[year],
            municipality_id=town,
            target=value,
            means_of_verification=verification.get((indicator, town), ""),
        )
        for (indicator, year, town), value in sorted(after.items(), key=str)
        if (indicator, year, town) not in existing
    )
    funding_services.record_commitments(proposal)

    def as_json(grid):
        return {checks.target_key(*key): str(value) for key, value in sorted(grid.items(), key=str)}

    return {"targets": as_json(before)}, {"targets": as_json(after)}


def _apply_team(change, award, actor):
    """Efforts change, members leave, the lead may pass to a member who accepted (the old lead
    stays a co-researcher), and partner municipalities join or leave."""
    proposal = Proposal.objects.select_for_update().get(pk=change.proposal_id)
    before = checks.team_snapshot(change.proposal)
    effort, removed, lead, towns = checks.proposed_team(change)
    members = {m.pk: m for m in TeamMember.objects.select_for_update().filter(proposal=proposal)}
    for pk, value in effort.items():
        if pk in members and pk not in removed and members[pk].effort_percent != value:
            members[pk].effort_percent = value
            members[pk].save(update_fields=["effort_percent"])
    new_lead = members[lead]
    if new_lead.user_id != proposal.lead_id:
        for member in members.values():
            if member.role == TeamRole.LEAD:
                member.role = TeamRole.CO_RESEARCHER
                member.save(update_fields=["role"])
        new_lead.role = TeamRole.LEAD
        new_lead.save(update_fields=["role"])
        proposal.lead_id = new_lead.user_id
        proposal.save(update_fields=["lead"])
    TeamMember.objects.filter(proposal=proposal, pk__in=removed).delete()
    partners = set(proposal.municipalities.values_list("municipality_id", flat=True))
    ProposalMunicipality.objects.filter(
        proposal=proposal, municipality_id__in=partners - towns, is_lead=False
    ).delete()
    ProposalMunicipality.objects.bulk_create(
        ProposalMunicipality(proposal=proposal, municipality_id=town, is_lead=False)
        for town in sorted(towns - partners)
    )
    fresh = Proposal.objects.prefetch_related("team", "municipalities__municipality").get(
        pk=proposal.pk
    )
    return {"team": before}, {"team": checks.team_snapshot(fresh)}


def with_versions(apply):
    """Changes of the proposal's own parts (its team, municipalities and commitments) store a
    version of the proposal just before and just after, which its versions page compares;
    `after["versions"]` names the two."""

    def applied(change, award, actor):
        first = take_snapshot(proposal=change.proposal, actor=actor)
        before, after = apply(change, award, actor)
        second = take_snapshot(proposal=change.proposal, actor=actor)
        return before, {**after, "versions": [first.number, second.number]}

    return applied


APPLY = {
    ChangeKind.BUDGET: _apply_budget,
    ChangeKind.EXTENSION: _apply_extension,
    ChangeKind.COMMITMENTS: with_versions(_apply_commitments),
    ChangeKind.TEAM: with_versions(_apply_team),
}
