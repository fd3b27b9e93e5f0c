"""Reads of one project's page (its header, reports and instalments), each in one query."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Subquery, Value
from django.utils import timezone

from accounts.models import Municipality, User
from core.compiled import CompiledRead
from indicators.models import Technology
from projects.models import Instalment, PaymentRequest, ProgressReport, ProgressReportState
from projects.risk.selectors.signals import times_returned
from proposals.models import Proposal, ProposalMunicipality, ProposalState, ProposalTechnology
from proposals.team.selectors import edits_team, know_team_editor
from proposals.writing.selectors import decision_recorded

# One project ----------------------------------------------------------------------------------


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


# Compiled once: its joins and annotations cost more to compile than to run.
_project_for_page = CompiledRead(
    lambda pk, user_pk: project_page(User(pk=user_pk)).filter(pk=pk).order_by()[:1]
)


def project_for_page(user, pk):
    """The funded project `pk` read for its page by `user` (None when there is none), the
    rules knowing whether `user` edits it without reading its team."""
    proposal = next(iter(_project_for_page(pk, user.pk)), None)
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


def _places_rows(proposal_pk):
    """(kind, is lead, pk, municipality or technology pk, name_th, name_en) of the project's
    partner municipalities and technologies."""
    partners = ProposalMunicipality.objects.filter(proposal=proposal_pk).annotate(
        kind=Value("municipality"),
        thing=F("municipality_id"),
        thing_th=F("municipality__name_th"),
        thing_en=F("municipality__name_en"),
    )
    technologies = ProposalTechnology.objects.filter(proposal=proposal_pk).annotate(
        kind=Value("technology"),
        is_lead=Value(False),
        thing=F("technology_id"),
        thing_th=F("technology__name_th"),
        thing_en=F("technology__name_en"),
    )
    columns = ("kind", "is_lead", "pk", "thing", "thing_th", "thing_en")
    return (
        partners.values_list(*columns)
        .order_by()
        .union(technologies.values_list(*columns).order_by(), all=True)
    )


_places_and_technologies = CompiledRead(_places_rows)


def places_and_technologies(proposal):
    """The project's partner municipalities (the lead apart) and technologies, by their names:
    one query (a UNION ALL of the two, each row marked with its kind)."""
    lead, partners, technologies = None, [], []
    rows = _places_and_technologies(proposal.pk)
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


def _reports(proposal_pk, kind_pk=None):
    """The project's reports in schedule order; with the content type of reports (`kind_pk`),
    with `times_returned`."""
    reports = ProgressReport.objects.filter(proposal=proposal_pk).order_by("period_end", "pk")
    if kind_pk is None:
        return reports
    return reports.annotate(times_returned=times_returned(kind_pk))


# Both shapes (one id or two) compiled once (core.compiled).
_reports_read = CompiledRead(_reports)


def project_reports(proposal, *, with_returns=False):
    """The project's reports in schedule order, each with `overdue` set, and with
    `with_returns`, `times_returned` (the risk badge's)."""
    today = timezone.localdate()
    ids = [proposal.pk]
    if with_returns:
        ids.append(ContentType.objects.get_for_model(ProgressReport).pk)
    reports = _reports_read(*ids)
    for report in reports:
        report.overdue = is_overdue(report, today)
    return reports


def _instalments(proposal_pk):
    newest = PaymentRequest.objects.filter(instalment=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Instalment.objects.filter(proposal=proposal_pk)
        .select_related("report")
        .annotate(
            last_request_pk=Subquery(newest.values("pk")[:1]),
            last_request_state=Subquery(newest.values("state")[:1]),
        )
        .order_by("number")
    )


_project_instalments = CompiledRead(_instalments)


def project_instalments(proposal):
    """The project's instalments in order, with the report each waits for and its newest
    payment request (`last_request`, its pk and state only, or None)."""
    instalments = _project_instalments(proposal.pk)
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
