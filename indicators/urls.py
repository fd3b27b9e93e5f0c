from django.urls import path

from indicators import views
from indicators.dashboard import views as dashboard_views
from indicators.excel import views as views_excel
from indicators.funders import views as funders

app_name = "indicators"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:code>/objectives/new/", views.objective_edit, name="objective_create"),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/edit/",
        views.objective_edit,
        name="objective_edit",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/delete/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("programmes/<slug:code>/indicators/new/", views.indicator_edit, name="indicator_create"),
    path(
        "programmes/<slug:code>/indicators/<int:pk>/edit/",
        views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "programmes/<slug:code>/indicators/<int:pk>/delete/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("programmes/<slug:code>/targets/", views.targets, name="targets"),
    path("programmes/<slug:code>/letterhead/", views.letterhead, name="letterhead"),
    path("programmes/<slug:code>/thresholds/", views.thresholds, name="thresholds"),
    path(
        "programmes/<slug:code>/framework.xlsx",
        views_excel.export_framework,
        name="export_framework",
    ),
    path("programmes/<slug:code>/import/", views_excel.import_framework, name="import_framework"),
    path(
        "programmes/<slug:code>/import/<str:token>/confirm/",
        views_excel.confirm_import,
        name="confirm_import",
    ),
    path(
        "programmes/<slug:code>/dashboard/", dashboard_views.programme_dashboard, name="dashboard"
    ),
    path(
        "programmes/<slug:code>/dashboard/next-call/",
        dashboard_views.next_call,
        name="next_call",
    ),
    path(
        "programmes/<slug:code>/dashboard/indicators/<int:pk>/",
        dashboard_views.indicator_dashboard,
        name="dashboard_indicator",
    ),
    path("kpi/", dashboard_views.dashboard_list, name="dashboard_list"),
    path("municipalities/", dashboard_views.municipality_list, name="municipality_list"),
    path("municipalities/<int:pk>/", dashboard_views.municipality_detail, name="municipality"),
    path("technologies/", views.technology_list, name="technology_list"),
    path("technologies/new/", views.technology_edit, name="technology_create"),
    path("technologies/<int:pk>/edit/", views.technology_edit, name="technology_edit"),
    path("output-types/", views.output_types, name="output_types"),
    path("funders/", funders.funder_list, name="funders"),
    path("funders/<int:pk>/identifier/", funders.funder_identifier, name="funder_identifier"),
]
