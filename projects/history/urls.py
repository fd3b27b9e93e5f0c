from django.urls import path

from projects.history import views

# A municipality's programme history, beside its page of indicators (/municipalities/<pk>/).
urlpatterns = [
    path("municipalities/<int:pk>/history/", views.timeline, name="municipality_history"),
]
