"""The award of a funded project: contract, approved budget per category and fiscal year, and the
instalments (scheduled → due → released, or cancelled)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.badges import badge_colours
from indicators.models import FiscalYear
from projects.models.progress import ProgressReport
from proposals.models.calls import BudgetCategory, ProgressReportKind
from proposals.models.parts import MONEY
from proposals.models.proposal import Proposal


class Award(models.Model):
    """The contract of a funded proposal: recorded once, when an officer funds it."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="award", verbose_name=_("proposal")
    )
    contract_number = models.CharField(_("contract number"), max_length=60, unique=True)
    contract_date = models.DateField(_("contract date"))
    starts_on = models.DateField(_("project start"))
    ends_on = models.DateField(_("project end"))
    amount = models.DecimalField(_("approved budget (baht)"), **MONEY)
    funded_at = models.DateTimeField(_("funded at"), auto_now_add=True)
    funded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("funded by"),
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-contract_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="award_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive"),
        ]

    def __str__(self):
        return self.contract_number


class AwardBudget(models.Model):
    """The approved amount of one budget category in one fiscal year."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="budget", verbose_name=_("award")
    )
    category = models.ForeignKey(
        BudgetCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    amount = models.DecimalField(
        _("approved amount (baht)"), validators=[MinValueValidator(0)], **MONEY
    )

    class Meta:
        verbose_name = _("approved budget line")
        verbose_name_plural = _("approved budget")
        ordering = ["award", "category__position", "fiscal_year__year_be"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "category", "fiscal_year"], name="unique_award_budget_cell"
            )
        ]

    def __str__(self):
        return f"{self.category} {self.fiscal_year}: {self.amount}"


@badge_colours("secondary", DUE="warning", RELEASED="success", CANCELLED="light")
class InstalmentState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DUE = "due", _("Due for payment")
    RELEASED = "released", _("Released")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def settled(cls):
        """Nothing is left to pay on an instalment in these states."""
        return (cls.RELEASED, cls.CANCELLED)


class Instalment(models.Model):
    """One payment of the award, due once the report it depends on is accepted (or, for the
    first, once the contract is signed)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    report_kind = models.CharField(
        _("released on"), max_length=20, choices=ProgressReportKind.choices
    )
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instalments",
        verbose_name=_("report it depends on"),
    )
    state = FSMField(
        _("state"),
        default=InstalmentState.SCHEDULED,
        choices=InstalmentState.choices,
        protected=True,
    )
    due_since = models.DateField(_("due since"), null=True, blank=True)
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    # What finance paid, when less than `amount` (see projects.payments); blank: `amount`.
    paid_amount = models.DecimalField(_("amount paid (baht)"), null=True, blank=True, **MONEY)
    released_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # When the team was last reminded to request this due instalment (projects.payments).
    request_reminded_on = models.DateField(null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="unique_project_instalment"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="instalment_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.proposal} #{self.number}"

    @property
    def paid_on_contract(self):
        """Paid on the signed contract (no report), and not cancelled."""
        return (
            self.report_id is None
            and self.report_kind == ProgressReportKind.CONTRACT
            and self.state != InstalmentState.CANCELLED
        )

    @property
    def amount_released(self):
        """What was paid on this instalment: its amount, or less when finance paid less."""
        return self.amount if self.paid_amount is None else self.paid_amount

    @transition(field=state, source=InstalmentState.SCHEDULED, target=InstalmentState.DUE)
    def make_due(self):
        pass

    @transition(field=state, source=InstalmentState.DUE, target=InstalmentState.RELEASED)
    def release(self):
        pass

    @transition(
        field=state,
        source=[InstalmentState.SCHEDULED, InstalmentState.DUE],
        target=InstalmentState.CANCELLED,
    )
    def cancel(self):
        pass
