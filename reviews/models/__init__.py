"""Screening, the reviewer pool, assignments with conflicts of interest, reviews and scores;
funding decisions with their letters (`decisions.py`) and the panel (`panels.py`)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from core.badges import badge_colours
from core.thai import bilingual

# Decisions and their letters, and the panel discussion, live in their own modules.
from reviews.models.bids import Bid, BidChoice  # noqa: F401
from reviews.models.decisions import Decision, DecisionLetterTemplate, DecisionOutcome  # noqa: F401
from reviews.models.panels import (  # noqa: F401
    PanelComment,
    PanelRole,
    PanelSummary,
    Recommendation,
)
from reviews.models.rebuttal import RebuttalAnswer  # noqa: F401


class ScreeningItem(models.Model):
    """An eligibility item of a call's screening checklist."""

    call = models.ForeignKey(
        "proposals.Call",
        on_delete=models.CASCADE,
        related_name="screening_items",
        verbose_name=_("call"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_th = models.CharField(_("item (Thai)"), max_length=500)
    text_en = models.CharField(_("item (English)"), max_length=500)

    class Meta:
        verbose_name = _("screening item")
        verbose_name_plural = _("screening items")
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.text

    text = bilingual("text")


class ScreeningVerdict(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "na", _("Not applicable")


class ScreeningCheck(models.Model):
    """An officer's verdict on one checklist item for one submission round of a proposal."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="screening_checks",
        verbose_name=_("proposal"),
    )
    item = models.ForeignKey(
        ScreeningItem, on_delete=models.CASCADE, related_name="checks", verbose_name=_("item")
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    verdict = models.CharField(_("verdict"), max_length=10, choices=ScreeningVerdict.choices)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("screening check")
        verbose_name_plural = _("screening checks")
        ordering = ["proposal", "round", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "item", "round"], name="unique_screening_check"
            )
        ]

    def __str__(self):
        return f"{self.item}: {self.get_verdict_display()}"


class ReviewerProfile(models.Model):
    """A member of the reviewer pool: expertise (the user's keywords plus Thai and English
    keywords here), organisation (the user's) and how many proposals of one call they take."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        verbose_name=_("reviewer"),
    )
    keywords_th = models.TextField(_("expertise keywords (Thai)"), blank=True)
    keywords_en = models.TextField(_("expertise keywords (English)"), blank=True)
    max_per_call = models.PositiveSmallIntegerField(
        _("most proposals per call"), default=5, validators=[MinValueValidator(1)]
    )
    is_available = models.BooleanField(_("available for new assignments"), default=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")
        ordering = ["user__email"]

    def __str__(self):
        return str(self.user)

    @property
    def keywords(self):
        """Every expertise keyword, from the profile and from the user's own list."""
        words = []
        for text in (self.keywords_th, self.keywords_en, self.user.expertise_keywords):
            words += [w.strip() for w in text.split(",") if w.strip()]
        return words


@badge_colours("secondary", INVITED="info", ACCEPTED="primary", SUBMITTED="success")
class AssignmentState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CONFLICT = "conflict", _("Conflict of interest")
    SUBMITTED = "submitted", _("Review submitted")
    CANCELLED = "cancelled", _("Cancelled by the officer")

    @classmethod
    def active(cls):
        """Assignments that still count towards the reviewers a proposal needs."""
        return (cls.INVITED, cls.ACCEPTED, cls.SUBMITTED)

    @classmethod
    def cancellable(cls):
        """Assignments still waiting for their review, which an officer may cancel."""
        return (cls.INVITED, cls.ACCEPTED)


def _not_declared(assignment):
    return assignment.coi_declared_at is None


class Assignment(FSMModelMixin, models.Model):
    """A reviewer asked to review one proposal in one round. The reviewer accepts, then
    declares no conflict of interest before seeing anything of the proposal.

    invited ─accept─▶ accepted ─complete─▶ submitted ─reopen─▶ accepted
    invited ─decline─▶ declined; accepted ─declare_conflict─▶ conflict (before declaring none);
    invited, accepted ─cancel─▶ cancelled (by an officer)
    """

    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("proposal"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    state = FSMField(
        _("state"),
        max_length=12,
        choices=AssignmentState.choices,
        default=AssignmentState.INVITED,
        protected=True,
    )
    due_date = models.DateField(_("due date"))
    panel_role = models.CharField(
        _("role on the panel"), max_length=10, choices=PanelRole.choices, default=PanelRole.REVIEWER
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The declaration of no conflict, made before the reviewer sees the proposal.
    coi_declared_at = models.DateTimeField(_("declared no conflict at"), null=True, blank=True)
    conflict_note = models.TextField(_("conflict declared"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_at = models.DateTimeField(_("last reminder at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["proposal", "round", "assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer", "round"], name="unique_assignment_per_round"
            )
        ]

    def __str__(self):
        return f"{self.proposal} · {self.reviewer} · {self.round}"

    @property
    def is_cleared(self):
        """Accepted with no conflict declared: the reviewer may read and review."""
        return (
            self.state in (AssignmentState.ACCEPTED, AssignmentState.SUBMITTED)
            and self.coi_declared_at is not None
        )

    # The transitions. Call them only from the services of `reviews` (reviewing, assignment,
    # scoring), which lock the row, write the audit entry and notify after the commit.

    @transition(field=state, source=AssignmentState.INVITED, target=AssignmentState.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=AssignmentState.INVITED, target=AssignmentState.DECLINED)
    def decline(self):
        pass

    @transition(
        field=state,
        source=AssignmentState.ACCEPTED,
        target=AssignmentState.CONFLICT,
        conditions=[_not_declared],
    )
    def declare_conflict(self):
        pass

    @transition(field=state, source=AssignmentState.cancellable(), target=AssignmentState.CANCELLED)
    def cancel(self):
        pass

    @transition(field=state, source=AssignmentState.ACCEPTED, target=AssignmentState.SUBMITTED)
    def complete(self):
        """Its review is submitted."""

    @transition(field=state, source=AssignmentState.SUBMITTED, target=AssignmentState.ACCEPTED)
    def reopen(self):
        """Its review is reopened: the reviewer writes again."""


class BudgetVerdict(models.TextChoices):
    APPROPRIATE = "appropriate", _("Appropriate")
    TOO_HIGH = "too_high", _("Too high")
    TOO_LOW = "too_low", _("Too low")


@badge_colours("secondary", SUBMITTED="success")
class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")


class Review(FSMModelMixin, models.Model):
    """A reviewer's scores and comments for one assignment. Submitting locks it; an officer
    may reopen it with a reason (draft ─submit─▶ submitted ─reopen─▶ draft)."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="review", verbose_name=_("assignment")
    )
    state = FSMField(
        _("state"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.DRAFT,
        protected=True,
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    budget_verdict = models.CharField(
        _("budget"), max_length=12, choices=BudgetVerdict.choices, blank=True
    )
    comments_to_applicant = models.TextField(_("comments for the applicant"), blank=True)
    confidential_comments = models.TextField(
        _("confidential comments for the officers"), blank=True
    )
    # The weighted total on 0–100, computed when the review is submitted.
    total_score = models.DecimalField(
        _("score (0–100)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment__proposal", "assignment__round", "id"]

    def __str__(self):
        return f"{self.assignment}"

    # The transitions, called only from `reviews.scoring.services`.

    @transition(field=state, source=ReviewState.DRAFT, target=ReviewState.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=ReviewState.SUBMITTED, target=ReviewState.DRAFT)
    def reopen(self):
        pass


class CriterionScore(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        "proposals.ReviewCriterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="unique_criterion_score")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
