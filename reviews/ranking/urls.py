from django.urls import path

from reviews.ranking import views

# The ranking of a call and the review summary of a proposal.
urlpatterns = [
    path("reviews/calls/<slug:code>/ranking/", views.ranking, name="ranking"),
    path("reviews/proposals/<int:pk>/reviews/", views.review_summary, name="review_summary"),
]
