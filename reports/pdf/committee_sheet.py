"""The committee sheet of a call: its ranking as the ranking page shows it (the same order,
statistics, funding line and what-if options), the decisions taken so far, and an empty
column for the committee's resolution, on landscape pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.models import Call
from reports.pdf.common import amount_words, filename, issuer
from reports.pdf.render import render_pdf
from reviews.ranking.forms import RankingOptionsForm
from reviews.ranking.selectors import build_ranking

LABEL = gettext_lazy("Committee sheet")
OPTIONS = ("stage", "sort", "budget", "line")


def ranking_options(options, call=None):
    """The ranking page's stage and what-if (order, budget, line) from `options`; invalid or
    missing ones fall back to the call's own, as on the page."""
    options = options or {}
    data = {name: options.get(name) for name in OPTIONS if options.get(name) not in (None, "")}
    return RankingOptionsForm(data or None, call=call).options()


def sheet_context(call, options):
    ranking = build_ranking(call, **ranking_options(options, call))
    return {
        "call": call,
        "issuer": issuer(call.programme),
        "ranking": ranking,
        "budget_words": amount_words(ranking.budget),
        "allocated_words": amount_words(ranking.allocated),
        "today": timezone.localdate(),
    }


def build_committee_sheet(call, options=None):
    """(file name, PDF bytes) of the call's committee sheet."""
    call = Call.objects.select_related("programme__funder", "fiscal_year").get(pk=call.pk)
    content = render_pdf(
        "reports/pdf/committee_sheet.html",
        sheet_context(call, options),
        title=_("Committee sheet"),
        reference=call.code,
        landscape=True,
    )
    return filename(call.code, "committee-sheet"), content
