from django.urls import path

from . import views

app_name = "broadcasts"

urlpatterns = [
    path("truyen-thanh/", views.archive, name="archive"),
    path("truyen-thanh/podcast.xml", views.podcast, name="podcast"),
    path("truyen-thanh/ban-tin/<str:pk>/", views.bulletin_detail, name="bulletin"),
    path("truyen-thanh/am-thanh/<str:pk>.mp3", views.public_audio, name="audio"),
    path("truyen-thanh/tram/", views.station_home, name="station"),
    path("truyen-thanh/tram/dang-nhap/", views.LoginView.as_view(), name="station_login"),
    path("truyen-thanh/tram/ban-tin/<str:pk>/", views.DeliveryView.as_view(), name="delivery"),
    path(
        "truyen-thanh/tram/ban-tin/<str:pk>/am-thanh.mp3",
        views.delivery_audio,
        name="delivery_audio",
    ),
]
