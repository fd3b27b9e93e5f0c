"""The public portfolio's cache: per programme, under a version that any change to what the
portfolio shows replaces (`core.versioned_cache`), so anonymous traffic reads the cache and
never a stale page. The same changes of funded projects drop the programme's KPI figures
(`indicators.cache`: the dashboards' approved budget and money released read them).

What the portfolio shows changes when the KPI ledger changes (commitments, results) or a funded
project does (its state, award, municipalities, technologies, a progress report accepted or
returned). The receivers below catch those saves and deletes, and every write of the ledger
(`indicators.ledger.ledger_changed`: its bulk writes send no post_save).

Every process of the site shares the cache (Redis with `CACHE_URL`, else files under var/cache:
config/settings.py), so a version replaced by one is seen by all.
"""

from django.db.models.signals import post_delete, post_save

from core.versioned_cache import VersionedCache
from indicators import cache as kpi_cache

CACHE_SECONDS = 300
PORTFOLIO = VersionedCache("portfolio", CACHE_SECONDS)


def version(programme_id):
    """The current version of the programme's cached portfolio."""
    return PORTFOLIO.version(programme_id)


def forget(programme_id):
    """Drop the programme's cached portfolio and KPI figures (its dashboards' money headlines
    read the funded projects too), now and again once the transaction commits."""
    PORTFOLIO.forget(programme_id)
    kpi_cache.forget(programme_id)


def _proposal_programme(proposal_id, *, funded_only=True):
    from proposals.models import Proposal, ProposalState

    row = Proposal.objects.filter(pk=proposal_id).values_list("state", "call__programme_id")
    row = row.first()
    if row is None or (funded_only and row[0] not in ProposalState.funded()):
        return None
    return row[1]


def _ledger_changed(sender, instance, **kwargs):
    forget(instance.programme_id)


def _ledger_written(sender, programme_id, **kwargs):
    forget(programme_id)


def _proposal_changed(sender, instance, **kwargs):
    from proposals.models import ProposalState

    # A draft being written changes nothing public; a funded one (or one that leaves the
    # portfolio: terminated) does.
    if instance.state in ProposalState.funded():
        forget(instance.call.programme_id)


def _part_changed(sender, instance, **kwargs):
    programme_id = _proposal_programme(instance.proposal_id)
    if programme_id is not None:
        forget(programme_id)


def _budget_changed(sender, instance, **kwargs):
    from projects.models import Award

    award = Award.objects.filter(pk=instance.award_id).values_list("proposal_id", flat=True)
    programme_id = _proposal_programme(next(iter(award), None))
    if programme_id is not None:
        forget(programme_id)


def connect():
    """Connect the receivers (projects' AppConfig.ready)."""
    from indicators.ledger import ledger_changed
    from indicators.models import Commitment, Result
    from projects.models import Award, AwardBudget, Instalment, ProgressReport
    from proposals.models import Proposal, ProposalMunicipality, ProposalTechnology

    ledger_changed.connect(_ledger_written, dispatch_uid="portfolio-ledger")
    for signal in (post_save, post_delete):
        for model in (Commitment, Result):
            uid = f"portfolio-{model.__name__}"
            signal.connect(_ledger_changed, sender=model, dispatch_uid=uid)
        signal.connect(_proposal_changed, sender=Proposal, dispatch_uid="portfolio-proposal")
        signal.connect(_budget_changed, sender=AwardBudget, dispatch_uid="portfolio-budget")
        parts = (Award, Instalment, ProgressReport, ProposalMunicipality, ProposalTechnology)
        for model in parts:
            signal.connect(_part_changed, sender=model, dispatch_uid=f"portfolio-{model.__name__}")
