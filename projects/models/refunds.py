"""The refund of what a finished project did not spend: the final financial report works out
the balance (paid minus spent), an officer records its return before the project closes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.models.parts import MONEY
from proposals.models.proposal import Proposal


class RefundState(models.TextChoices):
    """Where a project stands with its unspent balance; only the last two let it close."""

    AWAITING_FINAL_REPORT = "awaiting_final", _("Awaiting the final report")
    OWED = "owed", _("Refund owed")
    RECORDED = "recorded", _("Refund recorded")
    NOTHING_OWED = "nothing_owed", _("Nothing to refund")

    @classmethod
    def settled(cls):
        return (cls.RECORDED, cls.NOTHING_OWED)


class Refund(models.Model):
    """The return of a project's unspent balance, recorded once by a funding officer."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="refund", verbose_name=_("project")
    )
    balance = models.DecimalField(_("unspent balance (baht)"), **MONEY)
    amount = models.DecimalField(_("refunded (baht)"), **MONEY)
    refunded_on = models.DateField(_("refund date"))
    reference = models.CharField(_("refund reference"), max_length=100)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive")
        ]
        permissions = [("record_refund", _("Can record the refund of an unspent balance"))]

    def __str__(self):
        return f"{self.proposal} · {self.amount}"
