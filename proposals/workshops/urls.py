from django.urls import path

from proposals.workshops import views

# Workshops live under /workshops/; the team's list under its proposal.
urlpatterns = [
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/new/", views.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/participants/", views.participants, name="workshop_participants"),
    path("workshops/<int:pk>/register/", views.register, name="workshop_register"),
    path("workshops/<int:pk>/cancel/", views.cancel, name="workshop_cancel"),
    path("workshops/<int:pk>/check-in/", views.check_in, name="workshop_check_in"),
    path("workshops/<int:pk>/materials/", views.material_add, name="workshop_material_add"),
    path(
        "workshops/<int:pk>/materials/<int:material_pk>/",
        views.material_download,
        name="workshop_material",
    ),
    path(
        "workshops/<int:pk>/materials/<int:material_pk>/remove/",
        views.material_remove,
        name="workshop_material_remove",
    ),
    path("proposals/<int:pk>/workshops/", views.proposal_workshops, name="proposal_workshops"),
]
