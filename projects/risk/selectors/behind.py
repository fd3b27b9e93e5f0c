"""The "behind" signal: a project's results in the KPI ledger against its committed path
(see the package's docstring), read in one query of the ledger."""

from decimal import Decimal

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indicators.models import Direction, Indicator, LedgerStatus
from indicators.totals import ledger_parts, ledger_totals, read_ledger
from projects.risk.selectors.signals import (
    BEHIND,
    BEHIND_BANDS,
    BEHIND_FROM,
    HIGH,
    MEDIUM,
    Signal,
    elapsed,
    percent,
)
from projects.services import LEDGER_SOURCE
from proposals.models import Proposal


def _sources(projects):
    """The ledger's keys of `projects` ("proposals.proposal:<id>"), as a subquery."""
    return (
        Proposal.objects.filter(pk__in=projects)
        .annotate(key=Concat(Value(LEDGER_SOURCE), Cast("pk", CharField())))
        .values("key")
    )


def _project_of(source):
    return int(source.removeprefix(LEDGER_SOURCE))


def counted(projects):
    """The KPI ledger's counted rows of `projects`."""
    return Q(source__in=_sources(projects), status=LedgerStatus.COUNTED)


def behind_parts(projects, indicators):
    """The parts of the ledger's read of `behind_signals` (`indicators.totals.ledger_parts`),
    for a page that runs them in one of its own queries; None without any indicator."""
    indicators = [item for item in indicators if item.direction == Direction.HIGHER]
    if not indicators:
        return None
    return ledger_parts(indicators, counted(projects), ["source"])


def behind_totals(rows, indicators):
    """(committed, reached) of `behind_signals` from the rows of `behind_parts`' union."""
    indicators = [item for item in indicators if item.direction == Direction.HIGHER]
    return read_ledger(rows, indicators, ["source"], exact=True)


def behind_signals(projects, awards, today, indicators=None, totals=None):
    """Results of each indicator where higher is better, combined by the indicator's own rule
    as the roll-up combines them (summed, averaged, the largest, the latest values, who said
    yes), against the committed path: the project's commitment, combined by the same rule,
    times the share of its time gone. Read from the KPI ledger in one query (a UNION ALL of
    commitments and results) unless `totals` (of `behind_totals`) are given, and one for the
    indicators unless `indicators` are given."""
    where = counted(projects)
    if indicators is None:
        # Every indicator of the projects' programmes, not only those committed to: the
        # queries then depend on the kinds of indicator a programme has, never on its projects.
        indicators = Indicator.objects.filter(
            programme__in=Proposal.objects.filter(pk__in=projects).values("call__programme")
        )
    indicators = [item for item in indicators if item.direction == Direction.HIGHER]
    if not indicators:
        return
    codes = {indicator.pk: indicator.code for indicator in indicators}
    if totals is None:
        totals = ledger_totals(indicators, where, ["source"], exact=True)
    committed, reached = totals
    rows = sorted(
        (
            (_project_of(source), codes[indicator], indicator, source, total)
            for (indicator, source), total in committed.items()
        ),
    )
    for project, code, indicator, source, total in rows:
        share = elapsed(awards[project], today)
        expected = total * share
        if share < BEHIND_FROM or expected <= 0:
            continue
        result = reached.get((indicator, source), Decimal(0))
        ratio = result / expected
        level = HIGH if ratio < BEHIND_BANDS[0] else MEDIUM if ratio < BEHIND_BANDS[1] else None
        if level:
            yield Signal(
                project,
                BEHIND,
                level,
                _(
                    "%(code)s: %(result)s reached of %(committed)s committed; %(expected)s "
                    "expected with %(share)s%% of the time gone."
                )
                % {
                    "code": code,
                    "result": f"{result:.2f}",
                    "committed": f"{total:.2f}",
                    "expected": f"{expected:.2f}",
                    "share": percent(share),
                },
                reverse("projects:project", args=[project]),
            )
