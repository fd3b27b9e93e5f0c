from django.urls import path

from reviews.scoring import views

# The review form and its reopening by an officer.
urlpatterns = [
    path("reviews/my/<int:pk>/review/", views.review_form, name="review_form"),
    path("reviews/reviews/<int:pk>/reopen/", views.reopen_review, name="reopen_review"),
]
