from django.urls import path

from api.calendar import views

urlpatterns = [
    path("calendar/", views.feed_page, name="calendar"),
    path("calendar/calls.ics", views.calls_feed, name="calls_feed"),
    path("calendar/<str:key>.ics", views.personal_feed, name="personal_feed"),
]
