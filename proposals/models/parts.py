"""The parts of a proposal: team, municipalities, technologies, narrative, plan, budget,
indicator contributions, expected outputs and attachments."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from indicators.models import FiscalYear, Indicator, OutputType, Technology
from proposals.models.call_parts import RequiredAttachment
from proposals.models.calls import BudgetCategory
from proposals.models.proposal import Proposal

MONEY = {"max_digits": 15, "decimal_places": 2}


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Lead researcher")
    CO_RESEARCHER = "co_researcher", _("Co-researcher")
    ADVISOR = "advisor", _("Advisor")
    ASSISTANT = "assistant", _("Research assistant")


class TeamMember(models.Model):
    """A member of the proposing team. Co-researchers are invited by email and may edit the
    proposal once they accept; the lead is a member too and owns the proposal."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="team", verbose_name=_("proposal")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="team_memberships",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    # The member's organisation is the record; the text keeps a copy of its name (as the
    # person's own does, accounts.organisations), followed when the record is renamed.
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation_record = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_members",
        verbose_name=_("organisation record"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=TeamRole.choices, default=TeamRole.CO_RESEARCHER
    )
    effort_percent = models.DecimalField(
        _("effort (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["proposal", "invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "email"], name="unique_member_email"),
        ]
        # Invitations are found by the invitee's email, case-insensitively (email__iexact).
        indexes = [models.Index(Upper("email"), name="teammember_email_upper")]

    def __str__(self):
        return self.name or self.email

    @property
    def has_accepted(self):
        return self.accepted_at is not None and self.declined_at is None

    @property
    def is_pending(self):
        return self.accepted_at is None and self.declined_at is None


class ContributionKind(models.TextChoices):
    NONE = "none", _("No co-funding")
    IN_KIND = "in_kind", _("In kind")
    CASH = "cash", _("Cash")


class ProposalMunicipality(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="municipalities",
        verbose_name=_("proposal"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    is_lead = models.BooleanField(_("lead municipality"), default=False)
    role = models.CharField(_("role in the project"), max_length=500, blank=True)
    contribution_kind = models.CharField(
        _("co-funding"),
        max_length=10,
        choices=ContributionKind.choices,
        default=ContributionKind.NONE,
    )
    contribution_amount = models.DecimalField(
        _("co-funding value (baht)"),
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )

    class Meta:
        verbose_name = _("partner municipality")
        verbose_name_plural = _("partner municipalities")
        ordering = ["proposal", "-is_lead", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "municipality"], name="unique_proposal_municipality"
            ),
        ]
        # The region filter of the dashboards and the project list reads the lead partners of
        # a region's municipalities (projects.selectors.led_from).
        indexes = [
            models.Index(
                fields=["municipality", "proposal"],
                condition=models.Q(is_lead=True),
                name="lead_partner_by_municipality",
            )
        ]

    def __str__(self):
        return str(self.municipality)


class ProposalTechnology(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="technologies", verbose_name=_("proposal")
    )
    technology = models.ForeignKey(
        Technology, on_delete=models.PROTECT, related_name="+", verbose_name=_("technology")
    )
    planned_use = models.TextField(_("planned use"), blank=True)

    class Meta:
        verbose_name = _("technology used")
        verbose_name_plural = _("technologies used")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "technology"], name="unique_proposal_technology"
            ),
        ]

    def __str__(self):
        return str(self.technology)


class SectionKey(models.TextChoices):
    """The narrative sections of a Thai research proposal, in their usual order."""

    PROBLEM = "problem", _("Problem and rationale")
    OBJECTIVES = "objectives", _("Objectives")
    METHOD = "method", _("Method")
    AREA = "area", _("Area and target group")
    RISKS = "risks", _("Risks and how they are managed")
    BENEFITS = "benefits", _("Expected benefits")


class Section(models.Model):
    """One narrative section, saved on its own so two people can write different sections."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="sections", verbose_name=_("proposal")
    )
    key = models.CharField(_("section"), max_length=20, choices=SectionKey.choices)
    text = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "key"], name="unique_proposal_section"),
        ]

    def __str__(self):
        return self.get_key_display()


class Activity(models.Model):
    """A line of the work plan, placed in the project's months (1 = the start month)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="activities", verbose_name=_("proposal")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("activity"), max_length=500)
    start_month = models.PositiveSmallIntegerField(
        _("from month"), validators=[MinValueValidator(1)]
    )
    end_month = models.PositiveSmallIntegerField(_("to month"), validators=[MinValueValidator(1)])
    deliverable = models.CharField(_("deliverable"), max_length=500, blank=True)
    weight_percent = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["proposal", "position", "id"]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    """quantity × unit cost = amount, in a category of the call and a fiscal year."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("proposal")
    )
    category = models.ForeignKey(
        BudgetCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit_cost = models.DecimalField(
        _("unit cost (baht)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    amount = models.DecimalField(_("amount (baht)"), editable=False, **MONEY)
    specification = models.TextField(
        _("specification"), blank=True, help_text=_("Equipment only: what exactly is bought.")
    )
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Equipment only: why the project needs it.")
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["proposal", "fiscal_year__year_be", "category__position", "id"]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        self.amount = (self.quantity * self.unit_cost).quantize(Decimal("0.01"))
        super().save(*args, **kwargs)


class IndicatorContribution(models.Model):
    """What the project commits to deliver on one indicator of the programme in a fiscal year."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("proposal"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("For indicators reported per municipality."),
    )
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    means_of_verification = models.TextField(_("means of verification"), blank=True)

    class Meta:
        verbose_name = _("indicator contribution")
        verbose_name_plural = _("indicator contributions")
        ordering = ["proposal", "indicator__code", "fiscal_year__year_be", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "indicator", "fiscal_year", "municipality"],
                name="unique_contribution",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.fiscal_year}: {self.target}"


class ExpectedOutput(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("proposal")
    )
    output_type = models.ForeignKey(
        OutputType, on_delete=models.PROTECT, related_name="+", verbose_name=_("output type")
    )
    description = models.CharField(_("description"), max_length=500)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )

    class Meta:
        verbose_name = _("expected output")
        verbose_name_plural = _("expected outputs")
        ordering = ["proposal", "fiscal_year__year_be", "id"]

    def __str__(self):
        return self.description


def attachment_path(instance, filename):
    return f"proposals/{instance.proposal_id}/{filename}"


class ProposalAttachment(models.Model):
    """A file of one of the call's required kinds; a new upload of a kind replaces the old."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    kind = models.ForeignKey(
        RequiredAttachment, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["proposal", "kind__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="unique_attachment_kind"),
        ]

    def __str__(self):
        return self.original_name
