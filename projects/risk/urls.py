from django.urls import path

from projects.risk import views

# Early warning for officers and managers: running projects at risk.
urlpatterns = [
    path("projects/risks/", views.risk_list, name="risk_list"),
]
