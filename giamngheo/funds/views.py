"""The fund's public pages: a campaign with the fund's VietQR code, the pledge, a donor's own
gift by its reference code, and each fund's public statement (page, CSV, XLSX).

Every GET here is an ordinary page for the anonymous page cache (no cookie, no per-visitor
token), purged whenever a row it shows changes (``FundsConfig.ready``). The pledge form alone
carries a CSRF token, so it is never cached; it is rate-limited per client and has a honeypot.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from giamngheo.core.admin import add_service_errors
from giamngheo.core.antiabuse import client_address, rate_limited
from giamngheo.core.documents import document_response
from giamngheo.core.exports import table_response

from . import selectors, services, vietqr
from .documents import StatementPeriod
from .enums import EntryKind
from .forms import LookupForm, PeriodForm, PledgeForm


def _svg(payload: str) -> HttpResponse:
    response = HttpResponse(vietqr.svg(payload), content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def campaign_payload(campaign) -> str:
    fund = campaign.fund
    return vietqr.encode(
        bank_bin=fund.bank_bin, account=fund.account_number, purpose=f"Ung ho {campaign.name}"
    )


def donation_payload(donation) -> str:
    fund = donation.campaign.fund
    return vietqr.encode(
        bank_bin=fund.bank_bin,
        account=fund.account_number,
        amount=donation.amount,
        purpose=f"{donation.reference} Ung ho Quy Vi nguoi ngheo",
    )


@require_safe
def index(request):
    funds = selectors.public_funds().prefetch_related("campaigns")
    return render(request, "funds/index.html", {"funds": funds, "lookup": LookupForm()})


@require_safe
def campaign(request, slug):
    found = selectors.get_public_campaign(slug=slug)
    percent = min(100, found.received * 100 // found.target_amount) if found.target_amount else None
    return render(
        request,
        "funds/campaign.html",
        {"campaign": found, "fund": found.fund, "percent": percent},
    )


@require_safe
def campaign_qr(request, slug):
    return _svg(campaign_payload(selectors.get_public_campaign(slug=slug)))


def _rate_limited(request) -> bool:
    key = f"funds:pledge:{client_address(request)}"
    return rate_limited(key, limit=settings.FEEDBACK_RATE_LIMIT)


@require_http_methods(["GET", "HEAD", "POST"])
def pledge(request, slug):
    found = selectors.get_public_campaign(slug=slug)
    form = PledgeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "funds/limited.html", {"campaign": found}, status=429)
        if form.is_valid() and not form.cleaned_data["website"]:
            try:
                donation = services.pledge_donation(
                    campaign=found,
                    donor_kind=form.cleaned_data["donor_kind"],
                    donor_name=form.cleaned_data["donor_name"],
                    amount=form.cleaned_data["amount"],
                    is_anonymous=form.cleaned_data["is_anonymous"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("funds:donation", reference=donation.reference)
        elif form.is_valid():
            form.add_error(None, _("Không gửi được. Vui lòng tải lại trang và thử lại."))
        status = 400
    return render(request, "funds/pledge.html", {"campaign": found, "form": form}, status=status)


@require_safe
def donation(request, reference):
    found = selectors.get_donation_by_reference(reference=reference)
    return render(
        request,
        "funds/donation.html",
        {
            "donation": found,
            "campaign": found.campaign,
            "fund": found.campaign.fund,
            "received": selectors.received_for(donation=found),
        },
    )


@require_safe
def donation_qr(request, reference):
    return _svg(donation_payload(selectors.get_donation_by_reference(reference=reference)))


@require_safe
def lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        try:
            found = selectors.get_donation_by_reference(reference=form.cleaned_data["ma"])
        except Http404:
            form.add_error("ma", _("Không tìm thấy khoản ủng hộ có mã này."))
        else:
            return redirect("funds:donation", reference=found.reference)
    status = 404 if form.is_bound else 200
    return render(request, "funds/lookup.html", {"form": form}, status=status)


def _period(request, fund) -> tuple[date, date]:
    form = PeriodForm(request.GET)
    year = selectors.default_statement_year(fund=fund)
    start, end = date(year, 1, 1), date(year, 12, 31)
    if form.is_valid():
        start = form.cleaned_data["tu"] or start
        end = form.cleaned_data["den"] or max(end, start)
    else:
        raise Http404
    if end < start:
        raise Http404
    return start, end


def _kind_labels() -> dict[str, str]:
    return {value: str(label) for value, label in EntryKind.choices}


@require_safe
def statement(request, slug):
    fund = selectors.get_public_fund(slug=slug)
    start, end = _period(request, fund)
    summary = selectors.public_statement(fund=fund, start=start, end=end)
    # The summary's day totals count the period's entries and place each page: no COUNT, no
    # OFFSET over the period.
    paginator = Paginator(selectors.StatementLines(summary), selectors.PUBLIC_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    labels = _kind_labels()
    lines = [
        {
            **line,
            "name": selectors.line_name(line),
            "kind_label": labels.get(line["kind"], ""),
            "outflow": -line["amount"] if line["amount"] < 0 else None,
        }
        for line in selectors.public_lines_by_ids(page.object_list)
    ]
    query = f"tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}"
    return render(
        request,
        "funds/statement.html",
        {
            "fund": fund,
            "summary": summary,
            "pager": page,
            "lines": lines,
            "query": query,
            "start": start,
            "end": end,
        },
    )


STATEMENT_DOCUMENT_FORMATS = ("docx", "pdf")


@require_safe
def statement_download(request, slug, fmt):
    if fmt not in ("csv", "xlsx", *STATEMENT_DOCUMENT_FORMATS):
        raise Http404
    fund = selectors.get_public_fund(slug=slug)
    start, end = _period(request, fund)
    if fmt in STATEMENT_DOCUMENT_FORMATS:
        return statement_document(request, fund=fund, start=start, end=end, fmt=fmt)
    summary = selectors.public_statement(fund=fund, start=start, end=end)
    labels = _kind_labels()
    rows = [
        [
            _("Ngày"),
            _("Loại"),
            _("Người ủng hộ / người nhận"),
            _("Nội dung"),
            _("Xã"),
            _("Thu (đồng)"),
            _("Chi (đồng)"),
            _("Số dư (đồng)"),
        ],
        [f"{start:%d/%m/%Y}", _("Số dư đầu kỳ"), "", "", "", "", "", summary.opening],
    ]
    balance = summary.opening
    for line in selectors.public_lines(fund=fund, start=start, end=end).iterator(chunk_size=2000):
        balance += line["amount"]
        rows.append(
            [
                f"{line['entry_date']:%d/%m/%Y}",
                labels.get(line["kind"], ""),
                selectors.line_name(line),
                line["description"] if line["amount"] < 0 else "",
                line["commune_name"] or "",
                line["amount"] if line["amount"] > 0 else "",
                -line["amount"] if line["amount"] < 0 else "",
                balance,
            ]
        )
    rows.append(
        [
            f"{end:%d/%m/%Y}",
            _("Số dư cuối kỳ"),
            "",
            "",
            "",
            summary.receipts,
            summary.payments,
            summary.closing,
        ]
    )
    return table_response(
        rows,
        fmt=fmt,
        filename=f"sao-ke-{fund.slug}-{start:%Y%m%d}-{end:%Y%m%d}",
        sheet_title=_("Sao kê"),
    )


def statement_document(request, *, fund, start: date, end: date, fmt: str):
    """The public statement as the Front's signed-looking report (NĐ 30), DOCX or PDF: the
    figures of the page, from the same selectors. Shared by the public page and the admin."""
    period = StatementPeriod(fund=fund, start=start, end=end)
    return document_response(
        request, kind="fund_statement", fmt=fmt, record=period, name=period.file_name
    )
