from django.urls import path

from accounts import views
from accounts.organisations import views as organisations

app_name = "accounts"

urlpatterns = [
    path("invite/", views.invite, name="invite"),
    path("invitations/<int:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/roles/", views.user_roles, name="user_roles"),
    path("profile/", views.profile, name="profile"),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path(
        "organisations/<int:pk>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
]
