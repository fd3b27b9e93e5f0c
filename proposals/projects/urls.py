"""The pages of funded projects: funding, the project page, instalments, the public
portfolio; the progress reports' pages come from reports/urls.py."""

from proposals.projects.reports.urls import urlpatterns as reports

urlpatterns = [
    *reports,
]
