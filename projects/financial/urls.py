from django.urls import path

from projects.financial import views

urlpatterns = [
    path("projects/<int:pk>/financial/", views.financial_report, name="financial_report"),
]
