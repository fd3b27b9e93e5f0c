from django.urls import path

from projects.adoption import views

# Technology adoption across the cities lives under /adoption/.
urlpatterns = [
    path("adoption/", views.matrix, name="adoption"),
    path("adoption/record/", views.record, name="adoption_record"),
    path("adoption/municipalities/<int:pk>/", views.municipality, name="adoption_municipality"),
    path("adoption/technologies/<int:pk>/", views.technology, name="adoption_technology"),
]
