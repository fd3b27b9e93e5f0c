from django.urls import path

from proposals.team import views

# The team of a proposal and the invitations of co-researchers.
urlpatterns = [
    path("proposals/<int:pk>/team/", views.proposal_team, name="proposal_team"),
    path(
        "proposals/<int:pk>/team/<int:member_pk>/",
        views.team_member_change,
        name="team_member_change",
    ),
    path(
        "proposals/<int:pk>/team/<int:member_pk>/remove/",
        views.team_member_remove,
        name="team_member_remove",
    ),
    path(
        "proposals/invitations/answer/<int:member_pk>/",
        views.team_invitation_answer,
        name="team_invitation_answer",
    ),
    path("proposals/invitations/<str:token>/", views.team_invitation, name="team_invitation"),
]
