"""Funders, their strategies and programmes, fiscal years, smart-city dimensions, the technology
catalogue and the kinds of output."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.organisations.identifiers import validate_org_id
from core.thai import bilingual


class Funder(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=30, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=30, blank=True)
    # How open data names the funder (360Giving's fundingOrganization): an org-id.
    identifier = models.CharField(
        _("identifier (org-id)"),
        max_length=100,
        blank=True,
        help_text=_("As listed at org-id.guide, e.g. TH-DBD-0994000158378."),
        validators=[validate_org_id],
    )

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
        # Not get_code_display(), which translates every dimension's label to show one.
        return str(self.Code(self.code).label) if self.code in self.Code.values else self.code


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
    spending_under_threshold = models.DecimalField(
        _("spending too low (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "A project that spent less than this share of its plan by a report is at risk "
            "(high risk below half of it)."
        ),
    )
    spending_over_threshold = models.DecimalField(
        _("spending too high (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("150"),
        validators=[MinValueValidator(100)],
        help_text=_(
            "A project that spent more than this share of its plan by a report is at risk "
            "(high risk when twice as far over)."
        ),
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
