"""What funded projects hold about a person, for the copy of their data: the progress reports
they submitted and the evidence files they uploaded."""

from accounts.privacy.exports import Section
from projects.models import ProgressReport, ResultEvidence


def progress_section(user):
    reports = ProgressReport.objects.filter(submitted_by=user).select_related("proposal")
    records = [
        {
            "project": report.proposal.reference,
            "report": report.kind,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "state": report.state,
            "narrative": report.narrative,
            "problems": report.problems,
            "submitted_at": report.submitted_at,
        }
        for report in reports
    ]
    evidence = ResultEvidence.objects.filter(uploaded_by=user).select_related(
        "result__report__proposal"
    )
    files = [(f"{item.pk}-{item.original_name}", item.file) for item in evidence]
    return Section(records=records, files=files)
