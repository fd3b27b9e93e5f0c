from django.urls import path

from proposals.lifecycle import views

urlpatterns = [
    path("proposals/register/", views.register, name="register"),
    path("proposals/<int:pk>/check/", views.proposal_check, name="proposal_check"),
    path(
        "proposals/<int:pk>/transition/<slug:name>/",
        views.proposal_transition,
        name="proposal_transition",
    ),
]
