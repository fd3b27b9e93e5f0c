from django.urls import path

from reviews.screening import views

urlpatterns = [
    path("reviews/calls/", views.calls, name="calls"),
    path("reviews/calls/<slug:code>/", views.call_overview, name="call_overview"),
    path(
        "reviews/calls/<slug:code>/screening-items/",
        views.screening_items,
        name="screening_items",
    ),
    path("reviews/proposals/<int:pk>/screening/", views.screen, name="screen"),
]
