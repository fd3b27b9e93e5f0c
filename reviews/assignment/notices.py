"""What a reviewer reads when asked to review and when an assignment is cancelled; sent
after the commit, in the reviewer's language."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.notifications.services import notify
from core.thai import format_date


def my_assignments_url():
    """The reviewer's list of assignments, where both notices send them."""
    return reverse("reviews:my_assignments")


def _names(assignment):
    proposal = assignment.proposal
    return {
        "reference": proposal.reference or proposal.pk,
        "title": proposal.title,
        "call": proposal.call.title,
        "round": assignment.round,
    }


def send_assigned(assignments):
    """Tell each reviewer of `assignments` that they are asked to review."""
    for assignment in assignments:

        def title(assignment=assignment):
            return _("You are invited to review proposal %(reference)s") % _names(assignment)

        def body(assignment=assignment):
            return _(
                "Proposal %(reference)s “%(title)s” of the call “%(call)s” (round %(round)s). "
                "Accept or decline the invitation; once you accept, declare whether you have "
                "a conflict of interest before you read the proposal. The review is due on "
                "%(due)s."
            ) % {**_names(assignment), "due": format_date(assignment.due_date)}

        notify(recipients=[assignment.reviewer], title=title, body=body, url=my_assignments_url())


def send_cancelled(assignment):
    """Tell the reviewer that the officer cancelled their assignment, and why."""

    def title():
        return _("Your review of proposal %(reference)s is cancelled") % _names(assignment)

    def body():
        return _("The funding officer cancelled this assignment. Reason: %(reason)s") % {
            "reason": assignment.cancel_reason
        }

    notify(recipients=[assignment.reviewer], title=title, body=body, url=my_assignments_url())
