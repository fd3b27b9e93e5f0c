"""The KPI figures' cache: what the dashboards, the indicator pages, the municipality pages and
the next call's what-if compute from the ledger, kept per programme (`FIGURES`, see
`core.versioned_cache`) under a version that every change to what they show replaces.

What they show changes when:

- the KPI ledger changes (a commitment or a result saved or deleted, and every write of
  `indicators.ledger`, whose bulk writes send no post_save: `ledger_changed`);
- the programme's framework does (the programme itself, its thresholds and fiscal years, its
  objectives, indicators and their dimensions, targets);
- what every programme names does (fiscal years, municipalities, dimensions, technologies):
  the whole cache is dropped;
- a funded project does (its state, award, budgets, instalments, municipalities,
  technologies, reports): the dashboards' money headlines read them. `indicators` does not
  import the apps above: they call `forget(programme_id)` (projects.portfolio.cache).

The projection counts the fiscal years that have ended: keys carry the day, too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.versioned_cache import VersionedCache

FIGURES = VersionedCache("kpi", seconds=300)
# The scope of figures that add up every programme's (the list of municipalities).
ANY_PROGRAMME = "any"


def forget(programme_id=None):
    """Drop the cached figures of `programme_id`, and those of every programme together (of
    every programme when None)."""
    if programme_id is None:
        FIGURES.forget()
    else:
        FIGURES.forget(programme_id)
        FIGURES.forget(ANY_PROGRAMME)


def _of_programme(sender, instance, **kwargs):
    forget(instance.programme_id)


def _programme(sender, instance, **kwargs):
    forget(instance.pk)


def _target(sender, instance, **kwargs):
    from indicators.models import Indicator

    # The indicator may be gone already (deleted with its targets): then forget them all.
    owner = Indicator.objects.filter(pk=instance.indicator_id).values_list("programme_id")
    forget(next(iter(owner), (None,))[0])


def _ledger_written(sender, programme_id, **kwargs):
    forget(programme_id)


def _everything(sender, **kwargs):
    forget()


def connect():
    """Connect the receivers (indicators' AppConfig.ready)."""
    from accounts.models import Municipality
    from indicators.ledger import ledger_changed
    from indicators.models import (
        Commitment,
        Dimension,
        FiscalYear,
        Indicator,
        IndicatorTarget,
        Objective,
        Programme,
        Result,
        Technology,
    )

    ledger_changed.connect(_ledger_written, dispatch_uid="kpi-ledger")
    for signal in (post_save, post_delete):
        for model in (Commitment, Result, Objective, Indicator):
            signal.connect(_of_programme, sender=model, dispatch_uid=f"kpi-{model.__name__}")
        signal.connect(_programme, sender=Programme, dispatch_uid="kpi-programme")
        signal.connect(_target, sender=IndicatorTarget, dispatch_uid="kpi-target")
        for model in (FiscalYear, Municipality, Dimension, Technology):
            signal.connect(_everything, sender=model, dispatch_uid=f"kpi-{model.__name__}")
    m2m_changed.connect(
        _everything, sender=Programme.fiscal_years.through, dispatch_uid="kpi-programme-years"
    )
    m2m_changed.connect(
        _everything, sender=Indicator.dimensions.through, dispatch_uid="kpi-dimensions"
    )
