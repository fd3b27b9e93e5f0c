"""What the next call needs, as a workbook: the page's table (`indicators.dashboard.whatif`),
one row per indicator — target, committed, projected, gap, typical commitment, the projects
that typical figure is the median of, and how many more projects would close the gap."""

from django.utils.translation import gettext as _

from indicators.dashboard.whatif import next_call_needs
from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import INTEGER, NUMBER, Book, Column


def need_columns():
    return [
        Column(_("Code"), width=10),
        Column(_("Indicator"), width=44),
        Column(_("How results add up"), width=16),
        Column(_("Target"), NUMBER),
        Column(_("Committed"), NUMBER),
        Column(_("Projected"), NUMBER),
        Column(_("Gap"), NUMBER),
        Column(_("Typical commitment"), NUMBER, width=16),
        Column(_("Funded projects"), INTEGER),
        Column(_("More projects needed"), width=22),
    ]


def _needed(need):
    if need.projects_needed is not None:
        return str(need.projects_needed)
    if need.unreachable:
        return _("not with typical projects")
    return "—"


def need_rows(needs):
    for need in needs:
        indicator = need.rollup.indicator
        yield [
            indicator.code,
            indicator.name,
            str(indicator.get_aggregation_display()),
            need.rollup.target,
            need.rollup.committed,
            need.projected,
            need.gap,
            need.typical,
            need.funded,
            _needed(need),
        ]


def build_next_call(programme, *, user=None, options=None, progress=no_progress):
    """What `programme`'s next call needs, as an .xlsx `Output`."""
    book = Book()
    book.add_sheet(
        _("What the next call needs"), need_columns(), need_rows(next_call_needs(programme))
    )
    progress(100)
    return Output(f"{programme.code}-next-call.xlsx", book.content(), XLSX)
