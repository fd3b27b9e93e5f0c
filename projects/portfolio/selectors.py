"""The reads of the public portfolio: a programme's funded projects and what they delivered,
without personal data.

Only what a funder publishes about public money is read here: reference, titles, partner
municipalities, technologies, dates, the approved amount, and the counted figures of the KPI
ledger. Nothing names a person: no lead, team, organisation, email or phone is selected, so a
template cannot show one by mistake.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from indicators.dashboard.selectors import Scope, project_figures
from indicators.models import Programme
from indicators.rollup import indicator_rollup
from projects.models import Award
from projects.services import ledger_source
from proposals.models import Proposal, ProposalMunicipality, ProposalState, ProposalTechnology

# A terminated project leaves the portfolio (what it delivered still counts in the roll-up).
PORTFOLIO_STATES = (ProposalState.ACTIVE, ProposalState.COMPLETED, ProposalState.CLOSED)
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


def portfolio_projects(programme):
    """The programme's projects in the portfolio, by reference, with their municipalities,
    technologies and award; three queries."""
    return (
        Proposal.objects.filter(call__programme=programme, state__in=PORTFOLIO_STATES)
        .only(*PUBLIC_PROPOSAL_FIELDS)
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
class Portfolio:
    programme: Programme
    projects: list
    rollups: list  # the programme's indicators with something to show

    @property
    def approved_total(self):
        return sum(
            (project.award.amount for project in self.projects if project.award), Decimal("0.00")
        )

    @property
    def municipality_count(self):
        return len({m.pk for project in self.projects for m in project.municipalities})


def portfolio(programme):
    """The portfolio of `programme`: its projects with their counted figures per indicator,
    and the programme's roll-up of counted results; a fixed number of queries."""
    projects = [PortfolioProject(proposal) for proposal in portfolio_projects(programme)]
    rollups = [
        rollup
        for rollup in indicator_rollup(programme)
        if rollup.committed is not None or rollup.result is not None
    ]
    by_source = {
        figures.source: figures.rows
        for figures in project_figures(Scope(programme=programme), [r.indicator for r in rollups])
    }
    for project in projects:
        project.figures = by_source.get(ledger_source(project.proposal), [])
    return Portfolio(programme=programme, projects=projects, rollups=rollups)
