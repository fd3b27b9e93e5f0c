"""Who hears of a progress report's submission, acceptance or return, and what they read (in
their own language). The services of `projects.progress` call these after the commit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from core.thai import format_money
from proposals.lifecycle.notices import COMMENT, reference_of, team_members, with_comment

SUBMITTED = MessageKind(
    "report.submitted",
    _("A progress report is submitted"),
    _("Progress report submitted: %(report)s, %(reference)s"),
    body=(
        _(
            "The team of “%(title)s” submitted its %(report)s for the period %(start)s – "
            "%(end)s. By %(actor)s. Accept it, or return it with what to change."
        ),
    ),
)
ACCEPTED = MessageKind(
    "report.accepted",
    _("A progress report is accepted"),
    _("Progress report accepted: %(report)s, %(reference)s"),
    body=(_("The %(report)s of “%(title)s” was accepted by %(actor)s."), COMMENT),
)
RETURNED = MessageKind(
    "report.returned",
    _("A progress report is returned"),
    _("Progress report returned: %(report)s, %(reference)s"),
    body=(
        _(
            "The %(report)s of “%(title)s” was returned to the team by %(actor)s: change it "
            "and submit it again."
        ),
        COMMENT,
    ),
)
INSTALMENT_DUE = MessageKind(
    "instalment.due",
    _("An instalment is due for payment"),
    _("Instalment due for payment: %(reference)s, no. %(number)s"),
    body=(
        _(
            "The %(report)s of “%(title)s” was accepted: instalment %(number)s "
            "(%(amount)s baht) is due. The team requests it with the documents the call "
            "asks for."
        ),
    ),
)
EARLY = MessageKind(
    "report.early_submission",
    _("A report may be submitted early"),
    _("You may submit early: %(report)s, %(reference)s"),
    body=(
        _(
            "%(actor)s allowed the %(report)s of “%(title)s” to be submitted before its period "
            "ends on %(end)s."
        ),
        COMMENT,
    ),
)
MESSAGES = [SUBMITTED, ACCEPTED, RETURNED, INSTALMENT_DUE, EARLY]


def _names(report):
    """The parameters every message about `report` uses, each in the reader's language."""
    proposal = report.proposal
    return {
        "report": Localized(report.get_kind_display),
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
    }


def _person(user):
    return Localized(lambda: user.display_name)


def report_submitted(report, actor):
    """The funding officers hear that a report waits for them."""
    title = Message(SUBMITTED.title, **_names(report))
    body = Message(
        SUBMITTED.body[0],
        **_names(report),
        start=report.period_start,
        end=report.period_end,
        actor=_person(actor),
    )
    return notify(
        kind=SUBMITTED,
        call=report.proposal.call,
        recipients=funding_officers(),
        title=title,
        body=body,
        url=report.get_absolute_url(),
    )


def report_accepted(report, actor, comment):
    """The team hears that its report was accepted, with the officer's comment."""
    title = Message(ACCEPTED.title, **_names(report))
    text = Message(ACCEPTED.body[0], **_names(report), actor=_person(actor))
    return notify(
        kind=ACCEPTED,
        call=report.proposal.call,
        recipients=team_members(report.proposal),
        title=title,
        body=with_comment(text, comment),
        url=report.get_absolute_url(),
    )


def report_returned(report, actor, comment):
    """The team hears that its report came back, with what to change."""
    title = Message(RETURNED.title, **_names(report))
    text = Message(RETURNED.body[0], **_names(report), actor=_person(actor))
    return notify(
        kind=RETURNED,
        call=report.proposal.call,
        recipients=team_members(report.proposal),
        title=title,
        body=with_comment(text, comment),
        url=report.get_absolute_url(),
    )


def instalments_due(report, instalments):
    """The team hears of each instalment the acceptance made due: it may now request it
    (projects.payments); the funding officers hear of it too."""
    sent = []
    for instalment in instalments:
        title = Message(INSTALMENT_DUE.title, **_names(report), number=instalment.number)
        body = Message(
            INSTALMENT_DUE.body[0],
            **_names(report),
            number=instalment.number,
            amount=format_money(instalment.amount),
        )
        sent += notify(
            kind=INSTALMENT_DUE,
            call=report.proposal.call,
            recipients=team_members(report.proposal) + funding_officers(),
            title=title,
            body=body,
            url=reverse("projects:project", args=[report.proposal_id]) + "#instalments",
        )
    return sent


def early_submission_allowed(report, actor, reason):
    """The team hears that it may submit its report before the period ends, and why."""
    title = Message(EARLY.title, **_names(report))
    text = Message(
        EARLY.body[0],
        **_names(report),
        actor=_person(actor),
        end=report.period_end,
    )
    return notify(
        kind=EARLY,
        call=report.proposal.call,
        recipients=team_members(report.proposal),
        title=title,
        body=with_comment(text, reason),
        url=report.get_absolute_url(),
    )
