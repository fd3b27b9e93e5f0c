from django.urls import path

from proposals.versions import views

urlpatterns = [
    path("proposals/<int:pk>/versions/", views.proposal_versions, name="proposal_versions"),
    path(
        "proposals/<int:pk>/versions/compare/",
        views.proposal_compare,
        name="proposal_compare",
    ),
]
