"""What a funded project needs before the lifecycle lets it end: completing needs the final
report accepted, closing every instalment settled (`projects/extensions.py` adds them)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.thai import format_money
from projects.financial.selectors import refund_standing
from projects.models import (
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    RefundState,
)
from projects.selectors import team_projects
from proposals.models import ProgressReportKind, ProposalState


def final_report_accepted(proposal):
    """Completing a project needs its final report accepted."""
    accepted = ProgressReport.objects.filter(
        proposal=proposal, kind=ProgressReportKind.FINAL, state=ProgressReportState.ACCEPTED
    ).exists()
    return [] if accepted else [_("The final report must be accepted first.")]


def instalments_settled(proposal):
    """Closing a project needs every instalment released (or cancelled)."""
    open_count = (
        Instalment.objects.filter(proposal=proposal)
        .exclude(state__in=InstalmentState.settled())
        .count()
    )
    if not open_count:
        return []
    return [
        ngettext(
            "%(count)d instalment is not released yet: release it before closing.",
            "%(count)d instalments are not released yet: release them before closing.",
            open_count,
        )
        % {"count": open_count}
    ]


def refund_settled(proposal):
    """Closing a project needs the refund of its unspent balance recorded, unless nothing is
    owed (the final financial report works it out)."""
    report = refund_standing(proposal)
    if report.state in RefundState.settled():
        return []
    if report.state == RefundState.AWAITING_FINAL_REPORT:
        return [_("The final financial report must be accepted first.")]
    return [
        _("%(balance)s baht were not spent: record their refund before closing.")
        % {"balance": format_money(report.balance)}
    ]


NO_OVERDUE_REPORT = "no_overdue_report"
NO_OVERDUE_REPORT_LABEL = gettext_lazy("No overdue progress report on another project")


def no_overdue_report(user):
    """Starting a proposal needs no overdue progress report on a project of `user`'s teams (a
    call's eligibility question of kind "checked by the system")."""
    overdue = (
        ProgressReport.objects.filter(
            proposal__in=team_projects(user),
            proposal__state__in=ProposalState.funded(),
            state__in=ProgressReportState.editable(),
            due_on__lt=timezone.localdate(),
        )
        .select_related("proposal")
        .order_by("due_on", "pk")
    )
    references = sorted({report.proposal.reference for report in overdue})
    if not references:
        return ""
    return _(
        "A progress report of your project %(projects)s is overdue; hand it in before you "
        "apply again."
    ) % {"projects": ", ".join(references)}
