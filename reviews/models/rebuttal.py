"""The applicant's answers to the reviewers' comments of a round that asked for a revision,
one per review, which the next round's reviewers read beside what changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RebuttalAnswer(models.Model):
    review = models.OneToOneField(
        "reviews.Review",
        on_delete=models.CASCADE,
        related_name="rebuttal",
        verbose_name=_("review"),
    )
    text = models.TextField(_("answer"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("answer to a reviewer")
        verbose_name_plural = _("answers to the reviewers")

    def __str__(self):
        return f"{self.review_id}: {self.text[:40]}"
