from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("quy-vi-nguoi-ngheo/", views.index, name="index"),
    path("quy-vi-nguoi-ngheo/tra-cuu/", views.lookup, name="lookup"),
    path("quy-vi-nguoi-ngheo/ung-ho/<str:reference>/", views.donation, name="donation"),
    path("quy-vi-nguoi-ngheo/ung-ho/<str:reference>/qr.svg", views.donation_qr, name="donation-qr"),
    path("quy-vi-nguoi-ngheo/van-dong/<slug:slug>/", views.campaign, name="campaign"),
    path("quy-vi-nguoi-ngheo/van-dong/<slug:slug>/qr.svg", views.campaign_qr, name="campaign-qr"),
    path("quy-vi-nguoi-ngheo/van-dong/<slug:slug>/dang-ky/", views.pledge, name="pledge"),
    path("quy-vi-nguoi-ngheo/<slug:slug>/sao-ke/", views.statement, name="statement"),
    path(
        "quy-vi-nguoi-ngheo/<slug:slug>/sao-ke.<str:fmt>",
        views.statement_download,
        name="statement-download",
    ),
]
