from django.urls import path

from reviews.reviewing import views

# The reviewer's side: every path starts with "reviews/my/".
urlpatterns = [
    path("reviews/my/", views.my_assignments, name="my_assignments"),
    path("reviews/my/<int:pk>/answer/", views.answer_assignment, name="answer_assignment"),
    path("reviews/my/<int:pk>/declaration/", views.declare, name="declare"),
    path("reviews/my/<int:pk>/proposal/", views.review_proposal, name="review_proposal"),
    path(
        "reviews/my/<int:pk>/attachments/<int:attachment_pk>/",
        views.review_attachment,
        name="review_attachment",
    ),
]
