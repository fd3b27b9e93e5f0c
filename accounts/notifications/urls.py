"""Mounted at /notifications/ by config/urls.py; the names carry no namespace."""

from django.urls import path

from accounts.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/read/", views.mark_read, name="notification_read"),
    path("read-all/", views.mark_all_read, name="notifications_read_all"),
]
