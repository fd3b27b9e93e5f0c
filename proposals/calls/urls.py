from django.urls import path

from proposals.calls import views

# Calls live under /calls/.
urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/manage/", views.manage_calls, name="manage_calls"),
    path("calls/manage/new/", views.call_create, name="call_create"),
    path("calls/<slug:code>/", views.call_detail, name="call_detail"),
    path("calls/<slug:code>/edit/", views.call_edit, name="call_edit"),
    path("calls/<slug:code>/publish/", views.call_publish, name="call_publish"),
    path("calls/<slug:code>/unpublish/", views.call_unpublish, name="call_unpublish"),
    path("calls/<slug:code>/documents/<int:pk>/", views.call_document, name="call_document"),
]
