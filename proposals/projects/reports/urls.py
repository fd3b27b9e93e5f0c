"""The pages of progress reports: writing, submitting, accepting and returning them."""

from django.urls import path

from proposals.projects.reports import editors, views

REPORT = "projects/reports/<int:pk>/"

urlpatterns = [
    path(REPORT, views.report_detail, name="report_detail"),
    path(f"{REPORT}narrative/", editors.edit_narrative, name="report_narrative"),
    path(f"{REPORT}activities/", editors.edit_activities, name="report_activities"),
    path(f"{REPORT}spending/", editors.edit_spending, name="report_spending"),
    path(f"{REPORT}results/", editors.edit_results, name="report_results"),
    path(
        f"{REPORT}results/<int:result_pk>/evidence/",
        editors.edit_evidence,
        name="report_evidence",
    ),
    path(
        f"{REPORT}evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="report_evidence_download",
    ),
    path(
        f"{REPORT}evidence/<int:evidence_pk>/delete/",
        editors.delete_evidence,
        name="report_evidence_delete",
    ),
    path(f"{REPORT}outputs/", editors.edit_outputs, name="report_outputs"),
    path(f"{REPORT}submit/", views.report_submit, name="report_submit"),
    path(f"{REPORT}accept/", views.report_accept, name="report_accept"),
    path(f"{REPORT}return/", views.report_return, name="report_return"),
]
