from django.urls import path

from . import views

app_name = "selfcheck"

urlpatterns = [
    path("tu-danh-gia-ho-ngheo/", views.selfcheck, name="index"),
    path("tu-danh-gia-ho-ngheo/lien-he/", views.contact, name="contact"),
    path("tu-danh-gia-ho-ngheo/da-gui/", views.sent, name="sent"),
]
