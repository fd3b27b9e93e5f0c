from django.urls import path

from projects.contracts import views

urlpatterns = [
    path("projects/<int:pk>/contract/", views.contract, name="contract"),
    path("projects/<int:pk>/contract/generate/", views.contract_generate, name="contract_generate"),
    path(
        "projects/<int:pk>/contract/<slug:which>/upload/",
        views.contract_upload,
        name="contract_upload",
    ),
    path("projects/<int:pk>/contract/<slug:which>/", views.contract_copy, name="contract_copy"),
    path(
        "projects/<int:pk>/contract/amendments/<int:number>/<slug:which>/upload/",
        views.contract_upload,
        name="amendment_upload",
    ),
    path(
        "projects/<int:pk>/contract/amendments/<int:number>/<slug:which>/",
        views.contract_copy,
        name="amendment_copy",
    ),
    path(
        "programmes/<slug:code>/contract-template/",
        views.contract_template,
        name="contract_template",
    ),
    path("projects/calls/<slug:code>/contract-rule/", views.contract_rule, name="contract_rule"),
]
