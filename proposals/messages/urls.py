from django.urls import path

from proposals.messages import views

urlpatterns = [
    path("programmes/<slug:code>/messages/", views.message_list, name="message_list"),
    path("programmes/<slug:code>/messages/<str:kind>/", views.message_edit, name="message_edit"),
]
