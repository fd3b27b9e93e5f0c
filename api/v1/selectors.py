"""The API's reads: the same people see the same rows as on the pages (the apps' selectors and
rules), each list in a stable order and in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from accounts.roles import Role
from accounts.rules import has_role
from indicators.dashboard.selectors import Scope, project_figures
from indicators.models import Indicator, IndicatorTarget, Programme
from projects.models import Award, IndicatorResult, Instalment, ProgressReport
from projects.selectors import team_projects, visible_projects
from projects.services import ledger_source
from proposals import rules as proposal_rules
from proposals.models import (
    Call,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from reviews.models import Assignment

# A terminated project leaves the portfolio, as on the portfolio page.
PORTFOLIO_STATES = (ProposalState.ACTIVE, ProposalState.COMPLETED, ProposalState.CLOSED)
PUBLIC_FIELDS = ("pk", "reference", "state", "title_th", "title_en", "summary_th", "summary_en")


def calls(user):
    """Published calls; call managers also their drafts (`proposals.rules.can_view_call`)."""
    queryset = Call.objects.select_related("programme", "fiscal_year")
    if not proposal_rules.can_manage_calls(user):
        queryset = queryset.published()
    return queryset.order_by("-opens_at", "pk")


def programmes():
    return Programme.objects.select_related("funder").order_by("code")


def framework_indicators(programme):
    return (
        Indicator.objects.filter(programme=programme)
        .select_related("objective")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=IndicatorTarget.objects.select_related("fiscal_year").order_by(
                    "fiscal_year__year_be"
                ),
            )
        )
        .order_by("code", "pk")
    )


def proposals(user):
    """The proposals `user` reads (`proposals.rules.can_view_proposal`): the team's own,
    every one for funding officers, their programmes' for programme managers."""
    queryset = Proposal.objects.select_related("call")
    if not user.is_authenticated:
        return queryset.none()
    if not has_role(user, Role.FUNDING_OFFICER):
        where = Q(pk__in=team_projects(user))
        if has_role(user, Role.PROGRAMME_MANAGER):
            where |= Q(call__programme__in=user.managed_programmes.values("pk"))
        queryset = queryset.filter(where)
    return queryset.order_by("-updated_at", "-pk")


def assignments(user):
    """The reviews assigned to `user`."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(reviewer=user)
        .select_related("proposal")
        .order_by("due_date", "pk")
    )


def projects(user):
    return (
        visible_projects(user)
        .select_related("call__programme", "award")
        .order_by("reference", "pk")
    )


def progress_reports(user):
    return (
        ProgressReport.objects.filter(proposal__in=visible_projects(user).values("pk"))
        .prefetch_related(
            Prefetch(
                "results",
                queryset=IndicatorResult.objects.select_related("indicator").order_by(
                    "indicator__code", "municipality_id", "pk"
                ),
            )
        )
        .order_by("due_on", "pk")
    )


def instalments(user):
    return Instalment.objects.filter(proposal__in=visible_projects(user).values("pk")).order_by(
        "proposal_id", "number", "pk"
    )


# The public portfolio ---------------------------------------------------------------------


@dataclass
class PublicProject:
    """A funded project as the public portfolio shows it (nothing names a person)."""

    proposal: Proposal
    figures: list = field(default_factory=list)  # (indicator, committed, result)

    @property
    def award(self):
        return self.proposal.public_award

    @property
    def municipalities(self):
        return [partner.municipality for partner in self.proposal.municipalities.all()]

    @property
    def technologies(self):
        return [item.technology for item in self.proposal.technologies.all()]


def portfolio_projects(programme):
    """The programme's projects in its public portfolio, by reference; four queries."""
    return (
        Proposal.objects.filter(call__programme=programme, state__in=PORTFOLIO_STATES)
        .only(*PUBLIC_FIELDS)
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=ProposalMunicipality.objects.select_related("municipality").order_by(
                    "-is_lead", "municipality__name_th"
                ),
            ),
            Prefetch(
                "technologies", queryset=ProposalTechnology.objects.select_related("technology")
            ),
            Prefetch(
                "award",
                queryset=Award.objects.only(
                    "proposal_id", "starts_on", "ends_on", "amount", "contract_date"
                ),
                to_attr="public_award",
            ),
        )
        .order_by("reference", "pk")
    )


def with_figures(programme, proposals):
    """`proposals` (one page of them) as PublicProject, with their counted figures per
    indicator of the KPI ledger; a fixed number of queries."""
    projects = [PublicProject(proposal) for proposal in proposals]
    indicators = list(Indicator.objects.filter(programme=programme).order_by("code", "pk"))
    by_source = {
        figures.source: figures.rows
        for figures in project_figures(Scope(programme=programme), indicators)
    }
    for project in projects:
        project.figures = by_source.get(ledger_source(project.proposal), [])
    return projects
