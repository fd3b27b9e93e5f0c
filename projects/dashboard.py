"""What funded projects tell the layers that may not import them: the lifecycle, that the
fund page is where `fund` is taken; `indicators`, what the KPI ledger's keys stand for and the
money figures of the programme dashboards. `projects/extensions.py` connects them."""

from urllib.parse import urlencode

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.numbers import ZERO
from core.queries import aggregate_of, figures
from core.thai import format_date
from indicators.dashboard.headlines import Headline
from indicators.models import FiscalYear, Programme
from indicators.sources import Source
from projects import selectors
from projects.models import AwardBudget, Instalment, ProgressReport
from projects.selectors import MONEY
from proposals.models import Proposal, ProposalState

PROJECT_PREFIX = "proposals.proposal"
REPORT_PREFIX = "projects.progressreport"
TITLE_LENGTH = 60

# The approved budget counts the projects still going or finished; a terminated project's
# unpaid instalments are cancelled, so its award no longer stands for money to be spent.
BUDGETED_STATES = (ProposalState.ACTIVE, ProposalState.COMPLETED, ProposalState.CLOSED)


def fund_page(proposal):
    """The workspace's "Fund the project" button leads here (the generic step page too)."""
    return reverse("projects:fund", args=[proposal.pk])


def _ids(keys):
    """{id: key} of the keys whose part after ":" is a number (others are left out)."""
    ids = {}
    for key in keys:
        _prefix, _colon, rest = key.partition(":")
        if rest.isdigit():
            ids[int(rest)] = key
    return ids


def resolve_projects(keys):
    """Keys "proposals.proposal:<id>" → the reference and short title, linking to the
    project page; one query."""
    ids = _ids(keys)
    projects = Proposal.objects.filter(pk__in=ids).only("pk", "reference", "title_th", "title_en")
    return {
        ids[project.pk]: Source(
            label=f"{project.reference} · {Truncator(project.title).chars(TITLE_LENGTH)}",
            url=reverse("projects:project", args=[project.pk]),
        )
        for project in projects
    }


def resolve_reports(keys):
    """Keys "projects.progressreport:<id>" → the report's kind and project reference,
    linking to the report page, with its period as detail; one query."""
    ids = _ids(keys)
    reports = ProgressReport.objects.filter(pk__in=ids).select_related("proposal")
    return {
        ids[report.pk]: Source(
            label=f"{report.get_kind_display()} · {report.proposal.reference}",
            url=reverse("projects:progress_detail", args=[report.pk]),
            detail=f"{format_date(report.period_start, 'short')} – "
            f"{format_date(report.period_end, 'short')}",
        )
        for report in reports
    }


# Headline figures of the programme dashboards ---------------------------------------------------


def _fiscal_year(value):
    if value is None or isinstance(value, FiscalYear):
        return value
    return FiscalYear.objects.get(pk=value)


def _list_url(programme, region, technology):
    query = {"programme": programme.code}
    if region:
        query["region"] = region
    if technology is not None:
        query["technology"] = getattr(technology, "pk", technology)
    return f"{reverse('projects:project_list')}?{urlencode(query)}"


def money_headlines(programme, *, fiscal_year=None, region=None, technology=None):
    """The approved budget of the programme's projects (of `fiscal_year` when given) and what
    was paid so far (paid in `fiscal_year`); the region is the lead municipality's and the
    technology the main one, as in the KPI ledger. One query (two with a fiscal year id)."""
    projects = selectors.filter_projects(
        Proposal.objects.filter(call__programme=programme, state__in=ProposalState.funded()),
        region=region,
        technology=technology,
    )
    year = _fiscal_year(fiscal_year)
    budget = AwardBudget.objects.filter(
        award__proposal__in=projects.filter(state__in=BUDGETED_STATES)
    )
    paid = Instalment.objects.filter(proposal__in=projects)
    if year is not None:
        budget = budget.filter(fiscal_year=year)
        paid = paid.filter(paid_on__gte=year.starts_on, paid_on__lte=year.ends_on)
    url = _list_url(programme, region, technology)
    money = figures(
        Programme.objects.filter(pk=programme.pk),
        budget=aggregate_of(budget, Sum("amount")),
        paid=aggregate_of(
            selectors.released(paid), Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY)
        ),
    )
    return [
        Headline(
            label=_("Approved budget (baht)"),
            value=money["budget"] or ZERO,
            hint=_("The approved budget of active, completed and closed projects."),
            url=url,
        ),
        Headline(
            label=_("Released so far (baht)"),
            value=money["paid"],
            hint=_("Instalments paid, by payment date."),
            url=url,
        ),
    ]
