"""Reads of the funded projects' pages, each shaped so that its page runs a fixed number of
queries whatever the number of reports, instalments, indicators or projects."""

from dataclasses import dataclass

from django.db.models import (
    DecimalField,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import Role
from accounts.rules import has_role
from core.compiled import CompiledRead
from core.numbers import ZERO
from indicators.models import Programme
from projects.models import (
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from proposals.models import (
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from proposals.writing.selectors import proposal_ids_of

MONEY = DecimalField(max_digits=15, decimal_places=2)
# What a released instalment paid: its amount, or less when finance paid less.
AMOUNT_RELEASED = Coalesce("paid_amount", "amount", output_field=MONEY)


# Who sees which projects ----------------------------------------------------------------------


def sees_every_project(user):
    """Funding officers and administrators follow every funded project."""
    return has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.ADMINISTRATOR)


def team_projects(user):
    """Ids of the proposals `user` (a person or their id) leads or joined (accepted, not
    declined), as a subquery (a UNION of index lookups: see
    proposals.writing.selectors.proposal_ids_of)."""
    return proposal_ids_of(user)


def visible_projects(user):
    """The funded projects `user` may follow, as `rules.can_view_project` decides one by one:
    officers and administrators all; a programme manager those of the programmes they
    manage; everyone their team's."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if sees_every_project(user):
        return _funded()
    return _followed(user.pk, _managed(user))


def _funded():
    return Proposal.objects.filter(state__in=ProposalState.funded())


def _managed(user):
    """The programmes `user` follows as their manager (the ids come with their roles)."""
    if has_role(user, Role.PROGRAMME_MANAGER):
        return sorted(user.managed_programme_ids)
    return []


def _followed(person, managed):
    """The funded projects of the team of `person` (an id) and of the programmes `managed`.
    The team's projects are a hashed subplan PostgreSQL runs only for a project of another
    programme."""
    mine = Q(pk__in=team_projects(person))
    if managed:
        mine |= Q(call__programme__in=managed)
    return _funded().filter(mine)


# What was paid: the released instalments ---------------------------------------------------


def released(instalments):
    """The released ones of `instalments` (a queryset): what was paid."""
    return instalments.filter(state=InstalmentState.RELEASED)


def released_sum(instalments):
    """What was paid on `instalments` (a queryset): the sum of the released ones, 0.00
    without any. One query."""
    return released(instalments).aggregate(
        total=Coalesce(Sum(AMOUNT_RELEASED), Value(ZERO), output_field=MONEY)
    )["total"]


def released_total(proposal, *, excluding=()):
    """What was paid on the project `proposal` (an instance or a pk), the instalments of
    `excluding` aside. One query."""
    instalments = Instalment.objects.filter(proposal=proposal)
    return released_sum(instalments.exclude(pk__in=[item.pk for item in excluding]))


def with_released_amount(projects):
    """`projects` annotated with `released_amount`, what was paid on each. One subquery."""
    released = (
        Instalment.objects.filter(proposal=OuterRef("pk"), state=InstalmentState.RELEASED)
        .order_by()
        .values("proposal")
        .annotate(total=Sum(AMOUNT_RELEASED))
        .values("total")
    )
    return projects.annotate(
        released_amount=Coalesce(Subquery(released, output_field=MONEY), Value(ZERO))
    )


# The list of projects --------------------------------------------------------------------------


def lead_partners():
    """The lead municipality of each proposal, as `proposal.lead_partners` (a list of one)."""
    return Prefetch(
        "municipalities",
        queryset=ProposalMunicipality.objects.filter(is_lead=True).select_related("municipality"),
        to_attr="lead_partners",
    )


class Attention:
    """What the list's "needs attention" filter picks."""

    REPORT_OVERDUE = "report_overdue"
    REPORT_SUBMITTED = "report_submitted"
    INSTALMENT_DUE = "instalment_due"


def _overdue_reports(today):
    return ProgressReport.objects.filter(
        proposal=OuterRef("pk"), state__in=ProgressReportState.editable(), due_on__lt=today
    )


def _submitted_reports():
    return ProgressReport.objects.filter(
        proposal=OuterRef("pk"), state=ProgressReportState.SUBMITTED
    )


def _next_report_due():
    """The due date of the project's first report still with its team."""
    return (
        ProgressReport.objects.filter(
            proposal=OuterRef("pk"), state__in=ProgressReportState.editable()
        )
        .order_by()
        .values("proposal")
        .annotate(first=Min("due_on"))
        .values("first")
    )


def _due_instalments():
    return Instalment.objects.filter(proposal=OuterRef("pk"), state=InstalmentState.DUE)


def main_technology_of(technology):
    """Ids of the proposals whose main technology (the first they listed, the one the KPI
    ledger files them under) is `technology`: its rows that no earlier row of the same proposal
    precedes (an anti-join the plan runs once, not a subquery per project)."""
    earlier = ProposalTechnology.objects.filter(
        proposal=OuterRef("proposal"), pk__lt=OuterRef("pk")
    )
    return (
        ProposalTechnology.objects.filter(technology=getattr(technology, "pk", technology))
        .exclude(Exists(earlier))
        .values("proposal")
    )


def led_from(region):
    """Ids of the proposals whose lead municipality is in `region`, as one subquery that is
    not correlated (a semi-join: the plan reads the partners of the region once, instead of
    looking up each proposal's lead)."""
    return ProposalMunicipality.objects.filter(is_lead=True, municipality__region=region).values(
        "proposal"
    )


def filter_projects(
    projects,
    *,
    programme=None,
    state=None,
    region=None,
    municipality=None,
    technology=None,
    attention=None,
):
    """Narrow a queryset of projects by the list's filters. The region is the lead
    municipality's and the technology the main one, as in the KPI ledger, so that the
    dashboards' figures and the list they link to count the same projects."""
    if programme is not None:
        projects = projects.filter(call__programme=programme)
    if state:
        projects = projects.filter(state=state)
    if region:
        projects = projects.filter(pk__in=led_from(region))
    if municipality is not None:
        partners = ProposalMunicipality.objects.filter(municipality=municipality)
        projects = projects.filter(pk__in=partners.values("proposal"))
    if technology is not None:
        projects = projects.filter(pk__in=main_technology_of(technology))
    today = timezone.localdate()
    if attention == Attention.REPORT_OVERDUE:
        projects = projects.filter(Exists(_overdue_reports(today)))
    elif attention == Attention.REPORT_SUBMITTED:
        projects = projects.filter(Exists(_submitted_reports()))
    elif attention == Attention.INSTALMENT_DUE:
        projects = projects.filter(Exists(_due_instalments()))
    return projects


# The columns the list shows (projects/list.html), and no other: reading the whole rows of
# four tables made the query wider to sort, longer to compile and slower to turn into objects
# (15 → 11 ms for a page of fifty at 1,000 projects). Anything else a row asked for would
# cost a query per row, which the query-count tests would show.
LIST_COLUMNS = (
    "reference",
    "title_th",
    "title_en",
    "state",
    "call__programme__code",
    "lead__email",
    "lead__full_name_th",
    "lead__full_name_en",
    "award__starts_on",
    "award__ends_on",
    "award__amount",
)


LIST_ORDER = ("-award__starts_on", "reference", "pk")


def project_list(user, **filters):
    """The projects `user` follows, filtered, newest first: ids only, to count and to cut into
    pages (`project_rows` reads a page's rows)."""
    return filter_projects(visible_projects(user), **filters).order_by(*LIST_ORDER)


def project_rows(ids):
    """The rows of the projects `ids` (a page of `project_list`), in its order, with the
    released total, the next report due, the flags of the list and the lead municipality's
    names (`lead_municipality_th`, `_en`): one query, compiled once for each number of rows
    (building and compiling its subqueries took longer than PostgreSQL took to answer them).
    A report is overdue when the first one still with the team was due before today."""
    if not ids:
        return []
    today = timezone.localdate()
    rows = _rows_read(*ids)
    for row in rows:
        row.report_overdue = row.next_report_due is not None and row.next_report_due < today
    return rows


def _project_rows(*ids):
    lead = ProposalMunicipality.objects.filter(proposal=OuterRef("pk"), is_lead=True).order_by()
    return (
        with_released_amount(Proposal.objects.filter(pk__in=ids))
        .select_related("call__programme", "lead", "award")
        .only(*LIST_COLUMNS)
        .annotate(
            lead_municipality_th=Subquery(lead.values("municipality__name_th")[:1]),
            lead_municipality_en=Subquery(lead.values("municipality__name_en")[:1]),
            next_report_due=Subquery(_next_report_due()),
            report_submitted=Exists(_submitted_reports()),
            instalment_due=Exists(_due_instalments()),
        )
        .order_by(*LIST_ORDER)
    )


_rows_read = CompiledRead(_project_rows)


def list_programmes(user):
    """The programmes the list's filter offers: those of the projects `user` follows, by
    code. Compiled once per number of programmes managed (core.compiled)."""
    if sees_every_project(user):
        return _programmes_of_every_project()
    return _programmes_followed(user.pk, *_managed(user))


def _programmes(projects):
    return Programme.objects.filter(pk__in=projects.values("call__programme")).order_by("code")


_programmes_of_every_project = CompiledRead(lambda: _programmes(_funded()))
_programmes_followed = CompiledRead(
    lambda person, *managed: _programmes(_followed(person, managed))
)


# Dashboards -----------------------------------------------------------------------------------


def my_projects(user):
    """The projects of `user`'s teams, newest first, with the next report due and whether
    one is overdue (for the researcher's dashboard)."""
    projects = Proposal.objects.filter(state__in=ProposalState.funded(), pk__in=team_projects(user))
    today = timezone.localdate()
    return (
        projects.select_related("award")
        .annotate(
            next_report_due=Subquery(_next_report_due()),
            report_overdue=Exists(_overdue_reports(today)),
        )
        .order_by("-award__starts_on", "-pk")
    )


@dataclass(frozen=True)
class OfficerCounts:
    instalments_due: int
    reports_submitted: int
    reports_overdue: int


def officer_counts():
    """What waits for the funding officers: instalments due for payment, reports submitted
    and awaiting a decision, reports overdue; three counts."""
    today = timezone.localdate()
    live = (ProposalState.ACTIVE, ProposalState.COMPLETED)
    return OfficerCounts(
        instalments_due=Instalment.objects.filter(
            state=InstalmentState.DUE, proposal__state__in=live
        ).count(),
        reports_submitted=ProgressReport.objects.filter(
            state=ProgressReportState.SUBMITTED, proposal__state__in=live
        ).count(),
        reports_overdue=ProgressReport.objects.filter(
            state__in=ProgressReportState.editable(),
            due_on__lt=today,
            proposal__state=ProposalState.ACTIVE,
        ).count(),
    )
