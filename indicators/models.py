import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import bilingual, localized


class Funder(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=30, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name_th"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    abbr = bilingual("abbr")


class Strategy(models.Model):
    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("funder")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["name_th"]
        constraints = [
            models.UniqueConstraint(fields=["funder", "name_th"], name="unique_strategy_per_funder")
        ]

    def __str__(self):
        return self.name

    name = bilingual("name")


class FiscalYear(models.Model):
    """Thai fiscal year N (B.E.): 1 October of N−1 to 30 September of N, in C.E. years."""

    year_be = models.PositiveIntegerField(
        _("fiscal year (B.E.)"), unique=True, validators=[MinValueValidator(2500)]
    )

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["year_be"]

    def __str__(self):
        return str(self.year_be)

    @property
    def starts_on(self):
        return datetime.date(self.year_be - 543 - 1, 10, 1)

    @property
    def ends_on(self):
        return datetime.date(self.year_be - 543, 9, 30)

    @classmethod
    def year_be_of(cls, day):
        """The fiscal year (B.E.) that contains a date."""
        return day.year + 543 + (1 if day.month >= 10 else 0)


class Dimension(models.Model):
    """One of the seven smart-city dimensions; the rows are made by a migration."""

    class Code(models.TextChoices):
        ENVIRONMENT = "environment", _("Smart environment")
        MOBILITY = "mobility", _("Smart mobility")
        LIVING = "living", _("Smart living")
        PEOPLE = "people", _("Smart people")
        ENERGY = "energy", _("Smart energy")
        ECONOMY = "economy", _("Smart economy")
        GOVERNANCE = "governance", _("Smart governance")

    code = models.CharField(_("code"), max_length=20, primary_key=True, choices=Code.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("smart-city dimension")
        verbose_name_plural = _("smart-city dimensions")
        ordering = ["position"]

    def __str__(self):
        return str(self.get_code_display())


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("strategy"),
        null=True,
        blank=True,
    )
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    fiscal_years = models.ManyToManyField(
        FiscalYear, related_name="programmes", verbose_name=_("fiscal years")
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_programmes",
        blank=True,
        verbose_name=_("programme managers"),
    )
    on_track_threshold = models.DecimalField(
        _("on-track threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=[MinValueValidator(0)],
        help_text=_("An indicator at or above this achievement is on track."),
    )
    at_risk_threshold = models.DecimalField(
        _("at-risk threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(0)],
        help_text=_("An indicator at or above this achievement, but below on track, is at risk."),
    )
    public_portfolio = models.BooleanField(
        _("public portfolio"),
        default=False,
        help_text=_("Publish funded projects without personal data."),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    description = bilingual("description")


class TechnologyKind(models.TextChoices):
    HARD = "hard", _("Hard technology")
    SOFT = "soft", _("Soft technology")


class Technology(models.Model):
    """An item of the technology catalogue that projects bring to cities."""

    name_th = models.CharField(_("name (Thai)"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    origin = models.CharField(
        _("owner / origin"),
        max_length=255,
        blank=True,
        help_text=_("Who developed or owns it, e.g. the research project it came from."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TechnologyKind.choices)
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="technologies", verbose_name=_("dimensions")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        ordering = ["kind", "name_th"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    description = bilingual("description")


class Objective(models.Model):
    """An objective of a programme's results framework (the O of OKR), in order."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="unique_objective_code_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    name = bilingual("name")

    description = bilingual("description")


class ValueType(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENT = "percent", _("Percent")
    BAHT = "baht", _("Baht")
    YES_NO = "yes_no", _("Yes/no")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    MAXIMUM = "max", _("Maximum")
    LATEST = "latest", _("Latest value")
    COUNT_YES = "count_yes", _("Count of yes")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Indicator(models.Model):
    """A key result of a programme: what funded projects commit to and report against."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("programme")
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("objective")
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Unique in the programme, e.g. KR1.2.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500)
    definition_th = models.TextField(_("definition (Thai)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    unit_th = models.CharField(_("unit (Thai)"), max_length=50, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=50, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveIntegerField(
        _("baseline year (B.E.)"), null=True, blank=True, validators=[MinValueValidator(2500)]
    )
    per_municipality = models.BooleanField(
        _("reported per municipality"),
        default=False,
        help_text=_("Projects report a value for each partner municipality."),
    )
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="indicators", verbose_name=_("smart-city dimensions")
    )
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="indicators", verbose_name=_("technologies")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["programme", "objective__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="unique_indicator_code_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    name = bilingual("name")

    definition = bilingual("definition")

    @property
    def unit(self):
        if self.value_type == ValueType.PERCENT:
            return "%"
        if self.value_type == ValueType.BAHT:
            return localized(self, "unit") or _("baht")
        return localized(self, "unit")

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        yes_no = self.value_type == ValueType.YES_NO
        if yes_no != (self.aggregation == Aggregation.COUNT_YES):
            errors["aggregation"] = _(
                "Yes/no indicators are aggregated by counting yes, and only they are."
            )
        if (
            self.objective_id
            and self.programme_id
            and self.objective.programme_id != self.programme_id
        ):
            errors["objective"] = _("The objective belongs to another programme.")
        if (self.baseline_value is None) != (self.baseline_year is None):
            errors["baseline_year"] = _("Give the baseline value and its year together.")
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(models.Model):
    """The programme's target for an indicator in one fiscal year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "fiscal_year__year_be"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="unique_target_per_indicator_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.fiscal_year}: {self.value}"


class OutputType(models.Model):
    """A kind of research output (policy recommendation, prototype, article…): an editable list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("output type")
        verbose_name_plural = _("output types")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    name = bilingual("name")


class AchievementStatus(models.TextChoices):
    """How an indicator stands against its target, by the programme's thresholds."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class LedgerStatus(models.TextChoices):
    """Whether a ledger row counts in the roll-up (withdrawn or returned rows do not)."""

    COUNTED = "counted", _("Counted")
    NOT_COUNTED = "not_counted", _("Not counted")


class LedgerRow(models.Model):
    """What commitments and results share: where, when, for what, and where it came from.

    `source` is an opaque key such as "proposals.proposal:12" so that `indicators` never
    imports the app that writes the row.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    technology = models.ForeignKey(
        Technology,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("technology"),
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    source = models.CharField(_("source"), max_length=100, db_index=True)
    source_label = models.CharField(_("source reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=LedgerStatus.choices, default=LedgerStatus.COUNTED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class Commitment(LedgerRow):
    """A value a funded project committed to deliver against an indicator."""

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["indicator", "fiscal_year", "pk"]
        indexes = [
            models.Index(
                fields=["indicator", "fiscal_year", "status"], name="commitment_rollup_idx"
            )
        ]

    def __str__(self):
        return f"{self.source_label or self.source}: {self.indicator.code} {self.value}"


class Result(LedgerRow):
    """A value a funded project reported against an indicator for one period, with evidence."""

    period = models.CharField(
        _("period"), max_length=20, help_text=_('e.g. "month_6", "month_12", "final".')
    )
    period_end = models.DateField(_("end of period"))
    report = models.CharField(_("report"), max_length=100, db_index=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["indicator", "period_end", "pk"]
        indexes = [
            models.Index(fields=["indicator", "fiscal_year", "status"], name="result_rollup_idx")
        ]

    def __str__(self):
        return (
            f"{self.source_label or self.source} {self.period}: {self.indicator.code} {self.value}"
        )
