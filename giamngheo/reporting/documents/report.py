"""A unit's report (*báo cáo của đơn vị*): one ``Submission``, issued by the reporting body to the
lead department, and its XLSX annex."""

from __future__ import annotations

from giamngheo.core.documents import (
    body,
    closing_paragraphs,
    data_table,
    docx_to_pdf,
    format_date,
    heading,
    letterhead,
    new_document,
    new_workbook,
    place_and_date,
    save,
    signature,
    title_block,
    workbook_bytes,
    xlsx_sheet,
)
from giamngheo.planning.documents import (
    parent_line,
    place_name,
    plan_reference,
    signer_for,
)

from .. import selectors
from ..models import Submission
from .common import (
    _blank_number,
    _sentence_case,
    cell_number,
    number_text,
    report_summary,
    short_label,
)

# --- the unit's report -----------------------------------------------------------------------


def report_document(submission: Submission) -> tuple[Submission, list]:
    submission = (
        Submission.objects.select_related(
            "dataset",
            "dataset__plan",
            "dataset__lead_organisation",
            "period",
            "organisation",
            "organisation__unit",
        )
        .filter(pk=submission.pk)
        .get()
    )
    submission.period.dataset = submission.dataset
    return submission, selectors.submission_form(submission=submission)


def _form_table_rows(rows) -> list[list]:
    table = []
    number = 0
    for row in rows:
        if row.first_of_indicator:
            number += 1
        indicator = row.indicator
        if indicator.is_text:
            shown = row.display_value
        else:
            shown = row.value.value if row.value is not None else None
            shown = "" if shown is None else number_text(shown)
        table.append(
            [
                str(number) if row.first_of_indicator else "",
                indicator.name if row.first_of_indicator else "",
                f"{row.category}. {short_label(row.category_label)}" if row.category else "",
                indicator.unit_label,
                shown,
            ]
        )
    return table


def build_report_docx(submission: Submission) -> bytes:
    submission, rows = report_document(submission)
    dataset, period, organisation = submission.dataset, submission.period, submission.organisation
    plan, lead = dataset.plan, dataset.lead_organisation
    document = new_document()
    issued = submission.submitted_at.date() if submission.submitted_at else None
    letterhead(
        document,
        parent_name=parent_line(organisation, plan) if plan else "",
        body_name=organisation.name,
        number_and_symbol=_blank_number("BC", organisation),
        place_date=place_and_date(place_name(organisation.unit), issued, period.end.year),
    )
    title_block(document, kind="BÁO CÁO", summary=report_summary(dataset, period))
    basis = f"Thực hiện {plan_reference(plan)} về {_sentence_case(plan.title)}; " if plan else ""
    body(
        document,
        f"{basis}{organisation.name} báo cáo kết quả thực hiện {period.name.lower()} "
        f"(từ {format_date(period.start)} đến {format_date(period.end)}) như sau:",
    )
    heading(document, "I. KẾT QUẢ THỰC HIỆN")
    data_table(
        document,
        headers=["TT", "Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Số liệu"],
        rows=_form_table_rows(rows),
        widths_mm=(10, 62, 45, 20, 28),
        right=(4,),
    )
    corrected = [r for r in rows if r.value is not None and r.value.is_corrected]
    if corrected:
        body(document, "Số liệu điều chỉnh so với số liệu lấy từ hoạt động:")
        for r in corrected:
            label = f"{r.indicator.name} ({r.category})" if r.category else r.indicator.name
            body(
                document,
                f"- {label}: {number_text(r.value.prefilled)} → {number_text(r.value.value)}; "
                f"lý do: {r.value.correction_reason}",
            )
    heading(document, "II. THUYẾT MINH, ĐÁNH GIÁ")
    for line in submission.note.splitlines() or ["Không có thuyết minh kèm theo."]:
        body(document, line)
    lead_name = lead.name if lead else "cơ quan thường trực"
    closing_paragraphs(
        document,
        [f"Trên đây là báo cáo của {organisation.name}, gửi {lead_name} tổng hợp, báo cáo."],
    )
    authority, title = signer_for(organisation)
    signature(
        document,
        recipients=[f"- {lead_name} (t/h);", "- Lưu: VT."],
        authority=authority,
        title=title,
        name="",
    )
    return save(document, title=f"Báo cáo: {submission.title}", author=organisation.name)


def build_report_pdf(submission: Submission) -> bytes:
    return docx_to_pdf(build_report_docx(submission))


def build_report_xlsx(submission: Submission) -> bytes:
    submission, rows = report_document(submission)
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Số liệu",
        headers=[
            "Mã chỉ tiêu",
            "Chỉ tiêu",
            "Phân tổ",
            "Đơn vị tính",
            "Số liệu",
            "Nội dung",
            "Số liệu lấy từ hoạt động",
            "Lý do điều chỉnh",
        ],
        rows=(
            [
                r.indicator.code,
                r.indicator.name,
                f"{r.category}. {short_label(r.category_label)}" if r.category else "",
                r.indicator.unit_label,
                cell_number(r.value.value) if r.value is not None else None,
                r.value.text if r.value is not None else "",
                cell_number(r.value.prefilled) if r.value is not None else None,
                r.value.correction_reason if r.value is not None else "",
            ]
            for r in rows
        ),
        widths=(16, 50, 40, 12, 16, 40, 16, 40),
    )
    return workbook_bytes(
        workbook, title=f"Phụ lục: {submission.title}", author=submission.organisation.name
    )
