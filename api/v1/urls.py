from django.urls import path

from api.v1 import views

urlpatterns = [
    path("calls/", views.CallList.as_view(), name="calls"),
    path("calls/<int:pk>/", views.CallDetail.as_view(), name="call"),
    path("programmes/", views.ProgrammeList.as_view(), name="programmes"),
    path("programmes/<slug:code>/framework/", views.FrameworkView.as_view(), name="framework"),
    path("programmes/<slug:code>/portfolio/", views.PortfolioList.as_view(), name="portfolio"),
    path("programmes/<slug:code>/rollup/", views.RollupView.as_view(), name="rollup"),
    path("proposals/", views.ProposalList.as_view(), name="proposals"),
    path("proposals/<int:pk>/sections/", views.SectionList.as_view(), name="sections"),
    path("proposals/<int:pk>/sections/<slug:key>/", views.SectionWrite.as_view(), name="section"),
    path("assignments/", views.AssignmentList.as_view(), name="assignments"),
    path("projects/", views.ProjectList.as_view(), name="projects"),
    path("progress-reports/", views.ProgressReportList.as_view(), name="progress_reports"),
    path(
        "progress-reports/<int:pk>/results/",
        views.ReportResults.as_view(),
        name="progress_report_results",
    ),
    path("instalments/", views.InstalmentList.as_view(), name="instalments"),
]
