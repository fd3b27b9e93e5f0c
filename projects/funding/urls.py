from django.urls import path

from projects.funding import views

urlpatterns = [path("proposals/<int:pk>/fund/", views.fund, name="fund")]
