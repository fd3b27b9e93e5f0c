"""The one write of the rebuttal: the team's answers to the reviewers of the round that asked
for the revision, saved together."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import Proposal
from reviews.models import RebuttalAnswer
from reviews.rebuttal import rules, selectors

MAX_LENGTH = 10000

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [("rebuttal.saved", gettext_lazy("Answers to the reviewers saved"), None)]


@transaction.atomic
def save_rebuttal(*, actor, proposal, answers):
    """Save the team's answers (`answers`: {review pk: text}; an empty text removes the
    answer) to the reviews of the round that asked for the revision. PermissionDenied unless
    `actor` edits the proposal and a revision is asked for; ValidationError for a review of
    another round or an answer too long, and then nothing is saved. Returns the number of
    answers changed."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not rules.can_write_rebuttal(actor, locked):
        raise PermissionDenied
    reviews = {r.pk: r for r in selectors.answered_reviews(locked, rules.answered_round(locked))}
    if set(answers) - set(reviews):
        raise ValidationError(_("An answer to a review of another round was sent."))
    if any(len(text or "") > MAX_LENGTH for text in answers.values()):
        raise ValidationError(
            _("An answer is at most %(limit)d characters.") % {"limit": MAX_LENGTH}
        )
    changed = []
    for review_pk, text in answers.items():
        text = (text or "").strip()
        current = reviews[review_pk].answer
        if (current.text if current else "") == text:
            continue
        if text:
            RebuttalAnswer.objects.update_or_create(
                review_id=review_pk, defaults={"text": text, "updated_by": actor}
            )
        else:
            RebuttalAnswer.objects.filter(review_id=review_pk).delete()
        changed.append(review_pk)
    if changed:
        audit.record(
            actor=actor,
            action="rebuttal.saved",
            obj=locked,
            data={"round": locked.round, "reviews": changed},
        )
    return len(changed)
