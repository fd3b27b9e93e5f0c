"""The states of a progress report: the team submits it, a funding officer accepts it (its
results count in the KPI ledger and the instalments that waited for it fall due, once its
period has ended) or returns it (its results stop counting). Each locks the report, writes one
audit entry and notifies after the commit.

A report is submitted once its period has ended; a funding officer may allow it earlier by
recording why (`allow_early_submission`, audited with the reason)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts import audit
from core.hooks import Hook
from indicators import ledger
from indicators.models import FiscalYear
from projects.adoption import services as adoption
from projects.instalments.services import make_due
from projects.models import (
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress import notices as report_notices
from projects.rules import can_allow_early_submission, can_decide_report, can_submit_report
from projects.services import ProjectError, ledger_source, main_technology

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("progress_report.submit", gettext_lazy("Progress report submitted"), None),
    ("progress_report.accept", gettext_lazy("Progress report accepted"), None),
    ("progress_report.return", gettext_lazy("Progress report returned to the team"), None),
    ("instalment.due", gettext_lazy("Instalment due for payment"), None),
    (
        "progress_report.allow_early",
        gettext_lazy("Progress report allowed before its period ends"),
        None,
    ),
]


def _lock_report(report):
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("proposal__call__programme")
        .get(pk=report.pk)
    )


def _refuse(report, method):
    if not can_proceed(getattr(report, method)):
        raise ProjectError(
            _("This report is “%(state)s”: nothing was changed.")
            % {"state": ProgressReportState(report.state).label}
        )


SUBMIT_CHECKS = Hook(
    "projects.progress.submit_checks",
    "What a progress report needs before its team may submit it: fn(report) -> [message].",
)


def submit_problems(report, *, skip=()):
    """What stands between the report and its submission (empty: nothing). A caller that
    already ran some checks passes them in `skip`, so that they are not run twice."""
    return [
        str(message) for check in SUBMIT_CHECKS if check not in skip for message in check(report)
    ]


@transaction.atomic
def submit_report(*, report, actor):
    """The team submits its report to the funding officers."""
    locked = _lock_report(report)
    if not can_submit_report(actor, locked):
        raise ProjectError(_("You may not submit this report."))
    _refuse(locked, "submit")
    problems = submit_problems(locked)
    if problems:
        raise ProjectError(problems)
    from_state = locked.state
    locked.submit()
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.save(update_fields=["state", "submitted_at", "submitted_by"])
    audit.record(
        actor=actor,
        action="progress_report.submit",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
    )
    transaction.on_commit(lambda: report_notices.report_submitted(locked, actor), robust=True)
    return locked


def report_ledger_rows(report):
    """The report's results as rows of the KPI ledger, filed under the fiscal year in which
    the report's period ends."""
    proposal = report.proposal
    year, _created = FiscalYear.objects.get_or_create(
        year_be=FiscalYear.year_be_of(report.period_end)
    )
    technology = main_technology(proposal)
    return [
        {
            "indicator": result.indicator,
            "fiscal_year": year,
            "municipality": result.municipality,
            "technology": technology,
            "value": result.value,
            "evidence_url": result.evidence_url,
            "note": result.note,
        }
        for result in report.results.select_related("indicator", "municipality")
    ]


@transaction.atomic
def accept_report(*, report, actor, comment=""):
    """An officer accepts a submitted report: its results count in the KPI roll-up and the
    instalments that waited for it become due."""
    locked = _lock_report(report)
    # The state first: the second of two presses hears that the first one decided it.
    _refuse(locked, "accept")
    if not can_decide_report(actor, locked):
        raise ProjectError(_("You may not accept or return this report."))
    from_state = locked.state
    locked.accept()
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_comment = (comment or "").strip()
    locked.save(update_fields=["state", "decided_at", "decided_by", "decision_comment"])
    proposal = locked.proposal
    ledger.record_results(
        programme=proposal.call.programme,
        report=locked.ledger_key,
        source=ledger_source(proposal),
        source_label=proposal.reference,
        period=locked.kind,
        period_end=locked.period_end,
        rows=report_ledger_rows(locked),
    )
    # The project's technologies move forward in its cities (projects.adoption).
    adoption.advance_from_report(actor=actor, report=locked)
    audit.record(
        actor=actor,
        action="progress_report.accept",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=locked.decision_comment,
    )
    # The instalments waiting for it fall due now if its period has ended; otherwise on the
    # day after it ends (`instalments.services.fall_due`).
    due = []
    if locked.period_ended():
        due = [
            make_due(instalment, actor=actor)
            for instalment in Instalment.objects.select_for_update().filter(
                report=locked, state=InstalmentState.SCHEDULED
            )
        ]
    comment = locked.decision_comment
    transaction.on_commit(
        lambda: report_notices.report_accepted(locked, actor, comment), robust=True
    )
    transaction.on_commit(lambda: report_notices.instalments_due(locked, due), robust=True)
    return locked


@transaction.atomic
def allow_early_submission(*, report, actor, reason):
    """A funding officer lets the team submit its report before the report's period ends,
    with the reason (kept on the report and in the audit entry); the team is told."""
    reason = (reason or "").strip()
    locked = _lock_report(report)
    if not can_allow_early_submission(actor, locked):
        raise ProjectError(
            _(
                "A funding officer may allow only a report still being written whose period "
                "has not ended."
            )
        )
    if not reason:
        raise ProjectError(_("Write why the report may be submitted before its period ends."))
    locked.early_reason = reason
    locked.early_allowed_by = actor
    locked.early_allowed_at = timezone.now()
    locked.save(update_fields=["early_reason", "early_allowed_by", "early_allowed_at"])
    audit.record(
        actor=actor,
        action="progress_report.allow_early",
        obj=locked,
        comment=reason,
        data={"period_end": locked.period_end.isoformat()},
    )
    transaction.on_commit(
        lambda: report_notices.early_submission_allowed(locked, actor, reason), robust=True
    )
    return locked


@transaction.atomic
def return_report(*, report, actor, comment):
    """An officer returns a submitted report to the team with what to change; whatever it
    reported stops counting in the roll-up."""
    comment = (comment or "").strip()
    locked = _lock_report(report)
    # The state first: the second of two presses hears that the first one decided it.
    _refuse(locked, "return_to_team")
    if not can_decide_report(actor, locked):
        raise ProjectError(_("You may not accept or return this report."))
    if not comment:
        raise ProjectError(_("Write what the team must change: they will read it."))
    from_state = locked.state
    locked.return_to_team()
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_comment = comment
    locked.save(update_fields=["state", "decided_at", "decided_by", "decision_comment"])
    ledger.discount_results(report=locked.ledger_key)
    audit.record(
        actor=actor,
        action="progress_report.return",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=comment,
    )
    transaction.on_commit(
        lambda: report_notices.report_returned(locked, actor, comment), robust=True
    )
    return locked
