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
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from projects.models import (
    Award,
    ChangeKind,
    ChangeRequest,
    ChangeState,
    ProgressReport,
    ProgressReportState,
)
from projects.risk.rules import sees_every_project
from projects.risk.selectors.behind import behind_parts, behind_signals, behind_totals
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
    RETURNS,
    SPENDING,
    UNPAID,
    ProjectRisk,
    Signal,
    extension_signals,
    left_signals,
    overdue_signals,
    returned_signals,
    spending_signals,
    times_returned,
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
    "PageReads",
    "ProjectRisk",
    "Signal",
    "badge_ledger",
    "calls_of",
    "follows",
    "programmes_of",
    "project_risk",
    "project_risks",
    "running_projects",
    "times_returned",
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


@dataclass(frozen=True)
class PageReads:
    """What the project page has read that the signals of its badge need."""

    reports: list  # every report, with `times_returned`
    instalments: list
    changes: list
    spent: object  # in the reports sent (submitted or accepted)
    sent_until: object  # the last period end among those that spent, or None
    indicators: list  # those the project committed to
    ledger_rows: list  # the rows of `badge_ledger`'s parts, run with the indicator table's


def badge_ledger(user, project):
    """The reads of the KPI ledger the badge of `project` needs, as a function of the
    indicators it committed to (`figures.indicator_table`'s `ledger`, which runs them in its
    query of the results); None when `user` sees no badge there."""
    if getattr(project, "award", None) is None or not follows(user, project):
        return None
    return lambda indicators: behind_parts([project.pk], _of_programme(project, indicators))


def _of_programme(project, indicators):
    """Those of `indicators` of the project's programme, as the risk list reads them (the
    ledger commits the project to no other)."""
    return [item for item in indicators if item.programme_id == project.call.programme_id]


def follows(user, project):
    """Whether `user` follows the risks of `project` as `running_projects` picks them: a
    running project, of one of their programmes unless they see every project."""
    if project.state != ProposalState.ACTIVE:
        return False
    return sees_every_project(user) or user.manages(project.call.programme_id)


def project_risk(user, project, today=None, *, read=None):
    """The signals of one project for its page's badge, or None when it raises none (or
    `user` does not follow the risks of its programme). With `read`, what its page has
    already read (`PageReads`: its reports with `times_returned`, instalments, change
    requests, the spending of its sent reports and the indicators it committed to, and its
    award and programme fetched with it) the signals ask only the KPI ledger."""
    if read is None:
        risks = project_risks(user, today, project=project)
        return risks[0] if risks else None
    today = today or timezone.localdate()
    award = getattr(project, "award", None)
    if award is None or not follows(user, project):
        return None
    ids = [project.pk]
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
    of_programme = _of_programme(project, read.indicators)
    totals = behind_totals(read.ledger_rows, of_programme)
    sent = []
    if read.sent_until is not None:
        sent = [{"report__proposal": project.pk, "spent": read.spent, "last": read.sent_until}]
    signals = [
        *overdue_signals(ids, today, read.reports),
        *returned_signals(ids, read.reports),
        *unpaid_signals(ids, today, read.instalments),
        *extension_signals(ids, read.changes),
        *left_signals(ids, read.changes),
        *spending_signals(ids, awards, sent),
        *behind_signals(ids, awards, today, of_programme, totals),
    ]
    if not signals:
        return None
    signals.sort(key=lambda signal: RANK[signal.level])
    for signal in signals:
        signal.project = project
    return ProjectRisk(project, signals)


def calls_of(user):
    """The calls whose running projects `user` follows, each with its programme, for the
    list's filter and its Excel links (the programmes of these calls)."""
    return (
        Call.objects.filter(pk__in=running_projects(user).values("call"))
        .select_related("programme")
        .order_by("-opens_at", "code")
    )


def programmes_of(calls):
    """The programmes of `calls` (read), by code."""
    return sorted({call.programme for call in calls}, key=lambda programme: programme.code)


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
    # The reports overdue or returned twice, and the approved extensions and team changes:
    # one query each, read as the project page reads its own.
    reports = ProgressReport.objects.filter(proposal__in=ids).annotate(
        times_returned=times_returned()
    )
    overdue = Q(state__in=ProgressReportState.editable(), due_on__lt=today)
    reports = list(reports.filter(overdue | Q(times_returned__gte=RETURNS)))
    changes = list(
        ChangeRequest.objects.filter(
            proposal__in=ids,
            kind__in=[ChangeKind.EXTENSION, ChangeKind.TEAM],
            state=ChangeState.APPROVED,
        )
    )
    found = defaultdict(list)
    for signal in [
        *overdue_signals(ids, today, reports),
        *returned_signals(ids, reports),
        *unpaid_signals(ids, today),
        *extension_signals(ids, changes),
        *left_signals(ids, changes),
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
