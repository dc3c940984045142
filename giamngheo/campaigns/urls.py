from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("chien-dich/", views.index, name="index"),
    path("chien-dich/theo-doi/<str:token>/", views.track, name="track"),
    path("chien-dich/bai/<str:pk>/bao-cao/", views.report, name="report"),
    path("chien-dich/bai/<str:pk>/tep/", views.item_file, name="file"),
    path("chien-dich/bai/<str:pk>/anh/", views.item_thumbnail, name="thumbnail"),
    path("chien-dich/<slug:slug>/", views.campaign_page, name="campaign"),
    path("chien-dich/<slug:slug>/tham-gia/", views.submit, name="submit"),
]
