from django.urls import path

from reviews.screening import overview, views

urlpatterns = [
    path("reviews/calls/", overview.calls, name="calls"),
    path("reviews/calls/<slug:code>/", overview.call_overview, name="call_overview"),
    path(
        "reviews/calls/<slug:code>/screening-items/",
        views.screening_items,
        name="screening_items",
    ),
    path("reviews/proposals/<int:pk>/screening/", views.screen, name="screen"),
]
