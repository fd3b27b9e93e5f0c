from django.urls import path

from proposals import views
from proposals.editing.urls import urlpatterns as editing
from proposals.lifecycle.urls import urlpatterns as lifecycle
from proposals.projects.urls import urlpatterns as projects
from proposals.versions.urls import urlpatterns as versions
from proposals.writing.urls import urlpatterns as writing

app_name = "proposals"

# Calls live under /calls/, proposals under /proposals/ (see each area's urls.py).
urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/manage/", views.manage_calls, name="manage_calls"),
    path("calls/manage/new/", views.call_create, name="call_create"),
    path("calls/<slug:code>/", views.call_detail, name="call_detail"),
    path("calls/<slug:code>/edit/", views.call_edit, name="call_edit"),
    path("calls/<slug:code>/publish/", views.call_publish, name="call_publish"),
    path("calls/<slug:code>/unpublish/", views.call_unpublish, name="call_unpublish"),
    path("calls/<slug:code>/documents/<int:pk>/", views.call_document, name="call_document"),
    *writing,
    *editing,
    *lifecycle,
    *versions,
    *projects,
]
