"""What a change request changes, as rows of (what, before, after) in words: the amendment of
the contract and the change request's document list them. An approved request reads what it
replaced and set (`before`, `after`); an undecided one compares the project with the request."""

from django.utils.translation import gettext as _

from core.thai import format_date, format_money
from indicators.models import Indicator
from projects.changes import checks
from projects.models import ChangeKind, ChangeRequest, ChangeState
from proposals.models import BudgetCategory


def _sides(change):
    return change.state == ChangeState.APPROVED


def budget_rows(change):
    if _sides(change):
        before = checks.proposed_grid(ChangeRequest(budget=change.before.get("budget", {})))
        after = checks.proposed_grid(ChangeRequest(budget=change.after.get("budget", {})))
    else:
        before = checks.approved_grid(change.proposal.award)
        after = checks.proposed_grid(change)
    names = {
        c.pk: str(c) for c in BudgetCategory.objects.filter(pk__in={k[0] for k in before | after})
    }
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (names.get(k[0], ""), k[1])):
        old, new = before.get(key), after.get(key)
        if old != new:
            what = _("%(category)s, fiscal year %(year)s") % {
                "category": names.get(key[0], "?"),
                "year": key[1],
            }
            rows.append((what, format_money(old or 0), format_money(new or 0)))
    return rows


def extension_rows(change):
    if _sides(change):
        old, new = change.ended_before, change.ends_after
    else:
        old, new = change.proposal.award.ends_on, change.new_ends_on
    return [(_("Project end"), format_date(old, "long"), format_date(new, "long"))]


def team_rows(change):
    if _sides(change):
        before, after = change.before.get("team", {}), change.after.get("team", {})
    else:
        before = checks.team_snapshot(change.proposal)
        after = checks.team_snapshot(change.proposal, change)
    roles = {"lead": _("lead"), "co": _("co-researcher")}

    def member(value):
        if not value:
            return "—"
        role, effort = value
        return f"{roles.get(role, role)}, {effort}%"

    old_team, new_team = before.get("team", {}), after.get("team", {})
    rows = [
        (name, member(old_team.get(name)), member(new_team.get(name)))
        for name in [*old_team, *(n for n in new_team if n not in old_team)]
        if old_team.get(name) != new_team.get(name)
    ]
    towns_before, towns_after = before.get("municipalities", []), after.get("municipalities", [])
    if towns_before != towns_after:
        rows.append(
            (
                _("Partner municipalities"),
                ", ".join(towns_before) or "—",
                ", ".join(towns_after) or "—",
            )
        )
    return rows


def commitment_rows(change):
    if _sides(change):
        before = checks.proposed_targets(ChangeRequest(targets=change.before.get("targets", {})))
        after = checks.proposed_targets(ChangeRequest(targets=change.after.get("targets", {})))
    else:
        before, after = checks.committed_targets(change.proposal), checks.proposed_targets(change)
    names = {i.pk: str(i) for i in Indicator.objects.filter(pk__in={k[0] for k in before | after})}
    rows = []
    for key in sorted(set(before) | set(after), key=str):
        old, new = before.get(key), after.get(key)
        if old != new:
            what = _("%(indicator)s, fiscal year %(year)s") % {
                "indicator": names.get(key[0], "?"),
                "year": key[1],
            }
            rows.append((what, "—" if old is None else str(old), "—" if new is None else str(new)))
    return rows


ROWS = {
    ChangeKind.BUDGET: budget_rows,
    ChangeKind.EXTENSION: extension_rows,
    ChangeKind.TEAM: team_rows,
    ChangeKind.COMMITMENTS: commitment_rows,
}


def change_rows(change):
    """[(what, before, after)] of `change`, the rows whose value changes."""
    return ROWS[change.kind](change)
