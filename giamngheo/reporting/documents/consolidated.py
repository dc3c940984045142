"""The consolidated report (*báo cáo tổng hợp*) of the lead department for one period: the
figures it reads once (``Consolidated``) and the document (DOCX, PDF)."""

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
    place_and_date,
    save,
    signature,
    title_block,
)
from giamngheo.planning.documents import (
    place_name,
    plan_reference,
    signer_for,
)

from .. import selectors
from ..enums import Measure, SubmissionStatus
from ..models import Period
from .common import (
    _blank_number,
    _recipient_ministries,
    _sentence_body,
    _sentence_case,
    number_text,
    percent_text,
    report_summary,
    short_label,
)

# --- the consolidated report -----------------------------------------------------------------


class Consolidated:
    """Everything the consolidated report and its annex print, each from one selector call."""

    def __init__(self, period: Period):
        self.period = (
            Period.objects.select_related("dataset", "dataset__plan", "dataset__lead_organisation")
            .filter(pk=period.pk)
            .get()
        )
        self.dataset = self.period.dataset
        self.plan = self.dataset.plan
        self.lead = self.dataset.lead_organisation
        self.completeness = selectors.completeness(dataset=self.dataset, period=self.period)
        # One source for every figure of the document: the approved reports of the period.
        # A report sent but not yet reviewed, a draft, or the activities an officer is still
        # editing never reach an official text (issue 13: section 1 and its table disagreed).
        self.values = selectors.consolidated_values(
            dataset=self.dataset, period=self.period, approved_only=True
        )
        self.results = (
            selectors.results_from_values(dataset=self.dataset, values=self.values)
            if self.plan
            else None
        )
        self.elements = selectors._elements(self.dataset)
        self.categories = selectors.indicator_categories(dataset=self.dataset)
        rows = self.completeness.rows
        self.approved = [r for r in rows if r.status == SubmissionStatus.APPROVED]
        self.pending = [r for r in rows if r.status == SubmissionStatus.SUBMITTED]

    @property
    def title(self) -> str:
        return report_summary(self.dataset, self.period)

    @property
    def lead_name(self) -> str:
        return self.lead.name if self.lead else "Cơ quan thường trực"

    def indicator_rows(self) -> list[tuple]:
        """(indicator, category, label, value) in the order of the form; numeric ones only."""
        rows = []
        for element in self.elements:
            indicator = element.indicator
            if indicator.measure == Measure.TEXT:
                continue
            for code, label in self.categories[indicator.pk]:
                rows.append((indicator, code, label, self.values.get((indicator.code, code))))
        return rows

    def value_columns(self) -> list[tuple[tuple[str, str], str]]:
        """``((indicator code, category), header)`` for every cell of the form, in its order:
        ``Số tin, bài (2.1)``."""
        columns = []
        for element in self.elements:
            indicator = element.indicator
            for code, _label in self.categories[indicator.pk]:
                header = f"{indicator.name} ({code})" if code else indicator.name
                columns.append(((indicator.code, code), header))
        return columns

    def source_sentence(self) -> str:
        """Where every figure of the document comes from, as the document itself says it."""
        sentence = (
            f"Số liệu tổng hợp từ các báo cáo đã được duyệt của kỳ {self.period.name.lower()}: "
            f"{len(self.approved)}/{self.completeness.expected} cơ quan, đơn vị"
        )
        if self.pending:
            sentence += f"; {len(self.pending)} báo cáo đã gửi, chưa được duyệt, chưa được tổng hợp"
        return sentence + "."

    def completeness_sentence(self) -> str:
        c = self.completeness
        return (
            f"{c.submitted}/{c.expected} đơn vị báo cáo, {c.on_time} đúng hạn"
            f"{f', {c.late} muộn' if c.late else ''}"
            f" (tỷ lệ báo cáo {percent_text(c.rate)}, đúng hạn {percent_text(c.timely_rate)})."
        )


def _outputs_text(entry: dict, measures: list[tuple[str, str]]) -> str:
    parts = [
        f"{label.lower()}: {number_text(entry['outputs'][code])}"
        for code, label in measures
        if entry["outputs"].get(code)
    ]
    return "; ".join(parts)


def _dong(value) -> str:
    return f"{number_text(value)} đồng"


def _totals_text(totals: dict) -> str:
    """``Các cơ quan, đơn vị đã thực hiện 5 hoạt động truyền thông, kinh phí đã chi …``: the
    parts the approved reports state."""
    parts = []
    if totals["activity_count"] is not None:
        parts.append(f"đã thực hiện {number_text(totals['activity_count'])} hoạt động truyền thông")
    if totals["spent"] is not None:
        # After the activities "kinh phí đã chi …"; alone, a sentence with its own verb.
        money = "kinh phí đã chi" if parts else "đã chi kinh phí"
        money = f"{money} {_dong(totals['spent'])}"
        if totals["planned"] is not None:
            money += f"/{_dong(totals['planned'])} dự kiến ({percent_text(totals['spent_rate'])})"
        parts.append(money)
    if not parts:
        return ""
    return f"Các cơ quan, đơn vị {', '.join(parts)}."


def _form_text(entry: dict, measures: list[tuple[str, str]]) -> str:
    parts = []
    if entry["activity_count"] is not None:
        parts.append(f"{number_text(entry['activity_count'])} hoạt động")
    outputs = _outputs_text(entry, measures)
    if outputs:
        parts.append(outputs)
    if entry["spent"] is not None:
        parts.append(f"kinh phí đã chi {_dong(entry['spent'])}")
    return (
        f"{entry['code']}. {short_label(entry['label'])}: {'; '.join(parts) or 'chưa có số liệu'}."
    )


def _lead_place(data: Consolidated) -> str:
    if data.plan is not None and data.plan.place:
        return data.plan.place
    return place_name(data.lead.unit) if data.lead else ""


def build_consolidated_docx(period: Period, *, data: Consolidated | None = None) -> bytes:
    data = data or Consolidated(period)
    plan, lead, c = data.plan, data.lead, data.completeness
    document = new_document()
    letterhead(
        document,
        parent_name=plan.issuing_body_name if plan else "",
        body_name=data.lead_name,
        number_and_symbol=_blank_number("BC", lead) if lead else "       /BC",
        place_date=place_and_date(_lead_place(data), None, data.period.end.year),
    )
    title_block(document, kind="BÁO CÁO", summary=data.title)
    authority = _sentence_body(plan.issuing_body_name) if plan else "Ủy ban nhân dân tỉnh"
    basis = f"Thực hiện {plan_reference(plan)} về {_sentence_case(plan.title)}; " if plan else ""
    body(
        document,
        f"{basis}trên cơ sở báo cáo của các cơ quan, đơn vị, {data.lead_name} tổng hợp, báo "
        f"cáo {authority} kết quả thực hiện {data.period.name.lower()} "
        f"(từ {format_date(data.period.start)} đến {format_date(data.period.end)}) như sau:",
    )

    body(document, data.source_sentence())

    heading(document, "I. KẾT QUẢ THỰC HIỆN")
    results = data.results
    section = 1
    if results is not None:
        totals = results["totals"]
        heading(document, f"{section}. Kết quả theo hình thức truyền thông", before=0)
        summary = _totals_text(totals)
        if summary:
            body(document, summary)
        for entry in results["forms"]:
            body(document, _form_text(entry, results["measures"]))
        section += 1
        if totals["planned"] is not None or totals["spent"] is not None:
            heading(document, f"{section}. Kinh phí thực hiện theo nguồn", before=0)
            data_table(
                document,
                headers=["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)", "Tỷ lệ"],
                rows=[
                    [
                        e["code"],
                        e["label"],
                        number_text(e["planned"]),
                        number_text(e["spent"]),
                        percent_text(e["spent_rate"]) if e["spent_rate"] is not None else "",
                    ]
                    for e in results["funding"]
                ],
                total=[
                    "",
                    "Tổng cộng",
                    number_text(totals["planned"]),
                    number_text(totals["spent"]),
                    "",
                ],
                widths_mm=(10, 65, 33, 33, 24),
                right=(2, 3, 4),
            )
            section += 1
    heading(document, f"{section}. Số liệu tổng hợp theo chỉ tiêu", before=0)
    number, rows = 0, []
    for indicator, code, label, value in data.indicator_rows():
        first = not code or code == data.categories[indicator.pk][0][0]
        number += int(first)
        rows.append(
            [
                str(number) if first else "",
                indicator.name if first else "",
                f"{code}. {short_label(label)}" if code else "",
                indicator.unit_label,
                number_text(value) if value is not None else "",
            ]
        )
    data_table(
        document,
        headers=["TT", "Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Tổng hợp"],
        rows=rows,
        # The category column is the widest: a plan item's heading is printed whole and wraps.
        widths_mm=(10, 48, 67, 18, 22),
        right=(4,),
    )

    heading(document, "II. ĐÁNH GIÁ CHUNG")
    heading(document, "1. Tình hình báo cáo", before=0)
    body(document, f"Kỳ báo cáo {data.period.name.lower()}: {data.completeness_sentence()}")
    body(document, f"Hạn báo cáo: ngày {format_date(data.period.due_date)}.")
    late_names = [r.organisation.name for r in c.rows if r.is_late]
    missing_names = [r.organisation.name for r in c.rows if not r.is_reported]
    pending_names = [r.organisation.name for r in data.pending]
    if pending_names:
        body(
            document,
            f"- Đã gửi, chưa được duyệt, chưa tổng hợp số liệu ({len(pending_names)}): "
            f"{', '.join(pending_names)}.",
        )
    if late_names:
        body(document, f"- Báo cáo muộn ({len(late_names)}): {', '.join(late_names)}.")
    if missing_names:
        body(document, f"- Chưa báo cáo ({len(missing_names)}): {', '.join(missing_names)}.")
    if results is not None and results["totals"]["spent_rate"] is not None:
        heading(document, "2. Kết quả thực hiện kinh phí", before=0)
        body(
            document,
            f"Tổng kinh phí đã chi {_dong(results['totals']['spent'])}, đạt "
            f"{percent_text(results['totals']['spent_rate'])} kinh phí dự kiến.",
        )

    heading(document, "III. KIẾN NGHỊ, ĐỀ XUẤT")
    recommendations = []
    if missing_names or late_names:
        recommendations.append(
            f"- Đề nghị {authority} chỉ đạo các cơ quan, đơn vị chưa báo cáo hoặc báo cáo muộn "
            f"({len(missing_names) + len(late_names)} đơn vị) thực hiện nghiêm chế độ báo cáo "
            "theo Kế hoạch."
        )
    recommendations.append(
        f"- Đề nghị {authority} tiếp tục quan tâm bố trí kinh phí, chỉ đạo các cơ quan, đơn "
        "vị đẩy mạnh công tác truyền thông về giảm nghèo trong kỳ tiếp theo."
    )
    for line in recommendations:
        body(document, line)
    closing_paragraphs(
        document,
        [f"Trên đây là báo cáo của {data.lead_name}, kính báo cáo {authority} xem xét, chỉ đạo."],
    )
    authority_line, title = signer_for(lead) if lead else ("", "THỦ TRƯỞNG CƠ QUAN")
    signature(
        document,
        recipients=[
            f"- {authority} (b/c);",
            *_recipient_ministries(plan),
            "- Các cơ quan, đơn vị liên quan;",
            "- Lưu: VT.",
        ],
        authority=authority_line,
        title=title,
        name="",
    )
    return save(document, title=f"Báo cáo: {data.title}", author=data.lead_name)


def build_consolidated_pdf(period: Period) -> bytes:
    return docx_to_pdf(build_consolidated_docx(period))
