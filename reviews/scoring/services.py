"""Writes of the review form: saving a draft, submitting, and an officer reopening a submitted
review. Each runs in one transaction under a row lock, checks the version the reviewer loaded,
and saves everything or nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.stages.selectors import stage_criteria
from reviews.models import (
    Assignment,
    BudgetVerdict,
    CriterionScore,
    Recommendation,
    Review,
)
from reviews.scoring import rules
from reviews.scoring.notices import REVIEW_REOPENED, REVIEW_SUBMITTED
from reviews.scoring.statistics import weighted_total

SUBMITTED = "review.submitted"
REOPENED = "review.reopened"

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    (SUBMITTED, gettext_lazy("Review submitted"), None),
    (REOPENED, gettext_lazy("Review reopened"), None),
]


def score_field(criterion_pk):
    """The name of a criterion's score in the form and in the errors of ReviewRefused."""
    return f"score_{criterion_pk}"


def comment_field(criterion_pk):
    return f"comment_{criterion_pk}"


@dataclass
class ReviewInput:
    """What the reviewer typed: scores and comments by criterion pk (a score may be None)."""

    scores: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    comments_to_applicant: str = ""
    confidential_comments: str = ""
    recommendation: str = ""
    budget_verdict: str = ""


class ReviewRefused(ValidationError):
    """The save or submission was refused; nothing was saved. Built from a dict, its
    `message_dict` names the form fields concerned (NON_FIELD_ERRORS for the rest)."""


class StaleReview(Exception):
    """The review was saved (in another tab) after the reviewer loaded it: nothing was saved."""

    def __init__(self, *, saved_at, version):
        super().__init__("stale review")
        self.saved_at = saved_at
        self.version = version


def closed_message(access):
    """Why the form of an assignment with this FormAccess cannot be saved."""
    if access == rules.FormAccess.NOT_CLEARED:
        return _("Accept the assignment and declare that you have no conflict of interest first.")
    if access == rules.FormAccess.SUBMITTED:
        return _("This review has been submitted and can no longer be changed.")
    return _("The proposal is no longer in review in this round: the form is closed.")


def _lock(assignment, actor):
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal__call")
        .get(pk=assignment.pk)
    )
    review = Review.objects.select_for_update().filter(assignment=locked).first()
    access = rules.form_access(actor, locked, review)
    if access == rules.FormAccess.HIDDEN:
        raise PermissionDenied
    if access != rules.FormAccess.EDITABLE:
        raise ReviewRefused(closed_message(access))
    return locked, review


def _errors(data, criteria, *, submit):
    """Why `data` cannot be saved (or, with `submit`, submitted): {field: [messages]}."""
    errors = {}
    for criterion in criteria:
        score = data.scores.get(criterion.pk)
        name = score_field(criterion.pk)
        if score is None:
            if submit:
                errors[name] = [_("Give a score for this criterion.")]
        elif not criterion.scale_min <= score <= criterion.scale_max:
            errors[name] = [
                _("The score must be from %(low)s to %(high)s.")
                % {"low": criterion.scale_min, "high": criterion.scale_max}
            ]
    for name, choices, missing in (
        ("recommendation", Recommendation, _("Choose a recommendation.")),
        ("budget_verdict", BudgetVerdict, _("Give your verdict on the budget.")),
    ):
        value = getattr(data, name)
        if value and value not in choices.values:
            errors[name] = [_("Choose one of the options.")]
        elif not value and submit:
            errors[name] = [missing]
    return errors


def _save_scores(review, criteria, data):
    existing = {row.criterion_id: row for row in review.scores.all()}
    changed, new = [], []
    for criterion in criteria:
        score = data.scores.get(criterion.pk)
        comment = (data.comments.get(criterion.pk) or "").strip()
        row = existing.get(criterion.pk)
        if row is None:
            new.append(
                CriterionScore(review=review, criterion=criterion, score=score, comment=comment)
            )
        elif (row.score, row.comment) != (score, comment):
            row.score, row.comment = score, comment
            changed.append(row)
    CriterionScore.objects.bulk_create(new)
    CriterionScore.objects.bulk_update(changed, ["score", "comment"])
    return [(criterion, data.scores.get(criterion.pk)) for criterion in criteria]


@transaction.atomic
def save_review(*, actor, assignment, data, version, submit=False):
    """Save the review of `assignment` as `data` (a ReviewInput) if `version` is the one
    stored (0 when no review was saved yet); with `submit`, also check that it is complete,
    compute its total, lock it, audit and notify the funding officers. Returns the Review.

    Raises PermissionDenied (not the actor's assignment), ReviewRefused (the form is closed,
    a score is off its scale, or, when submitting, something is missing) or StaleReview."""
    locked, review = _lock(assignment, actor)
    stored = review.version if review else 0
    if stored != version:
        raise StaleReview(saved_at=review.updated_at if review else None, version=stored)
    criteria = stage_criteria(locked.proposal)
    errors = _errors(data, criteria, submit=submit)
    if errors:
        raise ReviewRefused(errors)

    review = review or Review(assignment=locked, version=0)
    review.comments_to_applicant = data.comments_to_applicant.strip()
    review.confidential_comments = data.confidential_comments.strip()
    review.recommendation = data.recommendation
    review.budget_verdict = data.budget_verdict
    review.version += 1
    review.save()
    pairs = _save_scores(review, criteria, data)
    if submit:
        _submit(review, locked, pairs, actor)
    return review


def _submit(review, assignment, pairs, actor):
    from_state = review.state
    review.total_score = weighted_total(pairs, assignment.proposal.call.scoring_formula)
    review.submit()
    review.submitted_at = timezone.now()
    review.save(update_fields=["total_score", "state", "submitted_at", "updated_at"])
    assignment.complete()
    assignment.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action=SUBMITTED,
        obj=review,
        from_state=from_state,
        to_state=review.state,
        data={
            "round": assignment.round,
            "total_score": str(review.total_score),
            "formula": assignment.proposal.call.scoring_formula,
        },
    )
    proposal = assignment.proposal
    transaction.on_commit(lambda: _tell_officers(review, proposal, actor))


def _tell_officers(review, proposal, reviewer):
    title = Message(REVIEW_SUBMITTED.title, proposal=proposal.reference)
    body = Message(
        REVIEW_SUBMITTED.body[0],
        reviewer=Localized(lambda: reviewer.display_name),
        round=review.assignment.round,
        score=str(review.total_score),
    )
    notify(
        kind=REVIEW_SUBMITTED,
        call=proposal.call,
        recipients=funding_officers(),
        title=title,
        body=body,
        url=reverse("reviews:review_summary", args=[proposal.pk]),
    )


@transaction.atomic
def reopen_review(*, actor, review, reason):
    """An officer sends a submitted review back to its reviewer as a draft, with a reason:
    the assignment is accepted again, the reason is audited and the reviewer notified.
    Raises PermissionDenied (not an officer) or ValidationError. Returns the Review."""
    if not rules.can_reopen_reviews(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the review is reopened: the reviewer will read it."))
    # The assignment first, then its review: the order in which `save_review` locks them.
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal", "reviewer")
        .get(review__pk=review.pk)
    )
    locked = Review.objects.select_for_update().get(pk=review.pk)
    locked.assignment = assignment
    if not rules.review_is_reopenable(locked):
        raise ValidationError(
            _("Only a submitted review of a proposal in review, in its current round, reopens.")
        )
    from_state = locked.state
    locked.reopen()
    locked.submitted_at = None
    locked.total_score = None
    locked.version += 1
    locked.save()
    assignment.reopen()
    assignment.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action=REOPENED,
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=reason,
        data={"round": assignment.round},
    )
    transaction.on_commit(lambda: _tell_reviewer(locked, reason))
    return locked


def _tell_reviewer(review, reason):
    assignment = review.assignment
    proposal = assignment.proposal

    title = Message(REVIEW_REOPENED.title, proposal=proposal.reference)
    body = Join(
        Message(REVIEW_REOPENED.body[0]),
        Message(REVIEW_REOPENED.body[1], reason=reason),
        separator="\n\n",
    )
    notify(
        kind=REVIEW_REOPENED,
        call=proposal.call,
        recipients=[assignment.reviewer],
        title=title,
        body=body,
        url=reverse("reviews:review_form", args=[assignment.pk]),
    )
