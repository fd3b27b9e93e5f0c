from django.urls import path

from reports import views
from reports.imports.urls import urlpatterns as results_imports

app_name = "reports"

urlpatterns = [
    path(
        "reports/<slug:kind>/<str:format>/<str:subject>/",
        views.document_download,
        name="document",
    ),
    path("documents/", views.job_list, name="jobs"),
    path("documents/<int:pk>/", views.job_page, name="job"),
    path("documents/<int:pk>/download/", views.job_download, name="job_download"),
    *results_imports,
]
