"""Admin registration of the fund (Vietnamese screens): lists of disbursements, gifts, bank
transactions and the ledger, each scoped to the funds the user keeps or governs; money moves
only through the one-action views of ``admin/views.py``, never through a generic edit form."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from giamngheo.core.admin import PermissionMenuItem, register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors
from .admin import views
from .models import BankTransaction, Campaign, Disbursement, Donation, LedgerEntry

register_rules_policies(
    Disbursement,
    Donation,
    BankTransaction,
    LedgerEntry,
    Campaign,
    forbid={"add", "change", "delete"},
)


class _ReadOnly(ScopedModelViewSet):
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    # No generic form ever saves these rows (the policy forbids add and change); Wagtail still
    # asks for a form definition.
    exclude_form_fields: list[str] = []


class DisbursementViewSet(_ReadOnly):
    model = Disbursement
    icon = "doc-full"
    menu_label = _("Khoản chi")
    name = "funds_disbursement"
    url_prefix = "quy/khoan-chi"
    list_display = ["purpose", "fund", "amount", "status", "proposed_at"]
    list_filter = ["status", "fund"]
    inspect_view_fields = [
        "fund",
        "campaign",
        "recipient_kind",
        "purpose",
        "commune",
        "amount",
        "status",
        "proposed_at",
        "decided_at",
        "paid_on",
        "method",
        "evidence_note",
    ]
    scoped_get = staticmethod(selectors.get_disbursement_for_user)
    scoped_list = staticmethod(selectors.disbursements_for_user)


class DonationViewSet(_ReadOnly):
    model = Donation
    icon = "pick"
    menu_label = _("Khoản ủng hộ")
    name = "funds_donation"
    url_prefix = "quy/ung-ho"
    list_display = ["reference", "donor_name", "amount", "channel", "campaign", "pledged_at"]
    list_filter = ["channel", "campaign"]
    search_fields = ["reference", "donor_name"]
    scoped_get = staticmethod(
        lambda *, user, pk: selectors.get_scoped(selectors.donations_for_user(user=user), pk)
    )
    scoped_list = staticmethod(selectors.donations_for_user)


class BankTransactionViewSet(_ReadOnly):
    model = BankTransaction
    icon = "list-ul"
    menu_label = _("Giao dịch ngân hàng")
    name = "funds_banktransaction"
    url_prefix = "quy/giao-dich"
    list_display = ["booked_on", "bank_reference", "credit", "debit", "description", "donation"]
    list_filter = ["fund"]
    search_fields = ["bank_reference", "description"]
    scoped_get = staticmethod(selectors.get_transaction_for_user)
    scoped_list = staticmethod(selectors.transactions_for_user)


class LedgerEntryViewSet(_ReadOnly):
    model = LedgerEntry
    icon = "table"
    menu_label = _("Sổ quỹ")
    name = "funds_ledgerentry"
    url_prefix = "quy/so-quy"
    list_display = ["fund", "seq", "entry_date", "kind", "amount", "balance_after", "description"]
    list_filter = ["fund", "kind"]
    scoped_get = staticmethod(selectors.get_entry_for_user)
    scoped_list = staticmethod(selectors.entries_for_user)


class FundsGroup(ModelViewSetGroup):
    menu_label = _("Quỹ Vì người nghèo")
    menu_icon = "pick"
    menu_order = 260
    items = (DisbursementViewSet, DonationViewSet, BankTransactionViewSet, LedgerEntryViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return FundsGroup()


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("quy/nhap-sao-ke/", views.ImportStatementView.as_view(), name="funds_import"),
        path("quy/thu-tien-mat/", views.CashReceiptView.as_view(), name="funds_cash"),
        path("quy/de-xuat-chi/", views.ProposeDisbursementView.as_view(), name="funds_propose"),
        path(
            "quy/khoan-chi/<int:pk>/phe-duyet/",
            views.ApproveDisbursementView.as_view(),
            name="funds_approve",
        ),
        path(
            "quy/khoan-chi/<int:pk>/khong-phe-duyet/",
            views.RefuseDisbursementView.as_view(),
            name="funds_refuse",
        ),
        path("quy/khoan-chi/<int:pk>/chi/", views.PayDisbursementView.as_view(), name="funds_pay"),
        path("quy/bao-cao-cong-khai/", views.statement_reports, name="funds_statements"),
        path(
            "quy/bao-cao-cong-khai/<int:pk>/<str:fmt>/",
            views.statement_report_download,
            name="funds_statement_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_actions_menu():
    return PermissionMenuItem(
        _("Quỹ: nhập sao kê"),
        reverse("funds_import"),
        perm="funds.add_disbursement",  # any fund role (cached)
        icon_name="upload",
        order=261,
    )


@hooks.register("register_admin_menu_item")
def register_statements_menu():
    return PermissionMenuItem(
        _("Quỹ: báo cáo công khai"),
        reverse("funds_statements"),
        perm="funds.view_disbursement",  # any fund role or the province
        icon_name="doc-full",
        order=262,
    )


@register_todos
def funds_todos(*, user) -> list[Todo]:
    """Disbursements waiting for the board's decision, approved ones waiting to be paid."""
    counts = selectors.todo_counts(user=user)
    index = reverse("funds_disbursement:index")
    return [
        Todo(
            label=_("khoản chi của Quỹ chờ Ban điều hành phê duyệt"),
            count=counts["to_decide"],
            url=f"{index}?status=proposed",
        ),
        Todo(
            label=_("khoản chi đã phê duyệt, chờ thủ quỹ chi"),
            count=counts["to_pay"],
            url=f"{index}?status=approved",
        ),
    ]
