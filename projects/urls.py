"""The pages of funded projects: funding, the project page, instalments, the public
portfolio; the progress reports' pages come from progress/urls.py."""

from django.urls import path

from projects import views
from projects.progress.urls import urlpatterns as progress

app_name = "projects"

urlpatterns = [
    path("proposals/<int:pk>/fund/", views.fund, name="fund"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project, name="project"),
    path(
        "projects/instalments/<int:pk>/release/",
        views.instalment_release,
        name="instalment_release",
    ),
    path("portfolio/", views.portfolio_index, name="portfolio_index"),
    path("portfolio/<slug:code>/", views.portfolio_page, name="portfolio"),
    *progress,
]
