"""What a change request must satisfy before it is submitted and again when it is approved: a
reallocation keeps the approved amount, the call's categories, caps and fixed shares, and never
takes a category below what accepted reports already spent; an extension moves the end later, by
no more than the call allows, as many times as it allows, before the final report is in."""

from decimal import Decimal, InvalidOperation

from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import Municipality
from core.thai import format_date, format_money
from indicators.models import ValueType
from indicators.services import fiscal_years_between
from projects.funding.schedule import add_months
from projects.models import (
    AwardBudget,
    ChangeKind,
    ChangePolicy,
    ChangeRequest,
    ChangeState,
    ProgressReport,
    ProgressReportState,
    Spending,
)
from proposals.editing.budget import budget_summary
from proposals.editing.selectors import eligible_municipalities
from proposals.models import IndicatorContribution, ProgressReportKind

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def policy_for(call):
    """The call's rules for change requests, or the defaults (unsaved) when it set none."""
    try:
        return call.change_policy
    except ChangePolicy.DoesNotExist:
        return ChangePolicy(call=call)


# The budget grid: {(category id, fiscal year B.E.): amount} ---------------------------------


def cell_key(category_id, year_be):
    return f"{category_id}:{year_be}"


def approved_grid(award):
    """The award's approved budget as a grid."""
    cells = AwardBudget.objects.filter(award=award).values_list(
        "category_id", "fiscal_year__year_be", "amount"
    )
    return {(category, year): amount for category, year, amount in cells}


def proposed_grid(change):
    """The grid a reallocation proposes (an empty or unreadable cell counts as missing)."""
    grid = {}
    for key, value in (change.budget or {}).items():
        category, _sep, year = key.partition(":")
        try:
            grid[(int(category), int(year))] = Decimal(value)
        except (ValueError, InvalidOperation):
            continue
    return grid


def grid_years(award):
    """The fiscal years (B.E.) a reallocation may use: those of the project's period."""
    return fiscal_years_between(award.starts_on, award.ends_on)


def moved_amount(before, after):
    """How much a reallocation moves: the sum of what the cells that grow gain."""
    keys = set(before) | set(after)
    return sum((max(after.get(key, ZERO) - before.get(key, ZERO), ZERO) for key in keys), ZERO)


def officer_decides_alone(change):
    """Whether the call leaves this change to an officer: a reallocation that moves no more
    than the call's share of the approved amount, or any extension when the call says so."""
    policy = policy_for(change.proposal.call)
    if change.kind == ChangeKind.EXTENSION:
        return policy.officer_approves_extensions
    if change.kind in (ChangeKind.COMMITMENTS, ChangeKind.TEAM):
        return False  # what the programme expects, and who delivers it, the managers decide
    award = change.proposal.award
    moved = moved_amount(approved_grid(award), proposed_grid(change))
    return moved * HUNDRED <= policy.officer_share_percent * award.amount


def budget_problems(change):
    """Why the proposed grid cannot replace the approved one (empty: it can)."""
    proposal = change.proposal
    award = proposal.award
    grid = proposed_grid(change)
    problems = []
    if any(amount < 0 for amount in grid.values()):
        problems.append(_("Amounts cannot be negative."))
    years = set(grid_years(award))
    if any(year not in years for _category, year in grid):
        problems.append(_("A fiscal year is outside the project's period."))
    total = sum(grid.values(), ZERO)
    if total != award.amount:
        problems.append(
            _(
                "The budget adds up to %(total)s baht but the approved amount is %(approved)s "
                "baht: a reallocation keeps the total."
            )
            % {"total": format_money(total), "approved": format_money(award.amount)}
        )
    if grid == approved_grid(award):
        problems.append(_("The proposed budget is the approved one: nothing would change."))
    allowed = {category.pk for category in proposal.call.budget_categories.all()}
    if any(category not in allowed for category, _year in grid):
        problems.append(_("A budget category does not belong to this call."))
        return problems
    problems += [breach.message for breach in budget_summary(proposal, matrix=grid).breaches]
    spent = (
        Spending.objects.filter(
            report__proposal=proposal, report__state=ProgressReportState.ACCEPTED
        )
        .values("category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    names = {category.pk: category.name for category in proposal.call.budget_categories.all()}
    for row in spent:
        planned = sum((v for (c, _y), v in grid.items() if c == row["category"]), ZERO)
        if planned < row["total"]:
            problems.append(
                _(
                    "“%(category)s” would get %(planned)s baht but accepted reports already "
                    "spent %(spent)s baht."
                )
                % {
                    "category": names.get(row["category"], "?"),
                    "planned": format_money(planned),
                    "spent": format_money(row["total"]),
                }
            )
    return problems


def extension_problems(change):
    """Why the project cannot end on the proposed day (empty: it can)."""
    proposal = change.proposal
    award = proposal.award
    policy = policy_for(proposal.call)
    new_end = change.new_ends_on
    problems = []
    if new_end is None:
        return [_("Give the new end of the project.")]
    if new_end <= award.ends_on:
        problems.append(
            _("The new end must come after the current end, %(date)s.")
            % {"date": format_date(award.ends_on)}
        )
    latest = add_months(award.ends_on, policy.max_extension_months)
    if new_end > latest:
        problems.append(
            _("The call allows an extension of at most %(months)s months, to %(date)s.")
            % {"months": policy.max_extension_months, "date": format_date(latest)}
        )
    granted = (
        ChangeRequest.objects.filter(
            proposal=proposal, kind=ChangeKind.EXTENSION, state=ChangeState.APPROVED
        )
        .exclude(pk=change.pk)
        .count()
    )
    if granted >= policy.max_extensions:
        problems.append(
            _("The call allows %(count)s extension(s) and this project had them already.")
            % {"count": policy.max_extensions}
        )
    final = ProgressReport.objects.filter(proposal=proposal, kind=ProgressReportKind.FINAL).first()
    if final is not None and final.state not in ProgressReportState.editable():
        problems.append(
            _("The final report is already submitted: the project can no longer be extended.")
        )
    return problems


def change_problems(change):
    """Every reason `change` cannot be submitted or approved as it stands."""
    problems = []
    if not (change.reason or "").strip():
        problems.append(_("Give the reason for the change."))
    if change.kind == ChangeKind.BUDGET:
        problems += budget_problems(change)
    elif change.kind == ChangeKind.EXTENSION:
        problems += extension_problems(change)
    elif change.kind == ChangeKind.COMMITMENTS:
        problems += commitment_problems(change)
    elif change.kind == ChangeKind.TEAM:
        problems += team_problems(change)
    return problems


# Indicator commitments: {(indicator id, fiscal year B.E., municipality id or None): target} --


def target_key(indicator_id, year_be, municipality_id):
    return f"{indicator_id}:{year_be}:{municipality_id or 0}"


def committed_targets(proposal):
    """The project's commitments as a grid."""
    cells = IndicatorContribution.objects.filter(proposal=proposal).values_list(
        "indicator_id", "fiscal_year__year_be", "municipality_id", "target"
    )
    return {(indicator, year, town): target for indicator, year, town, target in cells}


def proposed_targets(change):
    """The commitments a request proposes (an unreadable cell counts as missing)."""
    grid = {}
    for key, value in (change.targets or {}).items():
        try:
            indicator, year, town = (int(part) for part in key.split(":"))
            grid[(indicator, year, town or None)] = Decimal(value)
        except (ValueError, InvalidOperation):
            continue
    return grid


def target_lines(proposal):
    """The (indicator, municipality) lines the project committed to, in the indicators'
    order: a request changes their targets per fiscal year."""
    contributions = IndicatorContribution.objects.filter(proposal=proposal).select_related(
        "indicator", "municipality"
    )
    lines = {(c.indicator_id, c.municipality_id): c for c in contributions}
    return sorted(
        ((c.indicator, c.municipality) for c in lines.values()),
        key=lambda line: (line[0].code, line[1].pk if line[1] else 0),
    )


def commitment_problems(change):
    """Why the proposed targets cannot replace the project's commitments (empty: they can)."""
    proposal = change.proposal
    grid = proposed_targets(change)
    lines = {
        (indicator.pk, town.pk if town else None): indicator
        for indicator, town in target_lines(proposal)
    }
    years = set(grid_years(proposal.award))
    problems = []
    if any((indicator, town) not in lines for indicator, _year, town in grid):
        problems.append(_("A target is for an indicator the project did not commit to."))
    if any(year not in years for _indicator, year, _town in grid):
        problems.append(_("A fiscal year is outside the project's period."))
    if any(value < 0 for value in grid.values()):
        problems.append(_("Targets cannot be negative."))
    for (indicator, _year, town), value in grid.items():
        line = lines.get((indicator, town))
        if line is not None and line.value_type == ValueType.YES_NO and value not in (0, 1):
            problems.append(
                _("%(indicator)s is a yes/no indicator: its target is 0 or 1.")
                % {"indicator": line.code}
            )
            break
    if not grid:
        problems.append(_("Give at least one target."))
    elif grid == committed_targets(proposal):
        problems.append(_("The proposed targets are the committed ones: nothing would change."))
    return problems


# The team and the partner municipalities -----------------------------------------------------


def team_members_of(proposal):
    """The lead and the members who accepted, in the team's order (who a request may change)."""
    return [
        member
        for member in proposal.team.all()
        if member.has_accepted or member.user_id == proposal.lead_id
    ]


def lead_member(proposal):
    return next((m for m in proposal.team.all() if m.user_id == proposal.lead_id), None)


def proposed_team(change):
    """(effort {member id: %}, removed member ids, new lead's member id, municipality ids)."""
    data = change.team or {}
    effort = {}
    for key, value in (data.get("effort") or {}).items():
        try:
            effort[int(key)] = Decimal(value)
        except (ValueError, InvalidOperation):
            continue
    removed = {int(pk) for pk in data.get("remove") or []}
    towns = {int(pk) for pk in data.get("municipalities") or []}
    return effort, removed, data.get("lead"), towns


def team_snapshot(proposal, change=None):
    """The team and partner municipalities as they read: now, or as `change` proposes."""
    members = team_members_of(proposal)
    partners = {p.municipality_id: p.municipality for p in proposal.municipalities.all()}
    lead = lead_member(proposal)
    lead_id, effort, removed, towns = (lead.pk if lead else None), {}, set(), set(partners)
    if change is not None:
        effort, removed, proposed_lead, towns = proposed_team(change)
        lead_id = proposed_lead or lead_id
    names = {m.pk: m.name or m.email for m in members}
    team = {
        names[m.pk]: ["lead" if m.pk == lead_id else "co", str(effort.get(m.pk, m.effort_percent))]
        for m in members
        if m.pk not in removed
    }
    added = towns - set(partners)
    extra = {t.pk: t for t in Municipality.objects.filter(pk__in=added)} if added else {}
    every = {**partners, **extra}
    return {
        "team": team,
        "municipalities": sorted(str(every[pk]) for pk in towns if pk in every),
    }


def team_problems(change):
    """Why the proposed team and municipalities cannot replace the current ones."""
    proposal = change.proposal
    members = {m.pk: m for m in team_members_of(proposal)}
    effort, removed, lead, towns = proposed_team(change)
    problems = []
    named = [*effort, *removed, *([lead] if lead else [])]
    if any(pk not in members for pk in named):
        problems.append(_("A person is not a member of the team."))
    if any(not 0 <= value <= HUNDRED for value in effort.values()):
        problems.append(_("Effort is between 0 and 100%."))
    new_lead = members.get(lead)
    if new_lead is None or new_lead.user_id is None:
        problems.append(_("Choose the lead among the members who accepted."))
    elif lead in removed:
        problems.append(_("The lead cannot leave the team."))
    partners = {p.municipality_id: p for p in proposal.municipalities.all()}
    if any(p.is_lead and pk not in towns for pk, p in partners.items()):
        problems.append(_("The lead municipality stays a partner."))
    eligible = set(eligible_municipalities(proposal.call).values_list("pk", flat=True))
    if towns - set(partners) - eligible:
        problems.append(_("A municipality is not eligible for this call."))
    leaving = set(partners) - towns
    committed = IndicatorContribution.objects.filter(proposal=proposal, municipality__in=leaving)
    for town in sorted({str(c.municipality) for c in committed.select_related("municipality")}):
        problems.append(
            _(
                "%(municipality)s has targets: move them first with a request of indicator "
                "commitments."
            )
            % {"municipality": town}
        )
    if not problems and team_snapshot(proposal, change) == team_snapshot(proposal):
        problems.append(_("The proposed team is the current one: nothing would change."))
    return problems
