"""The treasurer's and the board's screens: one view per action, each fetching its object
through the scoped selector and calling one service (core.admin's kit)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.admin import ObjectFormView
from giamngheo.core.numbers import format_number
from giamngheo.core.uploads import validate_upload
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from .. import selectors, services
from .. import views as public_views
from ..forms import (
    CashReceiptForm,
    DecisionForm,
    DisbursementForm,
    PaymentForm,
    PeriodForm,
    StatementImportForm,
)
from ..models import Fund

TEMPLATE = "funds/admin/form.html"


def _treasurer_funds(user):
    return selectors.funds_for_user(user=user).filter(
        pk__in=selectors.fund_roles(user=user).filter(role="treasurer").values("fund_id")
    )


class FundsFormView(ObjectFormView):
    template_name = TEMPLATE
    header_icon = "form"
    refusals = (ValidationError, PermissionDenied)
    submit_label = _("Ghi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.submit_label
        return context

    def get_success_url(self):
        return reverse("funds_disbursement:index")


class ImportStatementView(FundsFormView):
    page_title = _("Nhập sao kê ngân hàng")
    submit_label = _("Nhập sao kê")

    def get_form(self):
        return StatementImportForm(
            **self.get_form_kwargs(), funds=_treasurer_funds(self.request.user)
        )

    def perform(self, form):
        upload = form.cleaned_data["file"]
        # Statements are small text or Office files; 200.000 rows of CSV stay under 40 MB.
        content = upload.read(40 * 1024 * 1024 + 1)
        if len(content) > 40 * 1024 * 1024:
            raise ValidationError({"file": _("Tệp quá lớn.")})
        if content[:4] == b"PK\x03\x04":
            # An Office file is checked inside (macros, zip bombs) before openpyxl opens it.
            upload.seek(0)
            clean = validate_upload(upload, allowed={"xlsx"}, max_bytes=40 * 1024 * 1024)
            content = clean.content.read()
        return services.import_statement(
            fund=form.cleaned_data["fund"],
            content=content,
            file_name=upload.name,
            actor=self.request.user,
        )

    def get_success_message(self):
        s = self.result
        counts = {"read": s.rows_read, "added": s.rows_added, "matched": s.rows_matched}
        return _(
            "Đã nhập sao kê: %(read)s giao dịch trong tệp, %(added)s giao dịch mới, %(matched)s"
            " khớp mã ủng hộ."
        ) % {key: format_number(value) for key, value in counts.items()}

    def get_success_url(self):
        return reverse("funds_banktransaction:index")


class CashReceiptView(FundsFormView):
    page_title = _("Ghi thu tiền mặt")

    def get_form(self):
        campaigns = selectors.campaigns_for_user(user=self.request.user).filter(
            fund__in=_treasurer_funds(self.request.user)
        )
        return CashReceiptForm(**self.get_form_kwargs(), campaigns=campaigns)

    def perform(self, form):
        data = form.cleaned_data
        return services.record_cash_donation(
            campaign=data["campaign"],
            donor_kind=data["donor_kind"],
            donor_name=data["donor_name"],
            is_anonymous=data["is_anonymous"],
            amount=data["amount"],
            receipt_number=data["receipt_number"],
            received_on=data["received_on"],
            actor=self.request.user,
        )

    def get_success_message(self):
        return _("Đã ghi thu, mã ủng hộ %(ref)s.") % {"ref": self.result.reference}

    def get_success_url(self):
        return reverse("funds_donation:index")


class ProposeDisbursementView(FundsFormView):
    page_title = _("Đề xuất khoản chi")
    submit_label = _("Gửi đề xuất")

    def get_form(self):
        user = self.request.user
        return DisbursementForm(
            **self.get_form_kwargs(),
            funds=selectors.funds_for_user(user=user).filter(
                pk__in=selectors.fund_roles(user=user).values("fund_id")
            ),
            campaigns=selectors.campaigns_for_user(user=user),
            communes=AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE),
            all_funds=Fund.objects.all(),
        )

    def perform(self, form):
        data = form.cleaned_data
        return services.propose_disbursement(actor=self.request.user, **data)

    def get_success_message(self):
        return _("Đã gửi đề xuất chi, chờ Ban điều hành phê duyệt.")


class _DisbursementView(FundsFormView):
    scoped_get = staticmethod(selectors.get_disbursement_for_user)
    denied = PermissionDenied


class ApproveDisbursementView(_DisbursementView):
    page_title = _("Phê duyệt khoản chi")
    permission = "funds.approve_disbursement"
    submit_label = _("Phê duyệt")

    def get_form(self):
        return DecisionForm(**self.get_form_kwargs())

    def perform(self, form):
        return services.approve_disbursement(
            disbursement=self.object,
            actor=self.request.user,
            publish_recipient=form.cleaned_data["publish_recipient"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("Đã phê duyệt khoản chi.")


class RefuseDisbursementView(_DisbursementView):
    page_title = _("Không phê duyệt khoản chi")
    permission = "funds.approve_disbursement"
    submit_label = _("Không phê duyệt")

    def get_form(self):
        return DecisionForm(**self.get_form_kwargs())

    def perform(self, form):
        return services.refuse_disbursement(
            disbursement=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self):
        return _("Đã ghi quyết định không phê duyệt.")


class PayDisbursementView(_DisbursementView):
    page_title = _("Ghi chi")
    permission = "funds.pay_disbursement"
    submit_label = _("Ghi chi")

    def get_form(self):
        return PaymentForm(**self.get_form_kwargs())

    def perform(self, form):
        data = form.cleaned_data
        evidence = None
        if data.get("evidence"):
            evidence = validate_upload(data["evidence"], allowed={"pdf", "jpg", "png"}).content
        return services.pay_disbursement(
            disbursement=self.object,
            actor=self.request.user,
            paid_on=data["paid_on"],
            method=data["method"],
            evidence=evidence,
            evidence_note=data["evidence_note"],
        )

    def get_success_message(self):
        return _("Đã ghi chi.")


# --- the public statement as a report, for the fund's own officers ------------------------------

STATEMENT_FORMATS = ("docx", "pdf", "csv", "xlsx")


def _admin_period(request) -> tuple[date, date, PeriodForm]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["tu"] or start
        end = form.cleaned_data["den"] or max(end, start)
    return start, end, form


def statement_reports(request):
    """The funds the user keeps or governs, each with its public statement for a period as the
    NĐ 30 report (DOCX, PDF) and as tables (CSV, XLSX)."""
    start, end, form = _admin_period(request)
    funds = selectors.funds_for_user(user=request.user).select_related("organisation")
    return TemplateResponse(
        request,
        "funds/admin/statements.html",
        {
            "page_title": _("Báo cáo công khai thu, chi"),
            "header_icon": "doc-full",
            "funds": funds,
            "form": form,
            "start": start,
            "end": end,
            "query": f"tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}",
            "formats": STATEMENT_FORMATS,
        },
    )


def statement_report_download(request, pk: int, fmt: str):
    """One fund's report in the user's reach (404 for any other fund)."""
    fund = selectors.get_fund_for_user(user=request.user, pk=pk)
    start, end, form = _admin_period(request)
    if fmt not in STATEMENT_FORMATS or (form.is_bound and not form.is_valid()):
        raise Http404
    if fmt in public_views.STATEMENT_DOCUMENT_FORMATS:
        return public_views.statement_document(request, fund=fund, start=start, end=end, fmt=fmt)
    return redirect(
        f"{reverse('funds:statement-download', args=[fund.slug, fmt])}"
        f"?tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}"
    )
