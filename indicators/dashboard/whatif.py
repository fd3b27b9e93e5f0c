"""What the next call needs: for each indicator of a programme, the gap between its target and
where the programme is projected to land (`indicators.projection`), and how many more projects
of a typical size would close it.

- Typical size: the median of what each funded project committed to the indicator (its
  commitment over its years, combined as targets combine), among the projects that committed
  to it at all.
- Added up (sum, count of yes, latest amounts): projects needed = the gap ÷ the typical
  commitment, rounded up.
- An average (or a latest percentage, averaged): n projects at the typical level m lift an
  average p of k projects to the target T when (k·p + n·m) ÷ (k + n) ≥ T, that is
  n ≥ k·(T − p) ÷ (m − T); when a typical project does not reach T itself (m ≤ T), no number
  of them will.
- A maximum: one project at the typical level if that reaches the target; otherwise none will.
- Lower is better: the same with the inequalities turned round (a gap is the projection above
  the target).

Read in a fixed number of queries: the roll-up of the programme and the ledger by project.
"""

import math
import statistics
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import cents
from indicators.dashboard.selectors import Scope
from indicators.models import Direction
from indicators.projection import paths, project
from indicators.rollup import combined_target, indicator_rollup
from indicators.totals import column

ZERO = Decimal(0)
ADDED_UP = "added_up"
LEVEL = "average"
HIGHEST = "max"


@dataclass(frozen=True)
class Need:
    """What one indicator still needs from new projects."""

    rollup: object
    projected: Decimal | None
    gap: Decimal | None  # how far the projection falls short of the target; 0 when it meets it
    typical: Decimal | None  # median commitment per funded project
    funded: int  # projects that committed to the indicator
    projects_needed: int | None  # None: typical projects cannot close the gap, or no figures
    rule: str  # ADDED_UP, LEVEL or HIGHEST: how the number was worked out

    @property
    def unreachable(self):
        return bool(self.gap) and self.typical is not None and self.projects_needed is None


def rule_of(indicator):
    name = column(indicator)
    if name == "avg":
        return LEVEL
    if name == "max":
        return HIGHEST
    return ADDED_UP


def next_call_needs(programme, today=None):
    """One `Need` per indicator of `programme`, in framework order."""
    rollups = indicator_rollup(programme)
    where = Scope(programme).ledger()
    ledger = paths([rollup.indicator for rollup in rollups], where)
    projections = project(programme, rollups, where, today=today, ledger=ledger)
    needs = []
    for rollup in rollups:
        indicator = rollup.indicator
        commitments = [
            combined_target(indicator, [path.committed[y] for y in sorted(path.committed)])
            for path in ledger.get(indicator.pk, {}).values()
            if path.committed
        ]
        commitments = [value for value in commitments if value is not None]
        typical = statistics.median(commitments) if commitments else None
        projected = projections[indicator.pk].projected
        gap = _gap(indicator, rollup.target, projected)
        needed = _projects_needed(indicator, rollup.target, projected, gap, typical, commitments)
        needs.append(
            Need(
                rollup=rollup,
                projected=projected,
                gap=cents(gap),
                typical=cents(typical),
                funded=len(commitments),
                projects_needed=needed,
                rule=rule_of(indicator),
            )
        )
    return needs


def _gap(indicator, target, projected):
    if target is None:
        return None
    projected = projected if projected is not None else ZERO
    if indicator.direction == Direction.LOWER:
        return max(projected - target, ZERO)
    return max(target - projected, ZERO)


def _projects_needed(indicator, target, projected, gap, typical, commitments):
    if gap is None:
        return None
    if gap == 0:
        return 0
    if typical is None or typical == 0:
        return None
    lower = indicator.direction == Direction.LOWER
    rule = rule_of(indicator)
    if rule == ADDED_UP:
        if lower:
            return None  # adding projects adds to a sum to stay under: it cannot help
        return math.ceil(gap / typical)
    reaches = typical <= target if lower else typical >= target
    if rule == HIGHEST:
        return 1 if reaches and not lower else None
    # An average over the k funded projects, lifted by n typical ones.
    if typical == target or not reaches:
        return None
    k = len(commitments)
    current = projected if projected is not None else ZERO
    return max(math.ceil(k * (target - current) / (typical - target)), 1)
