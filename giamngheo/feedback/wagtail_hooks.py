"""Registration of the handlers' register in the Wagtail admin: permission policies, the
viewsets and their menu group. The screens are in ``feedback/admin/``."""

from __future__ import annotations

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import rules, selectors
from .admin import actions, views
from .admin.filters import FeedbackFilterSet, OverdueColumn, due_soon_q, overdue_q
from .admin.forms import BanCreateForm, BanEditForm
from .models import AnswerTemplate, ApiKey, Ban, Category, DeadlinePolicy, Feedback, RoutingRule

register_rules_policies(
    Feedback, Category, RoutingRule, ApiKey, DeadlinePolicy, AnswerTemplate, Ban
)


class FeedbackViewSet(ScopedModelViewSet):
    model = Feedback
    icon = "mail"
    menu_label = gettext_lazy("Sổ tiếp nhận phản ánh")
    name = "phan-anh"
    url_prefix = "phan-anh"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views.FeedbackIndexView
    inspect_view_class = views.FeedbackInspectView
    scoped_get = staticmethod(selectors.get_feedback_for_user)
    list_display = [
        "tracking_code",
        "subject",
        "status",
        "kind",
        "unit",
        "organisation",
        "deadline",
        OverdueColumn("overdue", label=gettext_lazy("Quá hạn")),
    ]
    filterset_class = FeedbackFilterSet
    list_export = [
        "tracking_code",
        "received_at",
        "kind",
        "category",
        "subject",
        "unit",
        "organisation",
        "status",
        "deadline",
        "channel",
    ]
    export_filename = "phan-anh-kien-nghi"
    search_fields = ["tracking_code", "subject"]
    search_backend_name = None
    form_fields = ["subject"]
    inspect_view_fields = [
        "tracking_code",
        "kind",
        "category",
        "subject",
        "description",
        "unit",
        "address",
        "latitude",
        "longitude",
        "channel",
        "status",
        "received_at",
        "deadline",
        "organisation",
        "consent_publish",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("xu-ly/<int:pk>/", actions.ProcessView.as_view(), name="process"),
            path("tep/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
            path("nhap/", views.IntakeView.as_view(), name="intake"),
        ]


class HandlerMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.is_feedback_handler(user=request.user)


class StatisticsViewSet(ViewSet):
    name = "thong-ke-phan-anh"
    url_prefix = "phan-anh/thong-ke"
    icon = "table"
    menu_label = gettext_lazy("Thống kê phản ánh")
    menu_item_class = HandlerMenuItem

    def get_urlpatterns(self):
        return [path("", views.StatisticsView.as_view(), name="index")]


class DeadlinePolicyViewSet(ModelViewSet):
    model = DeadlinePolicy
    icon = "time"
    menu_label = gettext_lazy("Thời hạn xử lý")
    name = "thoi-han-phan-anh"
    url_prefix = "phan-anh/thoi-han"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["kind", "working_days", "remind_before"]
    form_fields = ["kind", "working_days", "remind_before"]


class AnswerTemplateViewSet(ModelViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Mẫu trả lời")
    name = "mau-tra-loi"
    url_prefix = "phan-anh/mau-tra-loi"
    add_to_admin_menu = False
    list_display = ["title", "category", "is_active"]
    list_filter = ["category", "is_active"]
    form_fields = ["title", "category", "body", "is_active"]

    def get_queryset(self, request):
        return AnswerTemplate.objects.select_related("category")


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "warning"
    menu_label = gettext_lazy("Danh sách chặn")
    name = "danh-sach-chan"
    url_prefix = "phan-anh/danh-sach-chan"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = views.BanIndexView
    list_display = ["kind", "hint", "until", "is_active", "reason", "created_at"]
    list_filter = ["kind", "is_active"]

    def get_form_class(self, for_update=False):
        return BanEditForm if for_update else BanCreateForm


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = gettext_lazy("Lĩnh vực phản ánh")
    name = "linh-vuc-phan-anh"
    url_prefix = "phan-anh/linh-vuc"
    add_to_admin_menu = False
    list_display = ["name", "code", "is_active", "sort_order"]
    form_fields = ["code", "name", "description", "is_active", "sort_order"]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = gettext_lazy("Quy tắc chuyển xử lý")
    name = "quy-tac-chuyen-xu-ly"
    url_prefix = "phan-anh/quy-tac"
    add_to_admin_menu = False
    list_display = ["category", "unit", "organisation", "valid_from", "valid_to"]
    list_filter = ["category"]
    form_fields = ["category", "unit", "organisation", "valid_from", "valid_to"]

    def get_queryset(self, request):
        return RoutingRule.objects.select_related("category", "unit", "organisation")


class ApiKeyViewSet(ModelViewSet):
    """Keys are created with ``manage.py open311_key create`` (the clear key is shown once);
    here the province administrator sees and revokes them."""

    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("Khóa API Open311")
    name = "khoa-api-open311"
    url_prefix = "phan-anh/khoa-api"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name", "prefix", "is_active", "created_at", "last_used_at"]
    form_fields = ["is_active"]


class FeedbackGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Phản ánh, kiến nghị")
    menu_icon = "mail"
    menu_order = 260
    items = (
        FeedbackViewSet,
        StatisticsViewSet,
        CategoryViewSet,
        RoutingRuleViewSet,
        DeadlinePolicyViewSet,
        AnswerTemplateViewSet,
        BanViewSet,
        ApiKeyViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return FeedbackGroup()


@register_todos
def feedback_todos(*, user) -> list[Todo]:
    """Items in the user's reach past their deadline, and due within the next days. One query."""
    counts = selectors.feedback_for_user(user=user).aggregate(
        overdue=Count("pk", filter=overdue_q()), due=Count("pk", filter=due_soon_q())
    )
    index = reverse("phan-anh:index")
    return [
        Todo(
            label=gettext_lazy("phản ánh, kiến nghị quá hạn xử lý"),
            count=counts["overdue"],
            url=f"{index}?overdue=true",
            urgent=True,
        ),
        Todo(
            label=gettext_lazy("phản ánh, kiến nghị sắp đến hạn (trong 3 ngày)"),
            count=counts["due"],
            url=f"{index}?due_soon=true",
        ),
    ]
