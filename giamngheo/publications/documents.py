"""The delivery note (*biên bản giao nhận*) of a dispatch in the layout of Nghị định 30/2020
(through the core kit), as DOCX, PDF and an XLSX annex. Signed on receipt: the note carries
the copies sent, those the recipient confirmed and the reason of any difference."""

from __future__ import annotations

from giamngheo.core.documents import (
    TEXT_WIDTH_MM,
    DocumentKind,
    body,
    cell_text,
    data_table,
    docx_to_pdf,
    fixed_table,
    format_date,
    format_number,
    letterhead,
    new_document,
    new_workbook,
    place_and_date,
    record_loader,
    register_kind,
    save,
    title_block,
    workbook_bytes,
    xlsx_sheet,
)
from giamngheo.planning.documents.bodies import place_name

from .models import Dispatch, Title
from .selectors import DistributionReport, distribution_report_of_province

RELATED = ("print_run__edition__title__kind", "sender__unit", "recipient__unit", "confirmed_by")


def _load(dispatch: Dispatch) -> Dispatch:
    return Dispatch.objects.select_related(*RELATED).get(pk=dispatch.pk)


def _row(dispatch: Dispatch) -> list:
    edition = dispatch.print_run.edition
    received = dispatch.received_quantity
    return [
        "1",
        f"{edition.title.kind.name}: {edition.title.name}",
        edition.get_language_display(),
        dispatch.quantity,
        "" if received is None else received,
        "" if received is None else dispatch.quantity - received,
    ]


def build_delivery_note_docx(dispatch: Dispatch) -> bytes:
    dispatch = _load(dispatch)
    sender, recipient = dispatch.sender, dispatch.recipient
    document = new_document()
    letterhead(
        document,
        body_name=sender.name,
        number_and_symbol=f"{dispatch.pk}/BB-GN",
        place_date=place_and_date(
            place_name(sender.unit), dispatch.dispatched_on, dispatch.dispatched_on.year
        ),
    )
    title_block(document, kind="BIÊN BẢN", summary="Giao nhận ấn phẩm truyền thông về giảm nghèo")
    body(
        document,
        f"Ngày {format_date(dispatch.dispatched_on)}, {sender.name} giao cho {recipient.name} "
        "các ấn phẩm truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững như sau:",
    )
    body(document, f"1. Bên giao: {sender.name}.")
    body(document, f"2. Bên nhận: {recipient.name}.")
    data_table(
        document,
        headers=["TT", "Tên ấn phẩm", "Ngôn ngữ", "Số giao", "Số nhận", "Chênh lệch"],
        rows=[_row(dispatch)],
        widths_mm=(10, 70, 25, 20, 20, 20),
    )
    if dispatch.received_on:
        body(
            document,
            f"Bên nhận xác nhận đã nhận {format_number(dispatch.received_quantity)} bản ngày "
            f"{format_date(dispatch.received_on)}.",
        )
        if dispatch.discrepancy_reason:
            body(document, f"Lý do chênh lệch: {dispatch.discrepancy_reason}")
    else:
        body(document, "Bên nhận kiểm đếm, ghi số lượng thực nhận và ký xác nhận khi nhận.")
    body(document, "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau.")
    half = TEXT_WIDTH_MM / 2
    table = fixed_table(document, rows=1, widths_mm=(half, half))
    for cell, side, name in (
        (table.rows[0].cells[0], "ĐẠI DIỆN BÊN GIAO", ""),
        (
            table.rows[0].cells[1],
            "ĐẠI DIỆN BÊN NHẬN",
            dispatch.confirmed_by.get_full_name() if dispatch.confirmed_by else "",
        ),
    ):
        cell_text(cell, side, bold=True, before=12)
        cell_text(cell, "(Ký, ghi rõ họ tên)", italic=True)
        for _line in range(4):
            cell_text(cell, "")
        cell_text(cell, name, bold=True)
    return save(document, title="Biên bản giao nhận ấn phẩm", author=sender.name)


def build_delivery_note_pdf(dispatch: Dispatch) -> bytes:
    return docx_to_pdf(build_delivery_note_docx(dispatch))


def build_delivery_note_xlsx(dispatch: Dispatch) -> bytes:
    dispatch = _load(dispatch)
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Giao nhận",
        headers=[
            "TT",
            "Tên ấn phẩm",
            "Ngôn ngữ",
            "Số giao",
            "Số nhận",
            "Chênh lệch",
            "Bên giao",
            "Bên nhận",
            "Ngày giao",
            "Ngày nhận",
            "Lý do chênh lệch",
        ],
        rows=[
            [
                *_row(dispatch),
                dispatch.sender.name,
                dispatch.recipient.name,
                format_date(dispatch.dispatched_on),
                format_date(dispatch.received_on) if dispatch.received_on else "",
                dispatch.discrepancy_reason,
            ]
        ],
        widths=(6, 40, 14, 10, 10, 10, 30, 30, 12, 12, 30),
    )
    return workbook_bytes(workbook, title="Biên bản giao nhận ấn phẩm", author=dispatch.sender.name)


def _records():
    rows = Dispatch.objects.select_related("print_run__edition__title", "recipient").order_by("pk")
    return ((str(d.pk), str(d)) for d in rows[:200])


register_kind(
    DocumentKind(
        code="publication_delivery_note",
        label="Biên bản giao nhận ấn phẩm",
        records=_records,
        load=record_loader(Dispatch, RELATED),
        renderers={
            "docx": build_delivery_note_docx,
            "pdf": build_delivery_note_pdf,
            "xlsx": build_delivery_note_xlsx,
        },
        id_help="Số phiếu giao",
    )
)


# --- the distribution report of a title --------------------------------------------------------

REPORT_HEADERS = [
    "TT",
    "Đơn vị",
    "Nhập từ cơ sở in",
    "Đã giao đi",
    "Đã nhận (xác nhận)",
    "Cấp phát",
    "Hư hỏng, thất lạc",
    "Kiểm kê, điều chỉnh",
    "Tồn kho",
    "Đang giao đến",
]


def _report_rows(report: DistributionReport) -> list[list]:
    return [
        [
            str(i),
            row.holder,
            row.printed,
            row.dispatched,
            row.confirmed,
            row.handed_out,
            row.damaged_or_lost,
            row.adjusted,
            row.in_stock,
            row.in_transit_to,
        ]
        for i, row in enumerate(report.rows, start=1)
    ]


def _report_total(report: DistributionReport) -> list:
    t = report.total
    return [
        "",
        "Cộng",
        t.printed,
        t.dispatched,
        t.confirmed,
        t.handed_out,
        t.damaged_or_lost,
        t.adjusted,
        t.in_stock,
        t.in_transit_to,
    ]


def build_distribution_report_docx(report: DistributionReport) -> bytes:
    title = report.title
    publisher = title.publisher
    document = new_document()
    letterhead(
        document,
        body_name=publisher.name,
        number_and_symbol=f"{title.pk}/BC-PH",
        place_date=place_and_date(place_name(publisher.unit), report.on, report.on.year),
    )
    title_block(
        document,
        kind="BÁO CÁO",
        summary=f"Tình hình in, phát hành ấn phẩm “{title.name}”",
    )
    body(
        document,
        f"Loại ấn phẩm: {title.kind.name}. Bản ngôn ngữ: {', '.join(report.editions) or '—'}.",
    )
    if title.licence_number:
        body(
            document,
            f"Giấy phép xuất bản số {title.licence_number} ngày {format_date(title.licence_date)}"
            f"{' của ' + title.licence_issuer if title.licence_issuer else ''}.",
        )
    body(
        document,
        f"Số liệu tính đến hết ngày {format_date(report.on)}, theo sổ theo dõi phát hành: số bản "
        "đã giao đi chỉ vào tồn kho của đơn vị nhận khi đơn vị nhận xác nhận; cột “Đang giao "
        "đến” là số bản đơn vị nhận chưa xác nhận.",
    )
    data_table(
        document,
        headers=REPORT_HEADERS,
        rows=_report_rows(report),
        total=_report_total(report),
        widths_mm=(10, 35, 15, 15, 15, 15, 15, 15, 15, 15),
        size=10,
    )
    body(document, "")
    half = TEXT_WIDTH_MM / 2
    table = fixed_table(document, rows=1, widths_mm=(half, half))
    cell_text(table.rows[0].cells[0], "", before=12)
    cell = table.rows[0].cells[1]
    cell_text(cell, "NGƯỜI LẬP BÁO CÁO", bold=True, before=12)
    cell_text(cell, "(Ký, ghi rõ họ tên)", italic=True)
    return save(document, title=f"Báo cáo phát hành ấn phẩm {title.name}", author=publisher.name)


def build_distribution_report_pdf(report: DistributionReport) -> bytes:
    return docx_to_pdf(build_distribution_report_docx(report))


def build_distribution_report_xlsx(report: DistributionReport) -> bytes:
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Phát hành",
        headers=REPORT_HEADERS,
        rows=_report_rows(report),
        total=_report_total(report),
        widths=(6, 40, 14, 14, 14, 14, 14, 14, 14, 14),
    )
    return workbook_bytes(
        workbook,
        title=f"Báo cáo phát hành ấn phẩm {report.title.name}",
        author=report.title.publisher.name,
    )


def _title_records():
    return ((str(t.pk), t.name) for t in Title.objects.order_by("pk")[:200])


def _load_report(raw: str):
    title = _load_title(raw)
    return distribution_report_of_province(title=title) if title is not None else None


_load_title = record_loader(Title, ("kind", "publisher__unit"))

register_kind(
    DocumentKind(
        code="publication_distribution_report",
        label="Báo cáo phát hành ấn phẩm",
        records=_title_records,
        load=_load_report,
        renderers={
            "docx": build_distribution_report_docx,
            "pdf": build_distribution_report_pdf,
            "xlsx": build_distribution_report_xlsx,
        },
        id_help="Số ấn phẩm",
    )
)
