from django.urls import path

from projects.portfolio import views

urlpatterns = [
    path("portfolio/", views.portfolio_index, name="portfolio_index"),
    path("portfolio/<slug:code>/", views.portfolio_page, name="portfolio"),
]
