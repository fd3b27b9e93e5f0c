"""The proposal register of a programme as a workbook: the officers' register page with its
current filters (call, state), one row per proposal, the amounts summed by formulas.

The rows come from the register page's own selector and filter form, so the file lists what
the page lists. It is read as tuples, not model instances; the municipalities, technologies
and review statistics (reviews.scoring.statistics.streamed_statistics) are each read in one
query for all rows, streamed in the rows' order and merged with them (`InStep`), so that the
memory taken does not grow with the rows: a fixed number of queries whatever the number of
proposals (two more per call listed, for its reviewers' leniency).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.thai import in_language, is_thai
from proposals.lifecycle import selectors
from proposals.lifecycle.forms import RegisterFilterForm
from proposals.models import (
    Proposal,
    ProposalMunicipality,
    ProposalStage,
    ProposalState,
    ProposalTechnology,
)
from reports.documents import XLSX, Output, no_progress
from reports.excel.rules import reader
from reports.excel.writer import DATETIME, INTEGER, MONEY, NUMBER, Book, Column
from reviews.scoring.statistics import streamed_statistics

OPTIONS = ("call", "state")
PROGRESS_EVERY = 1000  # rows between two progress reports
CHUNK = 500  # rows read from the database at a time: a long register streams


def _field(name):
    return capfirst(Proposal._meta.get_field(name).verbose_name)


def columns(*, stages=False):
    """The register's columns, in the active language; with `stages` (a two-stage call is
    listed) a Stage column after the call says whether each row is a concept or a full
    proposal."""
    stage = [Column(_field("stage"), width=18)] if stages else []
    return [
        Column(_("Reference"), width=16),
        Column(_field("title_th"), width=50),
        Column(_field("title_en"), width=50),
        Column(_("Lead researcher"), width=26),
        Column(_("Organisation"), width=30),
        Column(_("Call"), width=12),
        *stage,
        Column(_("State"), width=18),
        Column(_field("submitted_at"), DATETIME, width=16),
        Column(_("Requested (baht)"), MONEY, width=16, total=True),
        Column(_field("approved_amount"), MONEY, width=16, total=True),
        Column(capfirst(_("partner municipalities")), width=36),
        Column(capfirst(_("technologies used")), width=36),
        Column(_("Reviews"), INTEGER, width=10),
        Column(_("Mean"), NUMBER, width=10),
        Column(_("Normalised mean"), NUMBER, width=12),
    ]


def register_filters(user, programme, options):
    """(call, state) from `options` (the register page's GET, or a dict), checked by the
    page's own form against the calls of `programme` that `user` sees. Like the page, an
    invalid filter filters nothing."""
    calls = list(selectors.register_calls(user).filter(programme=programme))
    form = RegisterFilterForm(options or None, calls=calls, states=selectors.REGISTER_STATES)
    call = state = None
    if form.is_valid():
        call = next((c for c in calls if c.code == form.cleaned_data["call"]), None)
        state = form.cleaned_data["state"] or None
    return calls, call, state


def listed_calls(calls, call):
    """The calls whose proposals the register lists (the one filtered on, or all)."""
    return [call] if call else calls


def has_stages(calls):
    """Whether a call of `calls` runs in two stages (the register then shows the stage)."""
    return any(call.has_concept_stage for call in calls)


def register_rows(user, programme, options=None, progress=no_progress):
    """The register's rows (lists aligned with `columns(stages=…)` of the calls listed, see
    `has_stages`), newest submission first."""
    user = reader(user)
    calls, call, state = register_filters(user, programme, options)
    yield from _rows(user, programme, calls, call, state, progress)


def _rows(user, programme, calls, call, state, progress):
    stages = has_stages(listed_calls(calls, call))
    proposals = selectors.register_proposals(user, call=call, state=state).filter(
        call__programme=programme
    )
    rows = proposals.values_list(
        "pk",
        "reference",
        "title_th",
        "title_en",
        "lead__full_name_th",
        "lead__full_name_en",
        "lead__email",
        "lead__organisation",
        "call_id",
        "call__code",
        "stage",
        "state",
        "submitted_at",
        "requested_amount",
        "approved_amount",
    )
    thai = is_thai()
    # The statistics and names come in the rows' order, each proposal's as it is read, so that
    # what is held does not grow with the rows.
    statistics = InStep(streamed_statistics([call] if call else calls, proposals))
    # The lead municipality first, as on the proposal's page.
    municipalities = InStep(
        _names(ProposalMunicipality, "municipality", proposals, thai, order=("-is_lead", "id"))
    )
    technologies = InStep(_names(ProposalTechnology, "technology", proposals, thai, order=("id",)))
    states = {state.value: str(state.label) for state in ProposalState}
    stage_labels = {stage.value: str(stage.label) for stage in ProposalStage}
    call_stages = {listed.pk: listed.has_concept_stage for listed in calls}
    # A report job shows how far it got; that costs a count, which a direct download skips.
    total = rows.count() if progress is not no_progress else 0
    for index, row in enumerate(rows.iterator(chunk_size=CHUNK)):
        if total and index % PROGRESS_EVERY == 0:
            progress(index * 100 // total)
        pk, reference, title_th, title_en, lead_th, lead_en, email, organisation = row[:8]
        call_id, call_code, stage, state, submitted_at, requested, approved = row[8:]
        stats = statistics.of(pk)
        # A one-stage call's proposal has no stage to tell, even beside a two-stage call.
        stage_cell = [stage_labels[stage] if call_stages.get(call_id) else None] if stages else []
        yield [
            reference,
            title_th,
            title_en,
            in_language(lead_th, lead_en, thai=thai) or email,
            organisation,
            call_code,
            *stage_cell,
            states.get(state, state),
            submitted_at,
            requested,
            approved,
            "; ".join(municipalities.of(pk, ())),
            "; ".join(technologies.of(pk, ())),
            stats.count if stats else 0,
            stats.mean if stats else None,
            stats.normalised_mean if stats else None,
        ]


class InStep:
    """Values of proposals, (pk, value) in the order of the register's rows (a subsequence),
    taken as the rows pass: a merge of two streams in the same order."""

    def __init__(self, pairs):
        self.pairs = iter(pairs)
        self.pending = next(self.pairs, None)

    def of(self, pk, default=None):
        """The value of the proposal `pk` (the next row), or `default` when it has none."""
        if self.pending is None or self.pending[0] != pk:
            return default
        value = self.pending[1]
        self.pending = next(self.pairs, None)
        return value


def in_order_of(proposals, related):
    """The ordering of `proposals` (a queryset) for rows that reach them through `related`."""
    return [
        f"-{related}__{name[1:]}" if name.startswith("-") else f"{related}__{name}"
        for name in proposals.query.order_by
    ]


def _names(model, field, proposals, thai, order):
    """(proposal pk, [names]) of the proposals' municipalities or technologies, in `order`,
    the proposals in the order of `proposals` (one query, streamed; the proposals are a
    subquery, so no long list of ids is sent)."""
    rows = (
        model.objects.filter(proposal__in=proposals.values("pk"))
        .order_by(*in_order_of(proposals, "proposal"), *order)
        .values_list("proposal_id", f"{field}__name_th", f"{field}__name_en")
    )
    shared = {}  # one string per municipality or technology, however many rows name it
    current, names = None, []
    for proposal_id, name_th, name_en in rows.iterator(chunk_size=CHUNK):
        if proposal_id != current:
            if names:
                yield current, names
            current, names = proposal_id, []
        names.append(
            shared.setdefault((name_th, name_en), in_language(name_th, name_en, thai=thai))
        )
    if names:
        yield current, names


def filename(programme):
    return f"{programme.code}-register.xlsx"


def build_register(programme, *, user=None, options=None, progress=no_progress):
    """The register of `programme` as an .xlsx `Output`, with the page's filters from
    `options`; `user` None (the command line) lists every proposal."""
    user = reader(user)
    calls, call, state = register_filters(user, programme, options)
    book = Book()
    book.add_sheet(
        _("Proposal register"),
        columns(stages=has_stages(listed_calls(calls, call))),
        _rows(user, programme, calls, call, state, progress),
        totals=True,
    )
    progress(100)
    return Output(filename(programme), book.content(), XLSX)
