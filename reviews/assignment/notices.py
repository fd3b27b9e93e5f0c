"""What a reviewer reads when asked to review and when an assignment is cancelled; sent
after the commit, in the reviewer's language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify

ASSIGNED = MessageKind(
    "assignment.invited",
    _("A reviewer is invited"),
    _("You are invited to review proposal %(reference)s"),
    body=(
        _(
            "Proposal %(reference)s “%(title)s” of the call “%(call)s” (round %(round)s). "
            "Accept or decline the invitation; once you accept, declare whether you have "
            "a conflict of interest before you read the proposal. The review is due on "
            "%(due)s."
        ),
    ),
)
CANCELLED = MessageKind(
    "assignment.cancelled",
    _("A review assignment is cancelled"),
    _("Your review of proposal %(reference)s is cancelled"),
    body=(_("The funding officer cancelled this assignment. Reason: %(reason)s"),),
)
MESSAGES = [ASSIGNED, CANCELLED]


def my_assignments_url():
    """The reviewer's list of assignments, where both notices send them."""
    return reverse("reviews:my_assignments")


def _names(assignment):
    """The parameters of the reviewer's messages, each shown in the reader's language."""
    proposal = assignment.proposal
    call = proposal.call
    return {
        "reference": proposal.reference or proposal.pk,
        "title": Localized(lambda: proposal.title),
        "call": Localized(lambda: call.title),
        "round": assignment.round,
    }


def send_assigned(assignments):
    """Tell each reviewer of `assignments` that they are asked to review."""
    for assignment in assignments:
        names = _names(assignment)
        title = Message(ASSIGNED.title, **names)
        body = Message(ASSIGNED.body[0], **names, due=assignment.due_date)
        notify(
            kind=ASSIGNED,
            call=assignment.proposal.call,
            recipients=[assignment.reviewer],
            title=title,
            body=body,
            url=my_assignments_url(),
        )


def send_cancelled(assignment):
    """Tell the reviewer that the officer cancelled their assignment, and why."""
    title = Message(CANCELLED.title, **_names(assignment))
    body = Message(CANCELLED.body[0], reason=assignment.cancel_reason)
    notify(
        kind=CANCELLED,
        call=assignment.proposal.call,
        recipients=[assignment.reviewer],
        title=title,
        body=body,
        url=my_assignments_url(),
    )
