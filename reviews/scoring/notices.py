"""What the officers read when a review is submitted, and the reviewer when it is reopened,
as kinds of message (sent by reviews.scoring.services)."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind

REVIEW_SUBMITTED = MessageKind(
    "review.submitted",
    _("A review is submitted"),
    _("A review of %(proposal)s was submitted"),
    body=(_("%(reviewer)s submitted a review of round %(round)s: %(score)s points."),),
)
REVIEW_REOPENED = MessageKind(
    "review.reopened",
    _("A review is reopened"),
    _("Your review of %(proposal)s was reopened"),
    body=(
        _("A funding officer reopened your review so that you can change it."),
        _("Reason: %(reason)s"),
    ),
)
MESSAGES = [REVIEW_SUBMITTED, REVIEW_REOPENED]
