"""The results import's pages, included in `reports.urls` (names `reports:results_*`)."""

from django.urls import path

from reports.imports import views

urlpatterns = [
    path("results/import/", views.results_import, name="results_import"),
    path("results/import/template/", views.results_template, name="results_template"),
    path("results/import/<str:token>/", views.results_preview, name="results_preview"),
]
