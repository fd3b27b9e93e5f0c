"""Funding decisions and the letters that announce them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.thai import bilingual


class DecisionOutcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    REVISION = "request_revision", _("Revision requested")
    INVITE = "invite", _("Invited to the full stage")  # a concept of a two-stage call


class DecisionLetterTemplate(models.Model):
    """The text of a call's decision letters, in Thai and English, one per outcome.
    Placeholders: {reference}, {title}, {lead}, {call}, {amount}, {comment}, {date}."""

    call = models.OneToOneField(
        "proposals.Call",
        on_delete=models.CASCADE,
        related_name="letter_template",
        verbose_name=_("call"),
    )
    approve_th = models.TextField(_("approval letter (Thai)"))
    approve_en = models.TextField(_("approval letter (English)"))
    reject_th = models.TextField(_("rejection letter (Thai)"))
    reject_en = models.TextField(_("rejection letter (English)"))
    revision_th = models.TextField(_("revision letter (Thai)"))
    revision_en = models.TextField(_("revision letter (English)"))
    invite_th = models.TextField(_("invitation to the full stage (Thai)"))
    invite_en = models.TextField(_("invitation to the full stage (English)"))

    class Meta:
        verbose_name = _("decision letter template")
        verbose_name_plural = _("decision letter templates")

    def __str__(self):
        return str(self.call)


class Decision(models.Model):
    """A programme manager's decision on a proposal in one round, with the letter sent."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("proposal"),
    )
    round = models.PositiveSmallIntegerField(_("round"))
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    approved_amount = models.DecimalField(
        _("approved amount (baht)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    comment = models.TextField(_("comment"))
    letter_th = models.TextField(_("letter (Thai)"), blank=True)
    letter_en = models.TextField(_("letter (English)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["proposal", "-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="unique_decision_per_round")
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"

    letter = bilingual("letter")
