from django.urls import path

from reviews.rebuttal import views

# The team's answers to the reviewers of a revision round.
urlpatterns = [
    path("reviews/proposals/<int:pk>/answers/", views.rebuttal, name="rebuttal"),
]
