from django.urls import path, re_path

from . import open311, views
from .openapi import openapi_json
from .zalo import webhook as zalo_webhook

app_name = "feedback"

FMT = r"\.(?P<fmt>json|xml)"

urlpatterns = [
    path("phan-anh/gui/", views.submit, name="submit"),
    path("phan-anh/tra-cuu/", views.lookup, name="lookup"),
    path("phan-anh/tuong-tu/", views.similar, name="similar"),
    path("phan-anh/anh/<int:pk>/", views.public_attachment, name="public-attachment"),
    path("phan-anh/tra-cuu/<str:code>/", views.status, name="status"),
    path("phan-anh/rieng/<str:token>/", views.private, name="private"),
    path("hoi-dap/", views.questions, name="questions"),
    path("open311/v2/openapi.json", openapi_json, name="open311-openapi"),
    path("zalo/webhook/", zalo_webhook, name="zalo-webhook"),
    re_path(rf"^open311/v2/services{FMT}$", open311.services_list, name="open311-services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[\w-]{{1,40}}){FMT}$",
        open311.service_definition,
        name="open311-service",
    ),
    re_path(rf"^open311/v2/requests{FMT}$", open311.requests_view, name="open311-requests"),
    re_path(
        rf"^open311/v2/requests/(?P<request_id>[\w-]{{1,40}}){FMT}$",
        open311.request_detail,
        name="open311-request",
    ),
    re_path(
        rf"^open311/v2/tokens/(?P<token>[\w-]{{1,40}}){FMT}$",
        open311.token_detail,
        name="open311-token",
    ),
]
