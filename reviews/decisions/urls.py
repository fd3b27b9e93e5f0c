from django.urls import path

from reviews.decisions import views

# Mounted at the site root inside the "reviews" namespace (see reviews/urls.py).
urlpatterns = [
    path("reviews/calls/<slug:code>/letters/", views.letter_template, name="letter_template"),
    path("reviews/calls/<slug:code>/decide/", views.decide_bulk, name="decide_bulk"),
    path("reviews/proposals/<int:pk>/decide/", views.decide, name="decide"),
    path("reviews/proposals/<int:pk>/decision/", views.decision, name="decision"),
]
