from django.urls import path

from reviews.assignment import views

urlpatterns = [
    path("reviews/pool/", views.pool, name="pool"),
    path("reviews/pool/<int:user_pk>/", views.reviewer_profile, name="reviewer_profile"),
    path("reviews/proposals/<int:pk>/reviewers/", views.assign, name="assign"),
    path(
        "reviews/assignments/<int:pk>/cancel/",
        views.cancel_assignment,
        name="cancel_assignment",
    ),
    path("reviews/calls/<slug:code>/assign/", views.assign_call, name="assign_call"),
]
