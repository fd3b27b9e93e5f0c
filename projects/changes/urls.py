from django.urls import path

from projects.changes import views

urlpatterns = [
    path("projects/calls/<slug:code>/change-rules/", views.change_policy, name="change_policy"),
    path("projects/<int:pk>/changes/", views.change_list, name="change_list"),
    path("projects/<int:pk>/changes/new/<slug:kind>/", views.change_new, name="change_new"),
    path("projects/changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("projects/changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("projects/changes/<int:pk>/files/", views.change_attach, name="change_attach"),
    path(
        "projects/changes/<int:pk>/files/<int:file_pk>/",
        views.change_file,
        name="change_file",
    ),
    path("projects/changes/<int:pk>/<slug:step>/", views.change_step, name="change_step"),
]
