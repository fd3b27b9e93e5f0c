"""The ranking of a call: its proposals in review (and those already decided, marked) in the
order of their mean or normalised mean, with the cumulative requested amount and the funding
line where the call's budget runs out; a what-if moves the line or changes the budget.

Which proposals take money: those in review (their requested amount) and those approved or
funded (their approved amount, or the requested one while none is recorded). Rejected
proposals and those sent back for revision are listed, marked, outside the cumulative sum.
"""

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from proposals.models import Proposal, ProposalStage, ProposalState
from reviews.panels.selectors import panel_scores
from reviews.scoring import cache as statistics_cache
from reviews.scoring.statistics import review_statistics

ZERO = Decimal("0")

SORT_NORMALISED = "normalised"
SORT_MEAN = "mean"
# The chair's panel score where the panel agreed one, the mean elsewhere.
SORT_PANEL = "panel"
SORTS = (SORT_NORMALISED, SORT_MEAN, SORT_PANEL)

S = ProposalState
# Proposals on the ranking page, and those of them whose amount counts against the budget.
LISTED_STATES = (
    S.IN_REVIEW,
    S.REVISION,
    S.APPROVED,
    S.REJECTED,
    S.ACTIVE,
    S.COMPLETED,
    S.CLOSED,
    S.TERMINATED,
    S.INVITED,
)
COUNTED_STATES = (
    S.IN_REVIEW,
    S.APPROVED,
    S.ACTIVE,
    S.COMPLETED,
    S.CLOSED,
    S.TERMINATED,
    S.INVITED,
)


def funding_line(amounts, budget):
    """How many of `amounts`, taken in order, fit in `budget`: the line is drawn where the
    cumulative sum first exceeds it. funding_line([400, 300, 500], 1000) == 2."""
    running = ZERO
    for fitted, amount in enumerate(amounts):
        running += amount
        if running > budget:
            return fitted
    return len(amounts)


@dataclass
class RankingRow:
    """One proposal on the ranking. `stats` is None while no review of its current round is
    in; `amount` is what counts against the budget; `cumulative` and `above_line` are set
    only for proposals that take money (`counts`), numbered by `position` (1, 2 …: the
    numbers the what-if's line refers to); `line_above` marks the row the funding line is
    drawn above."""

    proposal: Proposal
    stats: object
    requested_amount: Decimal
    amount: Decimal
    counts: bool
    decided: bool
    cumulative: Decimal | None = None
    position: int | None = None
    above_line: bool = False
    line_above: bool = False
    panel: object = None  # the PanelSummary of the current round, if the chair wrote it


@dataclass
class Ranking:
    """The ranked rows and where the line is: `line` proposals that take money are above it
    (`automatic_line` is where the budget runs out); `allocated` is their cumulative amount
    and `remaining` = `budget` − `allocated` (negative: over the budget)."""

    rows: list = field(default_factory=list)
    stage: str = ProposalStage.FULL
    sort: str = SORT_NORMALISED
    budget: Decimal = ZERO
    call_budget: Decimal = ZERO
    line: int = 0
    automatic_line: int = 0
    counted: int = 0
    allocated: Decimal = ZERO
    remaining: Decimal = ZERO
    call_mean: Decimal | None = None
    call_std: Decimal = ZERO
    line_index: int | None = None  # the index in `rows` of the row the line is drawn above

    @property
    def is_what_if(self):
        return self.budget != self.call_budget or self.line != self.automatic_line

    @property
    def over(self):
        return self.remaining < 0

    @property
    def shortfall(self):
        return -self.remaining if self.remaining < 0 else ZERO


@dataclass(frozen=True)
class RankedProposal:
    """What the ranking's arithmetic needs of a proposal, read with values() so that a call of
    thousands costs no model instances; the page's rows get their Proposal (`with_proposals`)."""

    pk: int
    reference: str
    state: str
    approved_amount: Decimal | None
    round: int


def _listed(call, stage):
    return Proposal.objects.filter(call=call, stage=stage, state__in=LISTED_STATES)


def ranking_proposals(call, stage=ProposalStage.FULL):
    """The proposals of the ranking of one stage, as RankedProposal (one query, no model
    instances)."""
    rows = (
        _listed(call, stage)
        .order_by("reference", "pk")
        .values_list("pk", "reference", "state", "approved_amount", "round")
    )
    return [RankedProposal(*row) for row in rows]


def with_proposals(rows):
    """Copies of `rows` (RankingRows: one page of the ranking) with their Proposal and its lead
    in place of the RankedProposal, in one query. Copies: the rows are the cached ranking's."""
    proposals = Proposal.objects.select_related("lead").in_bulk([row.proposal.pk for row in rows])
    shown = []
    for row in rows:
        row = copy.copy(row)
        row.proposal = proposals[row.proposal.pk]
        shown.append(row)
    return shown


def _sort_key(sort):
    def key(row):
        stats = row.stats
        value = None
        if sort == SORT_PANEL and row.panel is not None:
            value = row.panel.score
        elif stats is not None:
            value = stats.normalised_mean if sort == SORT_NORMALISED else stats.mean
        return (value is None, -(value or ZERO), row.proposal.reference, row.proposal.pk)

    return key


def _row(proposal, stats, requested):
    requested = requested or ZERO
    counts = proposal.state in COUNTED_STATES
    amount = requested
    if proposal.state != S.IN_REVIEW and proposal.approved_amount is not None:
        amount = proposal.approved_amount
    return RankingRow(
        proposal=proposal,
        stats=stats,
        requested_amount=requested,
        amount=amount,
        counts=counts,
        decided=proposal.state != S.IN_REVIEW,
    )


def build_ranking(
    call, *, stage=ProposalStage.FULL, sort=SORT_NORMALISED, budget=None, line=None, proposals=True
):
    """The ranking of `call`'s proposals of `stage` (a Ranking; a two-stage call ranks its
    concepts and its full proposals apart, each on its own reviews), sorted by `sort`
    (SORT_NORMALISED, SORT_MEAN or SORT_PANEL, best first, proposals without a score last).
    `budget` replaces the call's total budget and `line` (0…number of proposals that take
    money) puts the line by hand: the what-if.
    At most seven queries whatever the number of proposals: the proposals, their panel
    summaries and review_statistics; the whole call is ranked in one pass over their values.
    With `proposals` every row gets its Proposal (one more query, for the documents of the
    whole call); the page passes False and gives its own rows theirs (`with_proposals`).

    The ranking is kept with the call's review statistics, under the same versions
    (reviews.scoring.cache): at 2,000 proposals it takes as long as drawing the page."""
    options = ("ranking", stage, sort, budget, line)
    ranking = statistics_cache.cached(
        call.pk, options, lambda: _ranking(call, stage, sort, budget, line)
    )
    if proposals:
        ranking = copy.copy(ranking)
        ranking.rows = with_proposals(ranking.rows)
    return ranking


def _ranking(call, stage, sort, budget, line):
    statistics = review_statistics(call, stage=stage)
    ranked = ranking_proposals(call, stage)
    panels = panel_scores(ranked, within=_listed(call, stage).values("pk"))
    rows = [
        _row(proposal, statistics.proposals.get(proposal.pk), statistics.requested.get(proposal.pk))
        for proposal in ranked
    ]
    for row in rows:
        row.panel = panels.get(row.proposal.pk)
    sort = sort if sort in SORTS else SORT_NORMALISED
    rows.sort(key=_sort_key(sort))
    counted = [row for row in rows if row.counts]
    running = ZERO
    for position, row in enumerate(counted, start=1):
        running += row.amount
        row.cumulative = running
        row.position = position

    ranking = Ranking(
        stage=ProposalStage(stage),
        rows=rows,
        sort=sort,
        call_budget=call.total_budget,
        budget=call.total_budget if budget is None else budget,
        counted=len(counted),
        call_mean=statistics.mean,
        call_std=statistics.std,
    )
    ranking.automatic_line = funding_line([row.amount for row in counted], ranking.budget)
    ranking.line = ranking.automatic_line if line is None else max(0, min(line, len(counted)))
    for position, row in enumerate(counted):
        row.above_line = position < ranking.line
        row.line_above = position == ranking.line
    ranking.line_index = next((i for i, row in enumerate(rows) if row.line_above), None)
    ranking.allocated = counted[ranking.line - 1].cumulative if ranking.line else ZERO
    ranking.remaining = ranking.budget - ranking.allocated
    return ranking
