from django.urls import path

from reviews.reviewing import form_views, ranking_views

# The review form, reopening, the ranking and the review summary (the scoring work).
urlpatterns: list = [
    path("reviews/my/<int:pk>/review/", form_views.review_form, name="review_form"),
    path("reviews/reviews/<int:pk>/reopen/", form_views.reopen_review, name="reopen_review"),
    path("reviews/calls/<slug:code>/ranking/", ranking_views.ranking, name="ranking"),
    path(
        "reviews/proposals/<int:pk>/reviews/",
        ranking_views.review_summary,
        name="review_summary",
    ),
]
