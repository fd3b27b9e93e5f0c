from django.urls import path

from reviews.bidding import views

# Bidding on a call's proposals.
urlpatterns = [
    path("reviews/calls/<slug:code>/bids/", views.bids, name="bids"),
]
