from django.urls import path

from projects.instalments import views

urlpatterns = [
    path(
        "projects/instalments/<int:pk>/release/",
        views.instalment_release,
        name="instalment_release",
    ),
]
