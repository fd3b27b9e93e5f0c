"""Mounted at /privacy/ by config/urls.py."""

from django.urls import path

from accounts.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("agree/", views.agree, name="agree"),
    path("manage/", views.manage, name="manage"),
    path("my-data/", views.my_data, name="my_data"),
    path("exports/", views.exports, name="exports"),
    path("exports/<int:pk>/download/", views.download_export, name="download_export"),
    path("my-data/erase/", views.request_erasure, name="request_erasure"),
    path("erasures/", views.erasures, name="erasures"),
    path("erasures/<int:pk>/", views.answer_erasure, name="answer_erasure"),
    path("retention/", views.retention_periods, name="retention"),
    path("processing/", views.processing_record, name="processing"),
]
