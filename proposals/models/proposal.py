"""A proposal and its lifecycle; its parts live in parts.py."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from core.badges import badge_colours
from core.thai import bilingual, in_language
from proposals.models.calls import Call, ProposalStage


@badge_colours(
    "light",
    DRAFT="secondary",
    SUBMITTED="info",
    IN_REVIEW="primary",
    REVISION="warning",
    APPROVED="success",
    ACTIVE="success",
    COMPLETED="dark",
    REJECTED="danger",
    TERMINATED="danger",
    INVITED="success",
)
class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    REVISION = "revision", _("Revision requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    ACTIVE = "active", _("Active project")
    COMPLETED = "completed", _("Completed")
    # A closed project: a call that is closed is closed for applications (CallState).
    CLOSED = "closed", pgettext_lazy("project state", "Closed")
    TERMINATED = "terminated", _("Terminated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # A concept proposal invited to the full stage (its full proposal carries on).
    INVITED = "invited", _("Invited to the full stage")

    @classmethod
    def editable(cls):
        """The team edits the proposal only in these states."""
        return (cls.DRAFT, cls.REVISION)

    @classmethod
    def under_consideration(cls):
        return (cls.SUBMITTED, cls.IN_REVIEW, cls.REVISION)

    @classmethod
    def funded(cls):
        return (cls.ACTIVE, cls.COMPLETED, cls.CLOSED, cls.TERMINATED)

    @classmethod
    def final(cls):
        return (cls.REJECTED, cls.CLOSED, cls.TERMINATED, cls.WITHDRAWN, cls.INVITED)


class ProposalKind(models.TextChoices):
    NEW = "new", _("New project")
    CONTINUING = "continuing", _("Continuing project")


class Proposal(models.Model):
    """One proposal, from draft to a closed project. Its state changes only through
    proposals.lifecycle, which checks roles and conditions, locks the row and audits."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call")
    )
    sequence = models.PositiveIntegerField(_("number in the call"), null=True, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=40,
        blank=True,
        help_text=_("Given at the first submission, e.g. SLC-2568-0001."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_proposals",
        verbose_name=_("lead researcher"),
    )
    state = FSMField(
        _("state"), default=ProposalState.DRAFT, choices=ProposalState.choices, protected=True
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=ProposalStage.choices, default=ProposalStage.FULL
    )
    # The concept a full proposal was invited from (its content was the full one's start).
    concept = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="full_proposal",
        verbose_name=_("concept proposal"),
    )
    title_th = models.CharField(_("title (Thai)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    kind = models.CharField(
        _("type"), max_length=12, choices=ProposalKind.choices, default=ProposalKind.NEW
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    start_month = models.DateField(
        _("start month"), null=True, blank=True, help_text=_("The first day of the month.")
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated, in Thai and/or English."),
    )
    summary_th = models.TextField(_("summary (Thai)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    # What the lead answered to the call's eligibility questions when starting, as read then:
    # [{"question_th", "question_en", "answer_th", "answer_en"}].
    eligibility_answers = models.JSONField(_("eligibility answers"), default=list, blank=True)
    # Bumped by every save of the general part: a save carrying an older number is refused.
    version = models.PositiveIntegerField(default=1)
    # How many times the proposal was submitted (1 at the first submission, then each resubmission).
    round = models.PositiveSmallIntegerField(_("round"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_amount = models.DecimalField(
        _("approved amount (baht)"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "sequence"], name="unique_proposal_number_per_call"
            ),
        ]
        indexes = [
            # The funded projects (a tenth of the proposals) are found by state, not by a scan.
            models.Index(fields=["state", "call"], name="proposal_by_state"),
            # The register's page, newest submission first, read from the index's end instead
            # of sorting every submitted proposal (15 of its 33 ms at 10,000 proposals).
            models.Index(fields=["-submitted_at", "-id"], name="proposal_by_submission"),
        ]
        permissions = [
            ("screen_proposal", _("Can screen proposals")),
            ("decide_proposal", _("Can decide on proposals")),
        ]

    def __str__(self):
        return self.reference or str(self.title or _("Draft proposal"))

    def get_absolute_url(self):
        return reverse("proposals:proposal_detail", args=[self.pk])

    @property
    def eligibility(self):
        """[(question, answer)] of the eligibility answers, in the reader's language."""
        return [
            (
                in_language(row.get("question_th", ""), row.get("question_en", "")),
                in_language(row.get("answer_th", ""), row.get("answer_en", "")),
            )
            for row in self.eligibility_answers
        ]

    title = bilingual("title")

    summary = bilingual("summary")

    @property
    def keyword_list(self):
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    @property
    def is_concept(self):
        return self.stage == ProposalStage.CONCEPT

    @property
    def reviewers_needed(self):
        """How many reviewers the call asks for at this proposal's stage."""
        if self.is_concept:
            return self.call.concept_reviewers
        return self.call.reviewers_per_proposal

    @property
    def is_editable(self):
        return self.state in ProposalState.editable()

    # The transitions of the lifecycle. Call them only through
    # proposals.lifecycle.services.transition, which checks who may, the conditions, locks the
    # row, audits and notifies.
    @transition(field=state, source=ProposalState.DRAFT, target=ProposalState.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=ProposalState.SUBMITTED, target=ProposalState.DRAFT)
    def return_to_applicant(self):
        pass

    @transition(field=state, source=ProposalState.SUBMITTED, target=ProposalState.IN_REVIEW)
    def screen_pass(self):
        pass

    @transition(field=state, source=ProposalState.IN_REVIEW, target=ProposalState.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=ProposalState.IN_REVIEW, target=ProposalState.INVITED)
    def invite(self):
        pass

    @transition(field=state, source=ProposalState.IN_REVIEW, target=ProposalState.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=ProposalState.IN_REVIEW, target=ProposalState.REVISION)
    def request_revision(self):
        pass

    @transition(field=state, source=ProposalState.REVISION, target=ProposalState.IN_REVIEW)
    def resubmit(self):
        pass

    @transition(field=state, source=ProposalState.APPROVED, target=ProposalState.ACTIVE)
    def fund(self):
        pass

    @transition(field=state, source=ProposalState.ACTIVE, target=ProposalState.COMPLETED)
    def complete(self):
        pass

    @transition(field=state, source=ProposalState.COMPLETED, target=ProposalState.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=ProposalState.ACTIVE, target=ProposalState.TERMINATED)
    def terminate(self):
        pass

    @transition(
        field=state,
        source=[ProposalState.DRAFT, ProposalState.SUBMITTED, ProposalState.REVISION],
        target=ProposalState.WITHDRAWN,
    )
    def withdraw(self):
        pass


class ProposalVersion(models.Model):
    """What a proposal said when it was submitted: a full snapshot, compared page by page."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="versions", verbose_name=_("proposal")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    data = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="unique_proposal_version")
        ]

    def __str__(self):
        return f"{self.proposal} v{self.number}"
