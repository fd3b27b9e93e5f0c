"""What the funding officers read when a reviewer declines or declares a conflict of interest,
and the reviewer's reminders (reviews.reviewing.reminders), as kinds of message."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from reviews.reviewing.reminders import DUE_SOON, OVERDUE

REASON = _("Reason: %(reason)s")
DECLINED = MessageKind(
    "assignment.declined",
    _("A reviewer declines"),
    _("A reviewer declined %(reference)s"),
    body=(_("%(reviewer)s declined to review “%(title)s” (round %(round)s)."), REASON),
)
CONFLICT = MessageKind(
    "assignment.conflict",
    _("A reviewer declares a conflict of interest"),
    _("Conflict of interest declared on %(reference)s"),
    body=(
        _("%(reviewer)s declared a conflict of interest with “%(title)s” (round %(round)s)."),
        _("Conflict: %(note)s"),
    ),
)
MESSAGES = [DECLINED, CONFLICT, DUE_SOON, OVERDUE]
