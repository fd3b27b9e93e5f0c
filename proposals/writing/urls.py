from django.urls import path

from proposals.writing import team_views, views

urlpatterns = [
    path("proposals/", views.my_proposals, name="my_proposals"),
    path("proposals/new/<slug:code>/", views.proposal_start, name="proposal_start"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/general/", views.edit_general, name="edit_general"),
    path("proposals/<int:pk>/sections/", views.edit_sections, name="edit_sections"),
    path("proposals/<int:pk>/sections/<slug:key>/", views.save_section, name="save_section"),
    path("proposals/<int:pk>/team/", team_views.proposal_team, name="proposal_team"),
    path(
        "proposals/<int:pk>/team/<int:member_pk>/",
        team_views.team_member_change,
        name="team_member_change",
    ),
    path(
        "proposals/<int:pk>/team/<int:member_pk>/remove/",
        team_views.team_member_remove,
        name="team_member_remove",
    ),
    path(
        "proposals/invitations/answer/<int:member_pk>/",
        team_views.team_invitation_answer,
        name="team_invitation_answer",
    ),
    path("proposals/invitations/<str:token>/", team_views.team_invitation, name="team_invitation"),
]
