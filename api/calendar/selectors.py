"""What the calendar feeds hold: call deadlines (public), and a person's review and report due
dates (as their pages list them)."""

from projects.models import ProgressReport, ProgressReportState
from projects.selectors import team_projects
from proposals.models import Call, ProposalState
from reviews.models import Assignment, AssignmentState

OPEN_REVIEWS = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


def call_deadlines():
    return Call.objects.published().select_related("programme").order_by("closes_at", "pk")


def review_due_dates(user):
    return (
        Assignment.objects.filter(reviewer=user, state__in=OPEN_REVIEWS)
        .select_related("proposal")
        .order_by("due_date", "pk")
    )


def report_due_dates(user):
    """The reports `user`'s team still has to hand in (draft or returned, active project)."""
    return (
        ProgressReport.objects.filter(
            proposal__in=team_projects(user),
            proposal__state=ProposalState.ACTIVE,
            state__in=ProgressReportState.editable(),
        )
        .select_related("proposal")
        .order_by("due_on", "pk")
    )
