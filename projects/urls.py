"""The pages of funded projects: the list and the project page here; funding, instalments, the
public portfolio and the progress reports from their feature's urls.py."""

from django.urls import path

from projects import views
from projects.adoption.urls import urlpatterns as adoption
from projects.changes.urls import urlpatterns as changes
from projects.contracts.urls import urlpatterns as contracts
from projects.financial.urls import urlpatterns as financial
from projects.funding.urls import urlpatterns as funding
from projects.history.urls import urlpatterns as history
from projects.instalments.urls import urlpatterns as instalments
from projects.portfolio.urls import urlpatterns as portfolio
from projects.progress.urls import urlpatterns as progress
from projects.risk.urls import urlpatterns as risk

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project, name="project"),
    *risk,
    *changes,
    *contracts,
    *funding,
    *instalments,
    *financial,
    *portfolio,
    *progress,
    *adoption,
    *history,
]
