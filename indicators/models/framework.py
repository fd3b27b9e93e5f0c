"""A programme's results framework: objectives, indicators (unit, value type, aggregation,
direction) and their targets per fiscal year."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.thai import bilingual, localized
from indicators.models.programmes import Dimension, FiscalYear, Programme, Technology


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
