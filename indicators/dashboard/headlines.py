"""The headline figures of a programme dashboard.

`indicators` counts what its ledger knows (indicators by status, projects contributing,
municipalities reached, accepted reports); the apps above add figures only they know (the
approved budget, what was released so far) through `register_headline`, so that `indicators`
never imports them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.hooks import Hook
from core.thai import format_money
from indicators.dashboard.selectors import ledger_counts
from indicators.models import AchievementStatus


@dataclass(frozen=True)
class FilteredProgramme:
    """A programme as the dashboard shows it: with the filters in use ({name: value}, as the
    filter form's query string carries them), so that the documents menu of the page offers
    the KPI documents in the same filters (slot "dashboard" of accounts.links)."""

    programme: object
    filters: dict


@dataclass(frozen=True)
class Headline:
    """One figure at the top of the dashboard; `value` is a number or text already formatted."""

    label: str
    value: object
    hint: str = ""
    url: str | None = None

    @property
    def display(self):
        """Whole numbers with thousands separators, decimals as money (two places)."""
        if isinstance(self.value, bool):
            return str(self.value)
        if isinstance(self.value, int):
            return f"{self.value:,}"
        if isinstance(self.value, Decimal | float):
            return format_money(self.value)
        return str(self.value)


@dataclass(frozen=True)
class StatusCounts:
    """How many indicators stand where, from the roll-up."""

    on_track: int
    at_risk: int
    off_track: int
    no_data: int

    @property
    def total(self):
        return self.on_track + self.at_risk + self.off_track + self.no_data


HEADLINES = Hook(
    "indicators.headlines",
    "Figures added to every programme dashboard: "
    "fn(programme, *, fiscal_year, region, technology) -> [Headline].",
)


def register_headline(fn):
    """Add figures to every dashboard: `fn(programme, *, fiscal_year, region, technology)`
    returns a list of `Headline` (it should run a fixed number of queries). Registering the
    same function twice adds it once. Returns `fn`, so it can decorate."""
    return HEADLINES.register(fn)


def unregister_headline(fn):
    HEADLINES.unregister(fn)


def status_counts(rollups):
    """Indicators on track, at risk, off track and without a status (no target or no result)."""
    statuses = [rollup.status for rollup in rollups]
    return StatusCounts(
        on_track=statuses.count(AchievementStatus.ON_TRACK),
        at_risk=statuses.count(AchievementStatus.AT_RISK),
        off_track=statuses.count(AchievementStatus.OFF_TRACK),
        no_data=statuses.count(None),
    )


def headline_figures(scope):
    """The ledger's figures for `scope` (three queries), then those of the registered
    providers in the order they registered."""
    counts = ledger_counts(scope)
    headlines = [
        Headline(
            label=_("Projects contributing"),
            value=counts.projects,
            hint=_("Funded projects with counted commitments in these filters."),
        ),
        Headline(
            label=_("Municipalities reached"),
            value=counts.municipalities,
            hint=_("Municipalities named in counted commitments or results."),
        ),
        Headline(
            label=_("Accepted reports"),
            value=counts.reports,
            hint=_("Progress reports whose results are counted."),
        ),
    ]
    for provider in HEADLINES:
        headlines.extend(
            provider(
                scope.programme,
                fiscal_year=scope.fiscal_year,
                region=scope.region,
                technology=scope.technology,
            )
        )
    return headlines


MUNICIPALITY_PANELS = Hook(
    "indicators.municipality_panels",
    "Panels of HTML added to a municipality's page by the apps above: fn(request, municipality) "
    "-> safe HTML.",
)


def register_municipality_panel(fn):
    """Add a panel to every municipality's page (e.g. the technologies it has taken up):
    `fn(request, municipality)` returns safe HTML, in a fixed number of queries."""
    return MUNICIPALITY_PANELS.register(fn)
