"""The pages of progress reports: writing, submitting, accepting and returning them."""

from django.urls import path

from projects.progress.views import editors, pages

PROGRESS = "projects/reports/<int:pk>/"

urlpatterns = [
    path(PROGRESS, pages.report_detail, name="progress_detail"),
    path(f"{PROGRESS}narrative/", editors.edit_narrative, name="progress_narrative"),
    path(f"{PROGRESS}activities/", editors.edit_activities, name="progress_activities"),
    path(f"{PROGRESS}spending/", editors.edit_spending, name="progress_spending"),
    path(f"{PROGRESS}results/", editors.edit_results, name="progress_results"),
    path(
        f"{PROGRESS}results/<int:result_pk>/evidence/",
        editors.edit_evidence,
        name="progress_evidence",
    ),
    path(
        f"{PROGRESS}evidence/<int:evidence_pk>/",
        pages.evidence_download,
        name="progress_evidence_download",
    ),
    path(
        f"{PROGRESS}evidence/<int:evidence_pk>/delete/",
        editors.delete_evidence,
        name="progress_evidence_delete",
    ),
    path(f"{PROGRESS}outputs/", editors.edit_outputs, name="progress_outputs"),
    path(f"{PROGRESS}submit/", pages.report_submit, name="progress_submit"),
    path(f"{PROGRESS}early/", pages.report_allow_early, name="progress_allow_early"),
    path(f"{PROGRESS}accept/", pages.report_accept, name="progress_accept"),
    path(f"{PROGRESS}return/", pages.report_return, name="progress_return"),
]
