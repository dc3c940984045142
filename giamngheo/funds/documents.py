"""The public statement of a fund (*báo cáo công khai thu, chi*) as an official report in the
layout of Nghị định 30/2020 (through the core kit), DOCX and PDF.

The figures are those of the public statement page, from the same selectors: opening balance,
receipts, disbursements, closing balance, and the reconciliation with the imported bank
statements (the difference when there is one). Then every receipt (the donor's public name or
"anonymous") and every disbursement (purpose, commune; a recipient's name only when the board
approved publishing it), as on the page. A very long period lists its first ``DETAIL_LIMIT``
lines of each kind and sends the reader to the CSV/XLSX statement for the rest, so a fund with a
hundred thousand entries still gives a document a person can read (and a server can build).

The record of this kind is a fund and a period: ``StatementPeriod``. Its id for the registry and
``manage.py render_document fund_statement``: ``<fund id>`` (the current year),
``<fund id>:<year>`` or ``<fund id>:<yyyy-mm-dd>:<yyyy-mm-dd>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone, translation

from giamngheo.core.documents import (
    DocumentKind,
    body,
    closing_paragraphs,
    data_table,
    docx_to_pdf,
    format_date,
    format_dong,
    format_number,
    heading,
    letterhead,
    new_document,
    place_and_date,
    register_kind,
    save,
    signature,
    title_block,
)
from giamngheo.planning.documents.bodies import place_name

from . import selectors
from .models import Fund

DETAIL_LIMIT = 2_000


@dataclass(frozen=True)
class StatementPeriod:
    fund: Fund
    start: date
    end: date

    @property
    def file_name(self) -> str:
        return f"bao-cao-sao-ke-{self.fund.slug}-{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def _names(line) -> str:
    name = selectors.line_name(line)
    if line["amount"] > 0:
        return name
    return f"{line['description']} — {name}" if name else line["description"]


def _lines(period: StatementPeriod, *, receipts: bool) -> tuple[list[dict], int]:
    lines = selectors.public_lines(fund=period.fund, start=period.start, end=period.end)
    lines = lines.filter(amount__gt=0) if receipts else lines.filter(amount__lt=0)
    return list(lines[:DETAIL_LIMIT]), lines.count()


def build_statement_docx(period: StatementPeriod) -> bytes:
    # An official document is issued in Vietnamese whatever the reader's interface language.
    with translation.override("vi"):
        return _build_statement_docx(period)


def _build_statement_docx(period: StatementPeriod) -> bytes:
    fund = period.fund
    organisation = fund.organisation
    summary = selectors.public_statement(fund=fund, start=period.start, end=period.end)
    document = new_document()
    today = timezone.localdate()
    letterhead(
        document,
        body_name=organisation.name,
        number_and_symbol="      /BC-MTTQ",
        place_date=place_and_date(place_name(organisation.unit), today, today.year),
    )
    title_block(
        document,
        kind="BÁO CÁO",
        summary=(
            f"Công khai thu, chi {fund.name} từ ngày {format_date(period.start)} "
            f"đến ngày {format_date(period.end)}"
        ),
    )
    body(
        document,
        f"Thực hiện nguyên tắc công khai, minh bạch trong vận động, tiếp nhận và sử dụng "
        f"{fund.name}, {organisation.name} báo cáo công khai tình hình thu, chi của Quỹ "
        f"từ ngày {format_date(period.start)} đến ngày {format_date(period.end)} như sau:",
    )
    body(
        document,
        f"Tài khoản của Quỹ: số {fund.account_number}, tên tài khoản {fund.account_name}, "
        f"tại {fund.bank_name}.",
    )
    heading(document, "I. TỔNG HỢP THU, CHI")
    data_table(
        document,
        headers=["TT", "Nội dung", "Số tiền (đồng)"],
        rows=[
            ["1", f"Số dư đầu kỳ (ngày {format_date(period.start)})", summary.opening],
            ["2", "Tổng thu trong kỳ", summary.receipts],
            ["3", "Tổng chi trong kỳ", summary.payments],
            ["4", f"Số dư cuối kỳ (ngày {format_date(period.end)})", summary.closing],
        ],
        widths_mm=(12, 108, 45),
    )
    heading(document, "II. ĐỐI CHIẾU VỚI SAO KÊ NGÂN HÀNG")
    data_table(
        document,
        headers=["TT", "Nội dung", "Số tiền (đồng)"],
        rows=[
            ["1", "Tổng ghi có trên sao kê ngân hàng trong kỳ", summary.bank_credits],
            ["2", "Số thu qua tài khoản ghi trong sổ quỹ", summary.ledger_transfers_in],
            ["3", "Chênh lệch (2 - 1)", summary.credit_difference],
        ],
        widths_mm=(12, 108, 45),
    )
    if summary.reconciles:
        body(
            document,
            f"Tổng tiền ghi có trên sao kê ngân hàng trong kỳ "
            f"({format_dong(summary.bank_credits)}) khớp với số thu qua tài khoản của Quỹ.",
        )
    else:
        body(
            document,
            f"Sao kê ngân hàng ghi có {format_dong(summary.bank_credits)}; sổ quỹ ghi thu qua "
            f"tài khoản {format_dong(summary.ledger_transfers_in)}; chênh lệch "
            f"{format_dong(summary.credit_difference)}. Quỹ làm rõ và điều chỉnh khoản chênh "
            f"lệch bằng bút toán điều chỉnh.",
        )
    if not summary.statements_cover:
        body(document, "Sao kê ngân hàng đã nhập chưa phủ hết kỳ báo cáo.")

    receipts, receipt_count = _lines(period, receipts=True)
    heading(document, "III. CHI TIẾT CÁC KHOẢN THU")
    _detail(
        document,
        headers=["TT", "Ngày", "Người, đơn vị ủng hộ", "Số tiền (đồng)"],
        rows=[
            [str(i), format_date(line["entry_date"]), _names(line), line["amount"]]
            for i, line in enumerate(receipts, start=1)
        ],
        widths_mm=(12, 28, 85, 40),
        total=["", "", "Cộng", summary.receipts],
        count=receipt_count,
        none="Không có khoản thu nào trong kỳ.",
        period=period,
    )
    payments, payment_count = _lines(period, receipts=False)
    heading(document, "IV. CHI TIẾT CÁC KHOẢN CHI")
    _detail(
        document,
        headers=["TT", "Ngày", "Nội dung chi", "Xã", "Số tiền (đồng)"],
        rows=[
            [
                str(i),
                format_date(line["entry_date"]),
                _names(line),
                line["commune_name"] or "",
                -line["amount"],
            ]
            for i, line in enumerate(payments, start=1)
        ],
        widths_mm=(12, 26, 65, 27, 35),
        total=["", "", "Cộng", "", summary.payments],
        count=payment_count,
        none="Không có khoản chi nào trong kỳ.",
        period=period,
    )
    closing_paragraphs(
        document,
        [
            "Thông tin của hộ gia đình được hỗ trợ chỉ công khai khi hộ đã đồng ý và Ban điều "
            "hành Quỹ cho phép (Nghị định 13/2023/NĐ-CP). Người ủng hộ tra cứu khoản ủng hộ của "
            "mình bằng mã ủng hộ trên Cổng thông tin.",
            f"Trên đây là báo cáo công khai thu, chi {fund.name} từ ngày "
            f"{format_date(period.start)} đến ngày {format_date(period.end)}./.",
        ],
    )
    signature(
        document,
        recipients=[
            "- Ban Thường trực Ủy ban MTTQ cấp trên;",
            "- Ban vận động, Ban điều hành Quỹ;",
            "- Cổng thông tin điện tử về giảm nghèo;",
            "- Lưu: VT, Quỹ.",
        ],
        authority="TM. BAN THƯỜNG TRỰC",
        title="CHỦ TỊCH",
        name="",
    )
    return save(
        document,
        title=f"Báo cáo công khai thu, chi {fund.name}",
        author=organisation.name,
    )


def _detail(document, *, headers, rows, widths_mm, total, count, none, period) -> None:
    if not rows:
        body(document, none)
        return
    data_table(
        document,
        headers=headers,
        rows=rows,
        widths_mm=widths_mm,
        total=total,
        right=(len(headers) - 1,),
    )
    if count > len(rows):
        url = reverse("funds:statement-download", args=[period.fund.slug, "xlsx"])
        body(
            document,
            f"Bảng trên ghi {format_number(len(rows))} trong {format_number(count)} khoản; toàn "
            f"bộ các khoản có trong bản sao kê công khai (tệp CSV, XLSX) tại {url}"
            f"?tu={period.start:%d/%m/%Y}&den={period.end:%d/%m/%Y}.",
        )


def build_statement_pdf(period: StatementPeriod) -> bytes:
    return docx_to_pdf(build_statement_docx(period))


def load_period(raw: str) -> StatementPeriod | None:
    """``<fund id>``, ``<fund id>:<year>`` or ``<fund id>:<yyyy-mm-dd>:<yyyy-mm-dd>``."""
    parts = (raw or "").strip().split(":")
    if not (parts[0].isdigit() and len(parts[0]) < 19) or len(parts) > 3:
        return None
    fund = selectors.public_funds().filter(pk=int(parts[0])).first()
    if fund is None:
        return None
    try:
        if len(parts) == 1:
            year = timezone.localdate().year
            start, end = date(year, 1, 1), date(year, 12, 31)
        elif len(parts) == 2:
            year = int(parts[1])
            start, end = date(year, 1, 1), date(year, 12, 31)
        else:
            start, end = date.fromisoformat(parts[1]), date.fromisoformat(parts[2])
    except ValueError:
        return None
    if end < start:
        return None
    return StatementPeriod(fund=fund, start=start, end=end)


def _records():
    year = timezone.localdate().year
    return ((f"{f.pk}:{year}", f"{f.name} — năm {year}") for f in selectors.public_funds()[:200])


FUND_STATEMENT = register_kind(
    DocumentKind(
        code="fund_statement",
        label="Báo cáo công khai thu, chi Quỹ Vì người nghèo",
        records=_records,
        load=load_period,
        renderers={"docx": build_statement_docx, "pdf": build_statement_pdf},
        id_help="mã quỹ, mã quỹ:năm hoặc mã quỹ:yyyy-mm-dd:yyyy-mm-dd",
    )
)
