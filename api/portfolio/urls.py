from django.urls import path

from api.portfolio import views

urlpatterns = [
    path("portfolio/<slug:code>/projects/<int:pk>/", views.project, name="portfolio_project"),
    path("portfolio/<slug:code>/map/", views.project_map, name="portfolio_map"),
    path("portfolio/<slug:code>/360giving.json", views.giving, name="portfolio_360giving"),
    path("portfolio/<slug:code>/download.<str:fmt>", views.download, name="portfolio_download"),
]
