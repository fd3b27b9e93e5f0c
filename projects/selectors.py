"""Reads of the funded projects' pages, each shaped so that its page runs a fixed number of
queries whatever the number of reports, instalments, indicators or projects."""

from dataclasses import dataclass

from django.db.models import (
    DecimalField,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Municipality
from accounts.roles import Role
from accounts.rules import has_role
from core.numbers import ZERO
from indicators.models import Programme, Technology
from projects.models import (
    Instalment,
    InstalmentState,
    PaymentRequest,
    ProgressReport,
    ProgressReportState,
)
from proposals.models import (
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
    TeamMember,
)
from proposals.writing.selectors import decision_recorded, proposal_ids_of

MONEY = DecimalField(max_digits=15, decimal_places=2)
# What a released instalment paid: its amount, or less when finance paid less.
AMOUNT_RELEASED = Coalesce("paid_amount", "amount", output_field=MONEY)


# Who sees which projects ----------------------------------------------------------------------


def sees_every_project(user):
    """Funding officers and administrators follow every funded project."""
    return has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.ADMINISTRATOR)


def team_projects(user):
    """Ids of the proposals `user` leads or joined (accepted, not declined), as a subquery
    (a UNION of index lookups: see proposals.writing.selectors.proposal_ids_of)."""
    return proposal_ids_of(user)


def visible_projects(user):
    """The funded projects `user` may follow, as `rules.can_view_project` decides one by one:
    officers and administrators all; a programme manager those of the programmes they
    manage; everyone their team's."""
    projects = Proposal.objects.filter(state__in=ProposalState.funded())
    if not user.is_authenticated:
        return projects.none()
    if sees_every_project(user):
        return projects
    ids = team_projects(user)
    if has_role(user, Role.PROGRAMME_MANAGER):
        managed = Proposal.objects.filter(
            call__programme__in=user.managed_programmes.values("pk")
        ).order_by()
        ids = ids.union(managed.values("pk"))
    return projects.filter(pk__in=ids)


# One project ----------------------------------------------------------------------------------


def lead_partners():
    """The lead municipality of each proposal, as `proposal.lead_partners` (a list of one)."""
    return Prefetch(
        "municipalities",
        queryset=ProposalMunicipality.objects.filter(is_lead=True).select_related("municipality"),
        to_attr="lead_partners",
    )


def project_page(user=None):
    """Funded projects with what the project page and its permission rules read; with `user`,
    whether they are an editor of each one's team (`viewer_edits`, see `project_for_page`)
    instead of the whole team."""
    projects = (
        Proposal.objects.filter(state__in=ProposalState.funded())
        .select_related("call__programme", "lead", "award", "contract", "refund__recorded_by")
        .annotate(has_decision_recorded=decision_recorded())
    )
    if user is None:
        return projects.prefetch_related("team")
    return projects.annotate(viewer_edits=edits_team(user))


def edits_team(user, proposal="pk"):
    """Whether `user` is an editor of the team of the proposal at `proposal` (a path from the
    outer row) that has accepted, as `proposals.rules.is_team_editor` asks it: an EXISTS."""
    editors = TeamMember.objects.filter(
        proposal=OuterRef(proposal),
        user=user.pk,
        accepted_at__isnull=False,
        declined_at__isnull=True,
    )
    return Exists(editors)


def know_team_editor(proposal, user, answer):
    """Tell the rules whether `user` edits `proposal`'s team (`answer`, read with it by
    `edits_team`), so that `proposals.rules.is_team_editor` need not read the team."""
    proposal.team_editor = (user.pk, answer)


def project_for_page(user, pk):
    """The funded project `pk` read for its page by `user` (None when there is none), the
    rules knowing whether `user` edits it without reading its team."""
    proposal = project_page(user).filter(pk=pk).first()
    if proposal is not None:
        know_team_editor(proposal, user, proposal.viewer_edits)
    return proposal


def lead_municipality(proposal):
    """The lead partner municipality of a proposal (or None)."""
    return next(
        (partner.municipality for partner in proposal.municipalities.all() if partner.is_lead),
        None,
    )


@dataclass(frozen=True)
class Places:
    """The partner municipalities and technologies the project page names in its header."""

    lead: object  # the lead municipality, or None
    partners: list  # the other municipalities
    technologies: list


def places_and_technologies(proposal):
    """The project's partner municipalities (the lead apart) and technologies, by their names:
    one query (a UNION ALL of the two, each row marked with its kind)."""
    partners = ProposalMunicipality.objects.filter(proposal=proposal).annotate(
        kind=Value("municipality"),
        thing=F("municipality_id"),
        thing_th=F("municipality__name_th"),
        thing_en=F("municipality__name_en"),
    )
    technologies = ProposalTechnology.objects.filter(proposal=proposal).annotate(
        kind=Value("technology"),
        is_lead=Value(False),
        thing=F("technology_id"),
        thing_th=F("technology__name_th"),
        thing_en=F("technology__name_en"),
    )
    columns = ("kind", "is_lead", "pk", "thing", "thing_th", "thing_en")
    rows = (
        partners.values_list(*columns)
        .order_by()
        .union(technologies.values_list(*columns).order_by(), all=True)
    )
    lead, partners, technologies = None, [], []
    # In the order of the prefetches they replace: the lead first, then by row.
    for kind, is_lead, _pk, pk, name_th, name_en in sorted(rows, key=lambda r: (not r[1], r[2])):
        if kind == "technology":
            technologies.append(Technology(pk=pk, name_th=name_th, name_en=name_en))
        elif is_lead:
            lead = lead or Municipality(pk=pk, name_th=name_th, name_en=name_en)
        else:
            partners.append(Municipality(pk=pk, name_th=name_th, name_en=name_en))
    return Places(lead=lead, partners=partners, technologies=technologies)


def is_overdue(report, today=None):
    """A report the team has not handed in (draft or returned) past its due date."""
    today = today or timezone.localdate()
    return report.state in ProgressReportState.editable() and report.due_on < today


def project_reports(proposal, **annotations):
    """The project's reports in schedule order, each with `overdue` set and `annotations`."""
    today = timezone.localdate()
    reports = list(
        ProgressReport.objects.filter(proposal=proposal)
        .annotate(**annotations)
        .order_by("period_end", "pk")
    )
    for report in reports:
        report.overdue = is_overdue(report, today)
    return reports


def project_instalments(proposal):
    """The project's instalments in order, with the report each waits for and its newest
    payment request (`last_request`, its pk and state only, or None)."""
    newest = PaymentRequest.objects.filter(instalment=OuterRef("pk")).order_by("-created_at", "-pk")
    instalments = list(
        Instalment.objects.filter(proposal=proposal)
        .select_related("report")
        .annotate(
            last_request_pk=Subquery(newest.values("pk")[:1]),
            last_request_state=Subquery(newest.values("state")[:1]),
        )
        .order_by("number")
    )
    for instalment in instalments:
        instalment.last_request = None
        if instalment.last_request_pk is not None:
            instalment.last_request = PaymentRequest(
                pk=instalment.last_request_pk,
                state=instalment.last_request_state,
                instalment=instalment,
                proposal_id=instalment.proposal_id,
            )
    return instalments


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


def project_list(user, **filters):
    """The projects `user` follows, filtered, with the released total, the next report due
    and the flags of the list; the lead municipality comes in one more query."""
    today = timezone.localdate()
    projects = with_released_amount(filter_projects(visible_projects(user), **filters))
    return (
        projects.select_related("call__programme", "lead", "award")
        .prefetch_related(lead_partners())
        .annotate(
            next_report_due=Subquery(_next_report_due()),
            report_overdue=Exists(_overdue_reports(today)),
            report_submitted=Exists(_submitted_reports()),
            instalment_due=Exists(_due_instalments()),
        )
        .order_by("-award__starts_on", "reference", "pk")
    )


def list_programmes(user):
    """The programmes the list's filter offers: those of the projects `user` follows."""
    calls = visible_projects(user).values("call__programme")
    return Programme.objects.filter(pk__in=calls).order_by("code")


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
