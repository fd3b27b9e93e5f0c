from django.urls import path

from proposals.messages import views

urlpatterns = [
    path("programmes/<slug:code>/messages/", views.message_list, name="message_list"),
    path("programmes/<slug:code>/messages/<str:kind>/", views.message_edit, name="message_edit"),
    path("messages/", views.site_message_list, name="site_message_list"),
    path("messages/<str:kind>/", views.site_message_edit, name="site_message_edit"),
]
