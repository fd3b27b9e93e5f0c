from django.urls import path

from proposals.eligibility import views

urlpatterns = [
    path("proposals/new/<slug:code>/eligibility/", views.eligibility, name="proposal_eligibility"),
]
