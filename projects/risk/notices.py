"""The weekly risk digest: each funding officer hears of the projects whose contract they
recorded, each programme manager of the running projects of their programmes, in their own
language; nobody hears of a week without signals. Run every Monday morning by the Celery beat
(`projects.tasks.send_risk_digests`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.notifications.kinds import MessageKind
from accounts.notifications.services import notify
from accounts.roles import Role
from core.thai import format_date
from projects.risk.selectors import project_risks

# One digest covers the projects of every programme its reader follows: the site's text.
DIGEST = MessageKind(
    "risk.digest",
    gettext_lazy("The weekly digest of projects at risk"),
    gettext_lazy("Projects at risk on %(day)s: %(count)s projects"),
    body=(gettext_lazy("The signals of this week, worst first:"), "%(signals)s"),
    editable=False,
    site=True,
)
MESSAGES = [DIGEST]


def _recipients():
    people = get_user_model().objects.filter(
        is_active=True, groups__name__in=[Role.FUNDING_OFFICER, Role.PROGRAMME_MANAGER]
    )
    return people.distinct().order_by("pk")


def risks_for(user, today):
    """What `user` reads in the digest: the projects of their programmes for a manager, the
    projects whose contract they recorded for an officer."""
    if user.has_role(Role.PROGRAMME_MANAGER) and not user.has_role(Role.FUNDING_OFFICER):
        return project_risks(user, today)
    return project_risks(user, today, officer=user)


def digest_text(risks):
    lines = []
    for risk in risks:
        project = risk.project
        lines.append(f"{project.reference} {project.title} ({risk.level_label})")
        lines.extend(f"  - {signal.label}: {signal.text}" for signal in risk.signals)
    return "\n".join(lines)


def send_risk_digests(today=None):
    """Send this week's digests (in the app and by email). Returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for user in _recipients():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            risks = risks_for(user, today)
            if not risks:
                continue
            title = ngettext(
                "Projects at risk on %(day)s: %(count)s project",
                "Projects at risk on %(day)s: %(count)s projects",
                len(risks),
            ) % {"day": format_date(today), "count": len(risks)}
            signals = digest_text(risks)
            body = "\n\n".join([_("The signals of this week, worst first:"), signals])
        notify(
            kind=DIGEST,
            recipients=[user],
            title=title,
            body=body,
            url=reverse("projects:risk_list"),
            values={"day": format_date(today), "count": len(risks), "signals": signals},
        )
        sent += 1
    return sent
