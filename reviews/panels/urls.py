from django.urls import path

from reviews.panels import views

# The panel's discussion of a proposal.
urlpatterns = [
    path("reviews/panel/<int:pk>/", views.panel, name="panel"),
    path("reviews/assignments/<int:pk>/panel-role/", views.set_panel_role, name="set_panel_role"),
]
