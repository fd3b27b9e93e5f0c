"""Reviewer bidding: before assignment, pool members say which proposals of a call they would
like to review and which they may not (a conflict), which matching then weighs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BidChoice(models.TextChoices):
    INTEREST = "interest", _("I would like to review it")
    NEUTRAL = "neutral", _("No preference")
    CONFLICT = "conflict", _("Conflict of interest")


class Bid(models.Model):
    """A pool member's bid on one proposal."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="bids",
        verbose_name=_("proposal"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bids",
        verbose_name=_("reviewer"),
    )
    choice = models.CharField(_("bid"), max_length=10, choices=BidChoice.choices)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["proposal", "reviewer"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_bid_a_reviewer")
        ]

    def __str__(self):
        return f"{self.reviewer_id} → {self.proposal_id}: {self.choice}"
