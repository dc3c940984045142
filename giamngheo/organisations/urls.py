from django.urls import path

from . import views

app_name = "organisations_2fa"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("thiet-lap/", views.setup, name="setup"),
    path("ma-du-phong/", views.regenerate_codes, name="recovery_codes"),
]
