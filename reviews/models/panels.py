"""The panel around a proposal: each assignment's role on it, and the discussion its members
hold once they have submitted their own review (never shown to the applicants)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Recommendation(models.TextChoices):
    """What a reviewer, and the panel's consensus, recommend."""

    FUND = "fund", _("Fund")
    FUND_AFTER_REVISION = "revise", _("Fund after revision")
    DO_NOT_FUND = "reject", _("Do not fund")


class PanelRole(models.TextChoices):
    CHAIR = "chair", _("Lead reviewer (chair)")
    REVIEWER = "reviewer", _("Reviewer")
    EXTERNAL = "external", _("External reviewer")


class PanelComment(models.Model):
    """One comment of a proposal's panel discussion in a review round; `mentions` are the
    members it names (with @ and their email address), who are notified."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="panel_comments",
        verbose_name=_("proposal"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="panel_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("panel comment")
        verbose_name_plural = _("panel comments")
        ordering = ["proposal", "round", "created_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}/{self.round}: {self.text[:40]}"


class PanelSummary(models.Model):
    """The chair's consensus of a round: the panel's score (0–100) and recommendation, which
    the ranking may use instead of the mean, and the summary the committee reads."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="panel_summaries",
        verbose_name=_("proposal"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    score = models.DecimalField(
        _("panel score (0–100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    recommendation = models.CharField(
        _("panel recommendation"), max_length=10, choices=Recommendation.choices
    )
    summary = models.TextField(_("consensus summary"))
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("panel summary")
        verbose_name_plural = _("panel summaries")
        ordering = ["proposal", "round"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="one_panel_summary_a_round")
        ]

    def __str__(self):
        return f"{self.proposal_id}/{self.round}: {self.score}"
