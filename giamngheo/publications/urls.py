from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("an-pham/", views.library, name="library"),
    path("an-pham/<str:pk>/tai-ve/", views.download, name="download"),
    path("an-pham/<str:pk>/bia/", views.cover, name="cover"),
]
