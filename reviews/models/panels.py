"""The panel around a proposal: each assignment's role on it, and the discussion its members
hold once they have submitted their own review (never shown to the applicants)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
