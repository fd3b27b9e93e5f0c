"""Risk signals of running projects, read from what the system holds and explained in words.

Each signal has a level, the figures behind it and a link to the page that shows them. The
signals of any number of projects cost the same queries (twelve at most): one per kind of
signal, each filtered and summed in the database (four for the results behind), plus the awards
and the projects themselves.

- overdue: a progress report still with the team after its due date (high past 30 days late);
- returned: a progress report returned to the team twice or more (counted in the audit log);
- unpaid: an instalment due for payment for more than 30 days (high past 60);
- extension: the project already used a no-cost extension (low: one fewer way out);
- left: an approved change of the team removed a member (medium: the work has fewer hands);
- spending: the money spent in the reports sent (submitted or accepted) against the plan at the
  end of the last of them, the plan being the approved budget spread evenly over the project's
  time. Each programme sets its thresholds (by default 50% and 150%): below the lower or above
  the upper is medium; below half the lower or as far again above the upper (by default 25% and
  200%) is high;
- behind: for each indicator where higher is better, the project's counted results in the KPI
  ledger, combined by the indicator's own rule as the roll-up combines them (summed, averaged,
  the largest, the newest value of each municipality, the municipalities that said yes once
  each), against the committed path for the time elapsed (its commitment, combined by the same
  rule, × the share of the project's time gone), once a quarter of the time has gone: under
  half the path is medium, under a quarter high. Lower-is-better indicators raise none: a level
  to stay under has no path in time (the projection on the dashboard covers them).
"""

from collections import defaultdict

from django.db.models import F
from django.utils import timezone

from indicators.models import Programme
from projects.models import Award
from projects.risk.rules import sees_every_project
from projects.risk.selectors.signals import (
    BEHIND,
    EXTENSION,
    HIGH,
    KINDS,
    LEFT,
    LEVELS,
    LOW,
    MEDIUM,
    OVERDUE,
    RANK,
    RETURN_ACTION,
    RETURNED,
    SPENDING,
    UNPAID,
    ProjectRisk,
    Signal,
    behind_signals,
    extension_signals,
    left_signals,
    overdue_signals,
    returned_signals,
    spending_signals,
    unpaid_signals,
)
from proposals.models import Call, Proposal, ProposalState

__all__ = [
    "BEHIND",
    "EXTENSION",
    "HIGH",
    "KINDS",
    "LEFT",
    "LEVELS",
    "LOW",
    "MEDIUM",
    "OVERDUE",
    "RETURNED",
    "RETURN_ACTION",
    "SPENDING",
    "UNPAID",
    "ProjectRisk",
    "Signal",
    "calls_of",
    "programmes_of",
    "project_risk",
    "project_risks",
    "running_projects",
]


def running_projects(
    user, *, project=None, programme=None, call=None, municipality=None, officer=None
):
    projects = Proposal.objects.filter(state=ProposalState.ACTIVE)
    if programme is not None:
        projects = projects.filter(call__programme=programme)
    if project is not None:
        projects = projects.filter(pk=project.pk)
    if user is not None and not sees_every_project(user):  # None: the command line
        projects = projects.filter(call__programme__managers=user)
    if call is not None:
        projects = projects.filter(call=call)
    if municipality is not None:
        projects = projects.filter(municipalities__municipality=municipality)
    if officer is not None:
        projects = projects.filter(award__funded_by=officer)
    return projects


def project_risk(user, project, today=None, *, reports=None, instalments=None, changes=None):
    """The signals of one project for its page's badge, or None when it raises none (or
    `user` does not follow the risks of its programme). With the project's `reports`,
    `instalments` and `changes` already read by its page (and its award and programme fetched
    with it) the signals read only what the page has not: who follows it, the returns, the
    spending and the results."""
    if reports is None or instalments is None or changes is None:
        risks = project_risks(user, today, project=project)
        return risks[0] if risks else None
    today = today or timezone.localdate()
    award = getattr(project, "award", None)
    if project.state != ProposalState.ACTIVE or award is None:
        return None
    ids = running_projects(user, project=project).values("pk")
    if not ids.exists():
        return None
    programme = project.call.programme
    awards = {
        project.pk: {
            "proposal_id": project.pk,
            "starts_on": award.starts_on,
            "ends_on": award.ends_on,
            "amount": award.amount,
            "under": programme.spending_under_threshold,
            "over": programme.spending_over_threshold,
        }
    }
    signals = [
        *overdue_signals(ids, today, reports),
        *returned_signals(ids, reports),
        *unpaid_signals(ids, today, instalments),
        *extension_signals(ids, changes),
        *left_signals(ids, changes),
        *spending_signals(ids, awards),
        *behind_signals(ids, awards, today),
    ]
    if not signals:
        return None
    signals.sort(key=lambda signal: RANK[signal.level])
    for signal in signals:
        signal.project = project
    return ProjectRisk(project, signals)


def programmes_of(user):
    """The programmes whose running projects `user` follows, for the Excel links."""
    return Programme.objects.filter(
        pk__in=running_projects(user).values("call__programme")
    ).order_by("code")


def calls_of(user):
    """The calls whose running projects `user` follows, for the list's filter."""
    return Call.objects.filter(pk__in=running_projects(user).values("call")).order_by(
        "-opens_at", "code"
    )


def project_risks(user, today=None, *, level=None, **filters):
    """The running projects `user` follows that raise at least one signal, worst first;
    `filters` narrow the projects (call, municipality, officer), `level` keeps the projects
    whose worst signal is of that level."""
    today = today or timezone.localdate()
    projects = running_projects(user, **filters)
    ids = projects.values("pk")
    awards = {
        award["proposal_id"]: award
        for award in Award.objects.filter(proposal__in=ids).values(
            "proposal_id",
            "starts_on",
            "ends_on",
            "amount",
            under=F("proposal__call__programme__spending_under_threshold"),
            over=F("proposal__call__programme__spending_over_threshold"),
        )
    }
    found = defaultdict(list)
    for signal in [
        *overdue_signals(ids, today),
        *returned_signals(ids),
        *unpaid_signals(ids, today),
        *extension_signals(ids),
        *left_signals(ids),
        *spending_signals(ids, awards),
        *behind_signals(ids, awards, today),
    ]:
        found[signal.project].append(signal)
    by_pk = projects.filter(pk__in=list(found)).select_related("call", "call__programme")
    risks = []
    for project in by_pk:
        signals = sorted(found[project.pk], key=lambda signal: RANK[signal.level])
        for signal in signals:
            signal.project = project
        risks.append(ProjectRisk(project, signals))
    if level is not None:
        risks = [risk for risk in risks if risk.level == level]
    risks.sort(key=lambda risk: (RANK[risk.level], -len(risk.signals), risk.project.pk))
    return risks
