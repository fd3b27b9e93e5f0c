from django.urls import path

from api.tokens import views

urlpatterns = [
    path("api/tokens/", views.tokens, name="tokens"),
    path("api/tokens/<int:pk>/revoke/", views.revoke, name="revoke_token"),
]
