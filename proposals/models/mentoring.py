"""Mentors (พี่เลี้ยง) of the incubation programme: who mentors which municipality or team, the
drafts a team shares with a mentor on purpose, and the mentor's comments per part of the draft
in threads the team answers and resolves.

Nothing here reaches reviewers: no review page reads these models, and a reviewer sees a
proposal only through the review work.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from indicators.models import Programme
from proposals.models.parts import SectionKey
from proposals.models.proposal import Proposal


class DraftPart(models.TextChoices):
    """The parts of a proposal a mentor comments on."""

    GENERAL = "general", _("General information")
    PROBLEM = SectionKey.PROBLEM.value, SectionKey.PROBLEM.label
    OBJECTIVES = SectionKey.OBJECTIVES.value, SectionKey.OBJECTIVES.label
    METHOD = SectionKey.METHOD.value, SectionKey.METHOD.label
    AREA = SectionKey.AREA.value, SectionKey.AREA.label
    RISKS = SectionKey.RISKS.value, SectionKey.RISKS.label
    BENEFITS = SectionKey.BENEFITS.value, SectionKey.BENEFITS.label
    BUDGET = "budget", _("Budget")
    ACTIVITIES = "activities", _("Activities and schedule")
    INDICATORS = "indicators", _("Indicators and outputs")


class MentorAssignment(models.Model):
    """A mentor assigned by a programme manager to a municipality or to one team (proposal)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        verbose_name=_("programme"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        verbose_name=_("mentor"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team (proposal)"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        ordering = ["-assigned_at", "id"]
        permissions = [
            ("assign_mentor", "Assign mentors to municipalities and teams"),
            ("comment_as_mentor", "Comment on drafts shared by the teams mentored"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True, proposal__isnull=False)
                | models.Q(municipality__isnull=False, proposal__isnull=True),
                name="mentor_assignment_to_one_municipality_or_team",
            )
        ]

    def __str__(self):
        return f"{self.mentor} → {self.municipality or self.proposal}"

    @property
    def is_active(self):
        return self.ended_at is None

    def clean(self):
        if (
            self.proposal_id
            and self.programme_id
            and self.proposal.call.programme_id != self.programme_id
        ):
            raise ValidationError({"proposal": _("The team is in another programme.")})


class DraftShare(models.Model):
    """A team's draft shared with a mentor, on purpose, until the team stops sharing it."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="mentor_shares",
        verbose_name=_("proposal"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shared_drafts",
        verbose_name=_("mentor"),
    )
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("draft shared with a mentor")
        verbose_name_plural = _("drafts shared with mentors")
        ordering = ["-shared_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "mentor"],
                condition=models.Q(stopped_at__isnull=True),
                name="one_open_share_per_mentor",
            )
        ]

    def __str__(self):
        return f"{self.proposal} → {self.mentor}"


class MentorThread(models.Model):
    """A mentor's comment on one part of a draft, and the answers that follow it."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="mentor_threads",
        verbose_name=_("proposal"),
    )
    part = models.CharField(_("part"), max_length=20, choices=DraftPart.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentor"),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("mentor's comment thread")
        verbose_name_plural = _("mentors' comment threads")
        ordering = ["opened_at", "id"]

    def __str__(self):
        return f"{self.proposal} · {self.get_part_display()}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class MentorMessage(models.Model):
    """One message of a thread: the mentor's comment, or an answer."""

    thread = models.ForeignKey(
        MentorThread,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("thread"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor's thread message")
        verbose_name_plural = _("mentors' thread messages")
        ordering = ["written_at", "id"]

    def __str__(self):
        return self.text[:60]
