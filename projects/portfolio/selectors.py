"""The reads of the public portfolio: a programme's funded projects and what they delivered,
without personal data.

Only what a funder publishes about public money is read here: reference, titles, partner
municipalities, technologies, dates, the approved amount, and the counted figures of the KPI
ledger. Nothing names a person: no lead, team, organisation, email or phone is selected, so a
template cannot show one by mistake.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Coalesce

from indicators.dashboard.selectors import Scope, project_figures
from indicators.models import Programme
from indicators.rollup import indicator_rollup
from projects.models import Award
from projects.portfolio import cache as portfolio_cache
from projects.services import ledger_source
from proposals.models import Proposal, ProposalMunicipality, ProposalState, ProposalTechnology

# A terminated project leaves the portfolio (what it delivered still counts in the roll-up).
PORTFOLIO_STATES = (ProposalState.ACTIVE, ProposalState.COMPLETED, ProposalState.CLOSED)
PER_PAGE = 20
PUBLIC_PROPOSAL_FIELDS = (
    "pk",
    "call_id",
    "reference",
    "state",
    "title_th",
    "title_en",
    "summary_th",
    "summary_en",
)


def portfolio_programmes(*, include_unpublished=False):
    """Programmes that publish a portfolio (all of them for staff previewing), with the number
    of projects each shows; one query."""
    programmes = Programme.objects.order_by("code")
    if not include_unpublished:
        programmes = programmes.filter(public_portfolio=True)
    shown = Q(calls__proposals__state__in=PORTFOLIO_STATES)
    return programmes.annotate(project_count=Count("calls__proposals", filter=shown, distinct=True))


def _matching(query):
    """Projects whose reference, title, a municipality or a technology contains `query`."""
    places = ProposalMunicipality.objects.filter(proposal=OuterRef("pk")).filter(
        Q(municipality__name_th__icontains=query)
        | Q(municipality__name_en__icontains=query)
        | Q(municipality__province_th__icontains=query)
        | Q(municipality__province_en__icontains=query)
    )
    technologies = ProposalTechnology.objects.filter(proposal=OuterRef("pk")).filter(
        Q(technology__name_th__icontains=query) | Q(technology__name_en__icontains=query)
    )
    return (
        Q(reference__icontains=query)
        | Q(title_th__icontains=query)
        | Q(title_en__icontains=query)
        | Exists(places)
        | Exists(technologies)
    )


def shown_projects(programme):
    return Proposal.objects.filter(call__programme=programme, state__in=PORTFOLIO_STATES)


def portfolio_projects(programme, query=""):
    """The programme's projects in the portfolio (those matching `query`, when given), by
    reference, with their municipalities, technologies and award; three queries."""
    projects = shown_projects(programme)
    if query:
        projects = projects.filter(_matching(query))
    return (
        projects.only(*PUBLIC_PROPOSAL_FIELDS)
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=ProposalMunicipality.objects.select_related("municipality").only(
                    "proposal_id",
                    "is_lead",
                    "municipality__name_th",
                    "municipality__name_en",
                    "municipality__province_th",
                    "municipality__province_en",
                ),
            ),
            Prefetch(
                "technologies",
                queryset=ProposalTechnology.objects.select_related("technology").only(
                    "proposal_id", "technology__name_th", "technology__name_en"
                ),
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


@dataclass
class PortfolioProject:
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


@dataclass(frozen=True)
class Summary:
    """The whole programme's headlines and figures, whatever page is shown."""

    project_count: int
    municipality_count: int
    approved_total: Decimal
    rollups: list  # the programme's indicators with something to show
    figures: dict  # ledger source → [(indicator, committed, result)]


@dataclass(frozen=True)
class Portfolio:
    programme: Programme
    summary: Summary
    projects: list  # the page's PortfolioProjects
    count: int  # the projects matching the search
    number: int  # the page's number

    @property
    def rollups(self):
        return self.summary.rollups

    @property
    def approved_total(self):
        return self.summary.approved_total

    @property
    def municipality_count(self):
        return self.summary.municipality_count


def portfolio_summary(programme):
    """The programme's headlines, counted results and each project's figures; a fixed number
    of queries."""
    shown = shown_projects(programme)
    totals = shown.aggregate(
        count=Count("pk"), approved=Coalesce(Sum("award__amount"), Decimal("0.00"))
    )
    municipalities = (
        ProposalMunicipality.objects.filter(proposal__in=shown.values("pk"))
        .values("municipality")
        .distinct()
        .count()
    )
    rollups = [
        rollup
        for rollup in indicator_rollup(programme)
        if rollup.committed is not None or rollup.result is not None
    ]
    figures = {
        item.source: item.rows
        for item in project_figures(Scope(programme=programme), [r.indicator for r in rollups])
    }
    return Summary(
        project_count=totals["count"],
        municipality_count=municipalities,
        approved_total=totals["approved"],
        rollups=rollups,
        figures=figures,
    )


def _page(programme, query, number, figures):
    paginator = Paginator(portfolio_projects(programme, query), PER_PAGE)
    page = paginator.get_page(number)
    projects = [PortfolioProject(proposal) for proposal in page.object_list]
    for project in projects:
        project.figures = figures.get(ledger_source(project.proposal), [])
    return {"projects": projects, "count": paginator.count, "number": page.number}


def portfolio(programme, *, query="", number=1):
    """Page `number` of the portfolio of `programme` (its projects matching `query`, with their
    counted figures per indicator) and the programme's summary, from the programme's cache
    (see cache.py) or, once per version, in a fixed number of queries."""
    query = query.strip()
    kept = portfolio_cache.PORTFOLIO
    summary = kept.get_or_compute(programme.pk, ("summary",), lambda: portfolio_summary(programme))
    listing = kept.get_or_compute(
        programme.pk,
        ("page", query, number),
        lambda: _page(programme, query, number, summary.figures),
    )
    return Portfolio(programme=programme, summary=summary, **listing)
