from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import MunicipalityType, Region
from core.badges import badge_colours
from core.numbers import number
from core.thai import bilingual
from indicators.models import FiscalYear, Programme
from proposals.models.reporting import FinancialReporting, ProgressReportKind, ReportCadence

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


@badge_colours("warning", OPEN="success", UPCOMING="info", CLOSED="secondary")
class CallState(models.TextChoices):
    """Where a call stands for applicants; derived from its publication and its dates."""

    DRAFT = "draft", _("Not published")
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    # Closed for applications: a project that is closed reads otherwise (ProposalState).
    CLOSED = "closed", pgettext_lazy("call state", "Closed")


class ProposalStage(models.TextChoices):
    CONCEPT = "concept", _("Concept proposal")
    FULL = "full", _("Full proposal")


class ScoringFormula(models.TextChoices):
    """How a review's total on 0–100 is worked out from its criteria's scores; a call chooses.

    Full marks (the Thai committee form): Σ weight × score ÷ highest score, so 1 of 5 earns a
    fifth of the weight and 4 of 5 everywhere gives 80. Rescaled: Σ weight × (score − lowest)
    ÷ (highest − lowest), so the lowest score earns nothing and 4 of 5 everywhere gives 75.
    """

    FULL_MARKS = "full_marks", _("Score ÷ full marks × weight")
    RESCALED = (
        "rescaled",
        _("Rescaled from the lowest score: (score − lowest) ÷ (highest − lowest) × weight"),
    )

    @property
    def example(self):
        """What the formula gives on a 1–5 scale, for the pages that name it."""
        if self == ScoringFormula.FULL_MARKS:
            return _("On a 1–5 scale, 1 earns a fifth of the weight and 4 everywhere gives 80.")
        return _("On a 1–5 scale, 1 earns nothing and 4 everywhere gives 75.")


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_at(self, moment=None):
        moment = moment or timezone.now()
        return self.published().filter(opens_at__lte=moment, closes_at__gt=moment)


class Call(models.Model):
    """A call for proposals with its budget rules, instalments and review criteria."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short and unique; used in links and proposal numbers, e.g. SLC-2568."),
    )
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="calls", verbose_name=_("fiscal year")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    total_budget = models.DecimalField(
        _("total budget (baht)"),
        max_digits=15,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    ceiling_per_proposal = models.DecimalField(
        _("ceiling per proposal (baht)"),
        max_digits=15,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    min_duration_months = models.PositiveSmallIntegerField(
        _("shortest duration (months)"), default=6, validators=[MinValueValidator(1)]
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("longest duration (months)"), default=12, validators=[MinValueValidator(1)]
    )
    eligible_municipality_types = models.JSONField(
        _("eligible municipality types"),
        default=list,
        blank=True,
        help_text=_("Leave empty to accept every type."),
    )
    eligible_regions = models.JSONField(
        _("eligible regions"), default=list, blank=True, help_text=_("Leave empty to accept all.")
    )
    reviewers_per_proposal = models.PositiveSmallIntegerField(
        _("reviewers per proposal"), default=3, validators=[MinValueValidator(1)]
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers do not see the names and organisations of the team."),
    )
    scoring_formula = models.CharField(
        _("scoring formula"),
        max_length=12,
        choices=ScoringFormula.choices,
        default=ScoringFormula.FULL_MARKS,
        help_text=_(
            "How a review's total on 0–100 is worked out from the scores. It cannot change once "
            "a review of the call is submitted."
        ),
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold (points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
        validators=PERCENT_VALIDATORS,
        help_text=_("Reviews whose standard deviation passes this, on 0–100, are flagged."),
    )
    # A two-stage call takes short concept proposals until `concept_closes_at`; only the
    # concepts invited by a decision go on to a full proposal, due at `closes_at`.
    has_concept_stage = models.BooleanField(_("concept stage first"), default=False)
    concept_closes_at = models.DateTimeField(_("concepts close at"), null=True, blank=True)
    concept_reviewers = models.PositiveSmallIntegerField(
        _("reviewers per concept"), default=2, validators=[MinValueValidator(1)]
    )
    report_cadence = models.CharField(
        _("progress reports"),
        max_length=12,
        choices=ReportCadence.choices,
        default=ReportCadence.HALF_YEARLY,
        help_text=_("Every schedule ends with the final report, whatever the project's length."),
    )
    financial_reporting = models.CharField(
        _("financial report"),
        max_length=12,
        choices=FinancialReporting.choices,
        default=FinancialReporting.WITH_EACH_REPORT,
        help_text=_("When the team reports its spending per budget category."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_at", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="call_opens_before_it_closes",
            ),
            models.CheckConstraint(
                condition=models.Q(ceiling_per_proposal__lte=models.F("total_budget")),
                name="call_ceiling_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(min_duration_months__lte=models.F("max_duration_months")),
                name="call_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("proposals:call_detail", args=[self.code])

    title = bilingual("title")

    description = bilingual("description")

    @property
    def scoring(self):
        """The call's `ScoringFormula` (with its label and example)."""
        return ScoringFormula(self.scoring_formula)

    def state_at(self, moment=None):
        moment = moment or timezone.now()
        if not self.is_published:
            return CallState.DRAFT
        if moment < self.opens_at:
            return CallState.UPCOMING
        if moment < self.closes_at:
            return CallState.OPEN
        return CallState.CLOSED

    @property
    def state(self):
        return self.state_at()

    @property
    def is_open(self):
        return self.state == CallState.OPEN

    def eligible_municipality_type_labels(self):
        return [MunicipalityType(v).label for v in self.eligible_municipality_types]

    def eligible_region_labels(self):
        return [Region(v).label for v in self.eligible_regions]

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if (
            self.ceiling_per_proposal is not None
            and self.total_budget is not None
            and self.ceiling_per_proposal > self.total_budget
        ):
            errors["ceiling_per_proposal"] = _("The ceiling cannot exceed the total budget.")
        if (
            self.min_duration_months
            and self.max_duration_months
            and self.min_duration_months > self.max_duration_months
        ):
            errors["max_duration_months"] = _("The longest duration is shorter than the shortest.")
        if (
            self.programme_id
            and self.fiscal_year_id
            and not self.programme.fiscal_years.filter(pk=self.fiscal_year_id).exists()
        ):
            errors["fiscal_year"] = _("This fiscal year is not one of the programme's.")
        bad_types = set(self.eligible_municipality_types or []) - set(MunicipalityType.values)
        if bad_types:
            errors["eligible_municipality_types"] = _("Unknown municipality type.")
        if set(self.eligible_regions or []) - set(Region.values):
            errors["eligible_regions"] = _("Unknown region.")
        if self.has_concept_stage and not (
            self.concept_closes_at and self.opens_at < self.concept_closes_at < self.closes_at
        ):
            errors["concept_closes_at"] = _(
                "Concepts must close after the call opens and before it closes."
            )
        too_long = ReportCadence(self.report_cadence).too_long(self.max_duration_months)
        if too_long:
            errors["report_cadence"] = too_long
        if errors:
            raise ValidationError(errors)

    def reports_scheduled(self, kind):
        """Whether a report of `kind` can be in the schedule of this call's projects."""
        return ReportCadence(self.report_cadence).may_have(kind)


class BudgetCategoryCode(models.TextChoices):
    """The budget categories of Thai research funding, offered by default on a new call."""

    PERSONNEL = "personnel", _("Personnel and wages")
    HONORARIA = "honoraria", _("Honoraria")
    SERVICES = "services", _("Services")
    MATERIALS = "materials", _("Materials")
    EQUIPMENT = "equipment", _("Equipment")
    INSTITUTIONAL_FEE = "institutional_fee", _("Institutional fee")


DEFAULT_BUDGET_CATEGORIES = [
    # code, Thai, English, cap % (at most), fixed % (exactly). The institutional fee is at most
    # 10% of the total, PMU-A's usual rule (ไม่เกินร้อยละ 10); a call may make it exactly 10%.
    (BudgetCategoryCode.PERSONNEL, "ค่าตอบแทน ค่าจ้าง", "Personnel and wages", Decimal("30"), None),
    (BudgetCategoryCode.HONORARIA, "ค่าตอบแทนผู้ทรงคุณวุฒิ/วิทยากร", "Honoraria", None, None),
    (BudgetCategoryCode.SERVICES, "ค่าใช้สอย", "Services", None, None),
    (BudgetCategoryCode.MATERIALS, "ค่าวัสดุ", "Materials", None, None),
    (BudgetCategoryCode.EQUIPMENT, "ค่าครุภัณฑ์", "Equipment", Decimal("20"), None),
    (
        BudgetCategoryCode.INSTITUTIONAL_FEE,
        "ค่าธรรมเนียมอุดหนุนสถาบัน",
        "Institutional fee",
        Decimal("10"),
        None,
    ),
]


class BudgetCategory(models.Model):
    """A budget category of a call and its rule: allowed, capped, or a fixed share."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="budget_categories", verbose_name=_("call")
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    allowed = models.BooleanField(_("allowed"), default=True)
    cap_percent = models.DecimalField(
        # Translators: xgettext:no-python-format
        _("cap (% of total)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    fixed_percent = models.DecimalField(
        # Translators: xgettext:no-python-format
        _("fixed share (% of total)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        # Translators: xgettext:no-python-format
        help_text=_("E.g. an institutional fee of exactly 10% of the total."),
    )

    class Meta:
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")
        ordering = ["call", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="unique_budget_category_per_call")
        ]

    def __str__(self):
        return self.name

    name = bilingual("name")

    @property
    def rule(self):
        """The call's rule for this category in words: at most or exactly a share of the
        total, not allowed, or "" when any amount is fine."""
        if not self.allowed:
            return _("not allowed")
        if self.cap_percent is not None:
            # Translators: a budget rule, e.g. "at most 10% of the total"
            return _("at most %(share)s%% of the total") % {"share": number(self.cap_percent)}
        if self.fixed_percent is not None:
            # Translators: a budget rule, e.g. "exactly 10% of the total"
            return _("exactly %(share)s%% of the total") % {"share": number(self.fixed_percent)}
        return ""

    def clean(self):
        if self.cap_percent is not None and self.fixed_percent is not None:
            raise ValidationError(
                {"fixed_percent": _("A category has either a cap or a fixed share, not both.")}
            )


class InstalmentTemplate(models.Model):
    """One instalment of a call's payment plan: a share of the budget, due on a report."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("call")
    )
    number = models.PositiveSmallIntegerField(_("instalment"), validators=[MinValueValidator(1)])
    percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    report_kind = models.CharField(
        _("released on"),
        max_length=20,
        choices=ProgressReportKind.choices,
        default=ProgressReportKind.CONTRACT,
    )

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_instalment_number")
        ]

    def __str__(self):
        return f"{self.number}: {self.percent}%"
