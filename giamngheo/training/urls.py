from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("tap-huan/", views.courses, name="courses"),
    path("tap-huan/lich.ics", views.calendar, name="calendar"),
    path("tap-huan/lop/<str:pk>/", views.course_detail, name="course"),
    path("tap-huan/lop/<str:pk>/dang-ky/", views.RegistrationView.as_view(), name="register"),
    path("tap-huan/lop/<str:pk>/da-dang-ky/", views.registered, name="registered"),
    path("tap-huan/tai-lieu/<str:pk>/", views.public_material, name="material"),
    path("tap-huan/ve/<str:code>/", views.TicketView.as_view(), name="ticket"),
    path("tap-huan/ve/<str:code>/qr.png", views.ticket_qr, name="ticket_qr"),
    path("tap-huan/ve/<str:code>/danh-gia/", views.EvaluationFormView.as_view(), name="evaluate"),
    path(
        "tap-huan/ve/<str:code>/giay-trieu-tap.<str:fmt>",
        views.ticket_invitation,
        name="ticket_invitation",
    ),
    path(
        "tap-huan/ve/<str:code>/giay-chung-nhan.<str:fmt>",
        views.ticket_certificate,
        name="ticket_certificate",
    ),
    path(
        "tap-huan/ve/<str:code>/tai-lieu/<str:pk>/",
        views.ticket_material,
        name="ticket_material",
    ),
    path("tap-huan/xac-minh/", views.verify, name="verify_form"),
    path("tap-huan/xac-minh/<str:code>/", views.verify, name="verify"),
]
