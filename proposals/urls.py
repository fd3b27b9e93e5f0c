from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("manage/", views.manage_calls, name="manage_calls"),
    path("manage/new/", views.call_create, name="call_create"),
    path("<slug:code>/", views.call_detail, name="call_detail"),
    path("<slug:code>/edit/", views.call_edit, name="call_edit"),
    path("<slug:code>/publish/", views.call_publish, name="call_publish"),
    path("<slug:code>/unpublish/", views.call_unpublish, name="call_unpublish"),
    path("<slug:code>/documents/<int:pk>/", views.call_document, name="call_document"),
]
