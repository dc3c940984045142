"""Admin registration of the commune radio screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from giamngheo.core.admin import PermissionMenuItem, register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .enums import BulletinStatus
from .models import Bulletin, PriorityRule, Station

# Bulletins are written through the services (the screens below and the demo loader); the
# generic admin only reads them. Stations and priority rules are data the province keeps.
register_rules_policies(Station, PriorityRule)
register_rules_policies(Bulletin, forbid={"add", "change", "delete"})


class BulletinInspectView(generic.InspectView):
    template_name = "broadcasts/admin/inspect.html"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user, obj = self.request.user, self.object
        pk = obj.pk
        if obj.status == BulletinStatus.DRAFT and user.has_perm("broadcasts.change_bulletin", obj):
            buttons.append(
                HeaderButton(
                    _("Tải lên bản thu âm"),
                    url=reverse("broadcasts_recording", args=[pk]),
                    icon_name="upload",
                )
            )
        buttons += [
            HeaderButton(
                _("Xuất CAP 1.2"), url=reverse("broadcasts_cap", args=[pk]), icon_name="download"
            ),
            HeaderButton(
                _("Gói tệp (văn bản, MP3, metadata)"),
                url=reverse("broadcasts_package", args=[pk]),
                icon_name="download",
            ),
        ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        context.update(
            bulletin=obj,
            version=obj.vietnamese,
            may_approve=obj.status == BulletinStatus.DRAFT
            and user.has_perm("broadcasts.approve_bulletin", obj),
            may_send=obj.status == BulletinStatus.APPROVED
            and user.has_perm("broadcasts.send_bulletin", obj),
            may_close=obj.status == BulletinStatus.SENT
            and user.has_perm("broadcasts.send_bulletin", obj),
            deliveries=obj.deliveries.select_related("station", "commune").prefetch_related(
                "airings"
            ),
        )
        return context


class BulletinViewSet(ScopedModelViewSet):
    model = Bulletin
    icon = "pick"
    menu_label = _("Bản tin")
    name = "ban-tin-truyen-thanh"
    url_prefix = "truyen-thanh/ban-tin"
    # The generic add and edit screens are forbidden (services only); the list needs a form.
    form_fields = ["title"]
    list_display = ["title", "priority", "status", "air_from", "air_to"]
    list_filter = ["status", "priority"]
    inspect_view_enabled = True
    inspect_view_class = BulletinInspectView
    copy_view_enabled = False
    scoped_get = staticmethod(selectors.get_bulletin_for_user)
    scoped_list = staticmethod(selectors.bulletins_for_user)


class StationViewSet(ScopedModelViewSet):
    model = Station
    icon = "radio-full"
    menu_label = _("Đài truyền thanh xã")
    name = "dai-truyen-thanh"
    url_prefix = "truyen-thanh/dai"
    form_fields = [
        "name",
        "commune",
        "kind",
        "operator_organisation",
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_zalo_id",
        "operators",
        "valid_from",
        "valid_to",
    ]
    list_display = ["name", "commune", "kind", "valid_from", "valid_to"]
    copy_view_enabled = False
    scoped_get = staticmethod(selectors.get_station_for_user)
    scoped_list = staticmethod(selectors.stations_for_user)


class PriorityRuleViewSet(ModelViewSet):
    model = PriorityRule
    icon = "warning"
    menu_label = _("Mức ưu tiên (TT 39/2020)")
    name = "muc-uu-tien"
    url_prefix = "truyen-thanh/muc-uu-tien"
    form_fields = [
        "priority",
        "rank",
        "meaning",
        "ack_minutes",
        "legal_basis",
        "valid_from",
        "valid_to",
    ]
    list_display = ["priority", "rank", "meaning", "ack_minutes", "valid_from", "valid_to"]
    copy_view_enabled = False


class BroadcastsGroup(ModelViewSetGroup):
    menu_label = _("Truyền thanh cơ sở")
    menu_icon = "radio-full"
    menu_order = 260
    items = (BulletinViewSet, StationViewSet, PriorityRuleViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return BroadcastsGroup()


@hooks.register("register_admin_menu_item")
def register_coverage_menu():
    return PermissionMenuItem(
        _("Độ phủ truyền thanh xã"),
        reverse("broadcasts_coverage"),
        perm="broadcasts.view_bulletin",  # what CoverageView asks
        icon_name="doc-full",
        order=261,
    )


@hooks.register("register_admin_urls")
def register_broadcasts_urls():
    return [
        path("truyen-thanh/soan/", views.BulletinCreateView.as_view(), name="broadcasts_new"),
        path("truyen-thanh/do-phu/", views.CoverageView.as_view(), name="broadcasts_coverage"),
        path("truyen-thanh/xac-nhan-cap/", views.import_acks, name="broadcasts_import_acks"),
        path(
            "truyen-thanh/tu-tra-loi/<str:code>/",
            views.DraftFromAnswerView.as_view(),
            name="broadcasts_from_answer",
        ),
        path(
            "truyen-thanh/<str:pk>/duyet/", views.ApproveView.as_view(), name="broadcasts_approve"
        ),
        path("truyen-thanh/<str:pk>/gui/", views.SendView.as_view(), name="broadcasts_send"),
        path("truyen-thanh/<str:pk>/ket-thuc/", views.CloseView.as_view(), name="broadcasts_close"),
        path(
            "truyen-thanh/<str:pk>/thu-hoi/",
            views.WithdrawView.as_view(),
            name="broadcasts_withdraw",
        ),
        path(
            "truyen-thanh/<str:pk>/ban-thu/",
            views.RecordingView.as_view(),
            name="broadcasts_recording",
        ),
        path("truyen-thanh/<str:pk>/am-thanh.mp3", views.admin_audio, name="broadcasts_audio"),
        path("truyen-thanh/<str:pk>/cap.xml", views.cap_export, name="broadcasts_cap"),
        path("truyen-thanh/<str:pk>/goi-tep.zip", views.package_export, name="broadcasts_package"),
    ]


@register_todos
def broadcasts_todos(*, user) -> list[Todo]:
    """Emergency bulletins not acknowledged in time by a commune station (urgent, to the
    coverage screen and its overdue list); drafts waiting for the approver."""
    counts = selectors.todo_counts(user=user)
    return [
        Todo(
            label=_("lượt gửi bản tin khẩn cấp quá hạn chưa được đài xã xác nhận"),
            count=counts["overdue_acks"],
            url=reverse("broadcasts_coverage"),
            urgent=True,
        ),
        Todo(
            label=_("bản tin truyền thanh chờ duyệt"),
            count=counts["to_approve"],
            url=reverse("ban-tin-truyen-thanh:index") + "?status=draft",
        ),
    ]
