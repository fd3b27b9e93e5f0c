from django.urls import path

from proposals.writing import views

urlpatterns = [
    path("proposals/", views.my_proposals, name="my_proposals"),
    path("proposals/new/<slug:code>/", views.proposal_start, name="proposal_start"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/general/", views.edit_general, name="edit_general"),
    path("proposals/<int:pk>/sections/", views.edit_sections, name="edit_sections"),
    path("proposals/<int:pk>/sections/<slug:key>/", views.save_section, name="save_section"),
]
