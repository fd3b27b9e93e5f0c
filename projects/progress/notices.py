"""Who hears of a progress report's submission, acceptance or return, and what they read (in
their own language). The services of `proposals.projects` call these after the commit."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from core.thai import format_date, format_money
from proposals.lifecycle.notices import team_members, with_comment


def report_url(report):
    return reverse("projects:progress_detail", args=[report.pk])


def _names(report):
    proposal = report.proposal
    return {
        "report": report.get_kind_display(),
        "reference": proposal.reference or proposal.title,
        "title": proposal.title,
    }


def report_submitted(report, actor):
    """The funding officers hear that a report waits for them."""

    def title():
        return _("Progress report submitted: %(report)s, %(reference)s") % _names(report)

    def body():
        return _(
            "The team of “%(title)s” submitted its %(report)s for the period %(start)s – "
            "%(end)s. By %(actor)s. Accept it, or return it with what to change."
        ) % {
            **_names(report),
            "start": format_date(report.period_start),
            "end": format_date(report.period_end),
            "actor": actor.display_name,
        }

    return notify(recipients=funding_officers(), title=title, body=body, url=report_url(report))


def report_accepted(report, actor, comment):
    """The team hears that its report was accepted, with the officer's comment."""

    def title():
        return _("Progress report accepted: %(report)s, %(reference)s") % _names(report)

    def body():
        text = _("The %(report)s of “%(title)s” was accepted by %(actor)s.") % {
            **_names(report),
            "actor": actor.display_name,
        }
        return with_comment(text, comment)

    return notify(
        recipients=team_members(report.proposal), title=title, body=body, url=report_url(report)
    )


def report_returned(report, actor, comment):
    """The team hears that its report came back, with what to change."""

    def title():
        return _("Progress report returned: %(report)s, %(reference)s") % _names(report)

    def body():
        text = _(
            "The %(report)s of “%(title)s” was returned to the team by %(actor)s: change it "
            "and submit it again."
        ) % {**_names(report), "actor": actor.display_name}
        return with_comment(text, comment)

    return notify(
        recipients=team_members(report.proposal), title=title, body=body, url=report_url(report)
    )


def _instalment_url(instalment, report):
    """The page where the officer records the payment, once the project pages have it."""
    try:
        return reverse("projects:instalment_release", args=[instalment.pk])
    except NoReverseMatch:
        return report_url(report)


def instalments_due(report, instalments):
    """The funding officers hear of each instalment the acceptance made due for payment."""
    sent = []
    for instalment in instalments:

        def title(instalment=instalment):
            return _("Instalment due for payment: %(reference)s, no. %(number)s") % {
                **_names(report),
                "number": instalment.number,
            }

        def body(instalment=instalment):
            return _(
                "The %(report)s of “%(title)s” was accepted: instalment %(number)s "
                "(%(amount)s baht) may now be paid."
            ) % {
                **_names(report),
                "number": instalment.number,
                "amount": format_money(instalment.amount),
            }

        sent += notify(
            recipients=funding_officers(),
            title=title,
            body=body,
            url=_instalment_url(instalment, report),
        )
    return sent


def early_submission_allowed(report, actor, reason):
    """The team hears that it may submit its report before the period ends, and why."""

    def title():
        return _("You may submit early: %(report)s, %(reference)s") % _names(report)

    def body():
        text = _(
            "%(actor)s allowed the %(report)s of “%(title)s” to be submitted before its period "
            "ends on %(end)s."
        ) % {**_names(report), "actor": actor.display_name, "end": format_date(report.period_end)}
        return with_comment(text, reason)

    return notify(
        recipients=team_members(report.proposal), title=title, body=body, url=report_url(report)
    )
