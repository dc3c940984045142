"""Admin registration of the publications screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from giamngheo.core.admin import PermissionMenuItem, register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .models import Dispatch, Movement, PrintRun, PublicationKind, Title
from .services import OVERDUE_WORKING_DAYS

# Titles, print runs and dispatches are written through the services (the screens below and
# the demo loader); the generic admin only reads them. The ledger is never written by hand.
register_rules_policies(PublicationKind)
register_rules_policies(Title, PrintRun, Dispatch, Movement, forbid={"add", "change", "delete"})


class PublicationKindViewSet(ModelViewSet):
    model = PublicationKind
    icon = "tag"
    menu_label = _("Loại ấn phẩm")
    name = "loai-an-pham"
    url_prefix = "an-pham/loai"
    form_fields = ["name", "position"]
    list_display = ["name", "position"]
    copy_view_enabled = False


class TitleInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user, pk = self.request.user, self.object.pk
        if user.has_perm("publications.create_title"):
            buttons.append(
                HeaderButton(
                    _("Thêm bản ngôn ngữ"),
                    url=reverse("publications_edition_new", args=[pk]),
                    icon_name="plus",
                )
            )
        if user.has_perm("publications.view_movement"):
            buttons += [
                HeaderButton(
                    _("Báo cáo phát hành (%(fmt)s)") % {"fmt": fmt.upper()},
                    url=reverse(f"publications_report_{fmt}", args=[pk]),
                    icon_name="download",
                )
                for fmt in views.REPORT_FORMATS
            ]
        return buttons


class PrintRunInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("publications.add_dispatch"):
            pk = self.object.pk
            buttons += [
                HeaderButton(
                    _("Phân bổ cho các xã"),
                    url=reverse("publications_plan_new", args=[pk]),
                    icon_name="list-ul",
                ),
                HeaderButton(
                    _("Giao cho một đơn vị"),
                    url=reverse("publications_dispatch", args=[pk]),
                    icon_name="mail",
                ),
            ]
        return buttons


class TitleViewSet(ScopedModelViewSet):
    model = Title
    icon = "doc-full"
    menu_label = _("Ấn phẩm")
    name = "an-pham"
    url_prefix = "an-pham/an-pham"
    form_fields = ["name"]
    inspect_view_class = TitleInspectView
    list_display = [
        TitleColumn("name", label=_("Tên ấn phẩm"), url_name="an-pham:inspect"),
        Column("kind", label=_("Loại")),
        Column("publisher", label=_("Cơ quan phát hành")),
        Column("licence_number", label=_("Số giấy phép")),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "name",
        "summary",
        "publisher",
        "audience",
        "licence_number",
        "licence_date",
        "licence_issuer",
    ]
    copy_view_enabled = False
    scoped_list = staticmethod(selectors.titles_for_user)
    scoped_get = staticmethod(selectors.get_title_for_user)


class PrintRunViewSet(ScopedModelViewSet):
    model = PrintRun
    icon = "download"
    menu_label = _("Đợt in")
    name = "dot-in"
    url_prefix = "an-pham/dot-in"
    form_fields = ["printer"]
    inspect_view_class = PrintRunInspectView
    list_display = [
        TitleColumn("edition", label=_("Ấn phẩm"), url_name="dot-in:inspect"),
        NumberColumn("quantity", label=_("Số lượng in")),
        Column("printer", label=_("Cơ sở in")),
        Column("delivered_on", label=_("Ngày nhập kho")),
        Column("store", label=_("Kho nhận")),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "edition",
        "activity",
        "budget_line",
        "store",
        "quantity",
        "unit_cost",
        "printer",
        "contract_number",
        "delivered_on",
    ]
    copy_view_enabled = False
    list_export = ["edition", "quantity", "unit_cost", "printer", "contract_number", "delivered_on"]
    export_filename = "dot-in-an-pham"
    scoped_list = staticmethod(selectors.print_runs_for_user)
    scoped_get = staticmethod(selectors.get_print_run_for_user)


class DispatchViewSet(ScopedModelViewSet):
    model = Dispatch
    icon = "mail"
    menu_label = _("Phiếu giao")
    name = "phieu-giao"
    url_prefix = "an-pham/phieu-giao"
    form_fields = ["quantity"]
    list_display = [
        TitleColumn("print_run", label=_("Đợt in"), url_name="phieu-giao:inspect"),
        Column("sender", label=_("Đơn vị giao")),
        Column("recipient", label=_("Đơn vị nhận")),
        NumberColumn("quantity", label=_("Số bản giao")),
        NumberColumn("received_quantity", label=_("Số bản nhận")),
        "status",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "print_run",
        "sender",
        "recipient",
        "quantity",
        "dispatched_on",
        "status",
        "received_quantity",
        "received_on",
        "discrepancy_reason",
        "confirmed_by",
    ]
    copy_view_enabled = False
    list_export = ["print_run", "sender", "recipient", "quantity", "received_quantity", "status"]
    export_filename = "phieu-giao-an-pham"
    scoped_list = staticmethod(selectors.dispatches_for_user)
    scoped_get = staticmethod(selectors.get_dispatch_for_user)


class PublicationsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Ấn phẩm truyền thông")
    menu_icon = "doc-full"
    menu_order = 330
    items = (TitleViewSet, PrintRunViewSet, DispatchViewSet, PublicationKindViewSet)


@hooks.register("register_admin_viewset")
def register_publications_viewsets():
    return PublicationsViewSetGroup()


@hooks.register("register_admin_urls")
def register_publications_urls():
    return [
        path("an-pham/ton-kho/", views.BalanceView.as_view(), name="publications_balances"),
        path("an-pham/cho-xac-nhan/", views.AwaitingView.as_view(), name="publications_awaiting"),
        path(
            "an-pham/phieu-giao/<str:pk>/xac-nhan/",
            views.ConfirmReceiptView.as_view(),
            name="publications_confirm",
        ),
        path(
            "an-pham/dot-in/<str:pk>/giao/",
            views.DispatchCreateView.as_view(),
            name="publications_dispatch",
        ),
        path(
            "an-pham/dot-in/<str:pk>/phan-bo/",
            views.PlanCreateView.as_view(),
            name="publications_plan_new",
        ),
        path(
            "an-pham/ke-hoach-phan-bo/<str:pk>/",
            views.PlanView.as_view(),
            name="publications_plan",
        ),
        path(
            "an-pham/an-pham/moi/", views.TitleCreateView.as_view(), name="publications_title_new"
        ),
        path(
            "an-pham/an-pham/<str:pk>/ban-ngon-ngu/",
            views.EditionCreateView.as_view(),
            name="publications_edition_new",
        ),
        path(
            "an-pham/dot-in/moi/",
            views.PrintRunCreateView.as_view(),
            name="publications_print_run_new",
        ),
        *(
            path(
                f"an-pham/an-pham/<str:pk>/bao-cao-phat-hanh.{fmt}",
                views.download_distribution_report,
                {"fmt": fmt},
                name=f"publications_report_{fmt}",
            )
            for fmt in views.REPORT_FORMATS
        ),
        *(
            path(
                f"an-pham/phieu-giao/<str:pk>/bien-ban.{fmt}",
                views.download_delivery_note,
                {"fmt": fmt},
                name=f"publications_delivery_note_{fmt}",
            )
            for fmt in views.DELIVERY_NOTE_FORMATS
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_awaiting_menu_item():
    return PermissionMenuItem(
        _("Ấn phẩm chờ xác nhận"),
        reverse("publications_awaiting"),
        perm="publications.view_movement",
        icon_name="mail",
        order=331,
    )


@hooks.register("register_admin_menu_item")
def register_balance_menu_item():
    return PermissionMenuItem(
        _("Tồn kho ấn phẩm"),
        reverse("publications_balances"),
        perm="publications.view_movement",
        icon_name="list-ul",
        order=332,
    )


@register_todos
def publications_todos(*, user) -> list[Todo]:
    """Deliveries the user's organisation has to confirm receiving; overdue ones first."""
    waiting, overdue = selectors.receipts_to_confirm(
        user=user, today=timezone.localdate(), overdue_after=OVERDUE_WORKING_DAYS
    )
    url = reverse("publications_awaiting")
    return [
        Todo(
            label=_("phiếu giao ấn phẩm quá hạn chưa xác nhận đã nhận"),
            count=overdue,
            url=url,
            urgent=True,
        ),
        Todo(label=_("phiếu giao ấn phẩm chờ xác nhận đã nhận"), count=waiting - overdue, url=url),
    ]
