from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("cuoc-thi/", views.index, name="index"),
    path("cuoc-thi/dang-ky/", views.SignUpView.as_view(), name="signup"),
    path("cuoc-thi/xac-nhan/<str:token>/", views.verify, name="verify"),
    path("cuoc-thi/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("cuoc-thi/dang-xuat/", views.logout, name="logout"),
    path("cuoc-thi/vao/", views.home, name="home"),
    path("cuoc-thi/cua-toi/", views.mine, name="mine"),
    path("cuoc-thi/tac-pham/<str:pk>/rut/", views.withdraw, name="withdraw"),
    path("cuoc-thi/giam-khao/", views.jury, name="jury"),
    path("cuoc-thi/giam-khao/cham/<str:pk>/", views.ScoreView.as_view(), name="score"),
    path(
        "cuoc-thi/giam-khao/cham/<str:pk>/xung-dot/",
        views.declare_conflict,
        name="conflict",
    ),
    path(
        "cuoc-thi/giam-khao/cham/<str:review>/tep/<str:pk>/",
        views.jury_file,
        name="jury_file",
    ),
    path("cuoc-thi/<slug:slug>/", views.detail, name="detail"),
    path("cuoc-thi/<slug:slug>/gui-tac-pham/", views.SubmitView.as_view(), name="submit"),
]
