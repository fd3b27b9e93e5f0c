from django.urls import path

from proposals.editing import views

# The table parts of a proposal, one page each, and its attachments' downloads.
urlpatterns = [
    path(
        "proposals/<int:pk>/municipalities/",
        views.edit_municipalities,
        name="edit_municipalities",
    ),
    path("proposals/<int:pk>/technologies/", views.edit_technologies, name="edit_technologies"),
    path("proposals/<int:pk>/work-plan/", views.edit_activities, name="edit_activities"),
    path("proposals/<int:pk>/budget/", views.edit_budget, name="edit_budget"),
    path("proposals/<int:pk>/indicators/", views.edit_contributions, name="edit_contributions"),
    path("proposals/<int:pk>/outputs/", views.edit_outputs, name="edit_outputs"),
    path("proposals/<int:pk>/attachments/", views.edit_attachments, name="edit_attachments"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
