from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("du-lieu-mo/", views.open_data, name="open-data"),
    path("du-lieu-mo/ra-soat-ho-ngheo.<str:fmt>", views.reviews_dataset, name="reviews"),
    path("du-lieu-mo/tong-hop-theo-nam.<str:fmt>", views.years_dataset, name="years"),
    path("du-lieu-mo/don-vi.json", views.units_dataset, name="units"),
    path("du-lieu-mo/api/openapi.json", views.openapi, name="openapi"),
]
