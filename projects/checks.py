"""What a funded project needs before the lifecycle lets it end: completing needs the final
report accepted, closing every instalment settled (`projects/extensions.py` adds them)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import (
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from proposals.models import ProgressReportKind


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
