"""Reports as official documents (Nghị định 30/2020/NĐ-CP) and their XLSX annexes.

- A unit's report (*báo cáo của đơn vị*): one ``Submission``, issued by the reporting body to the
  lead department: its figures, its explanation.
- The consolidated report (*báo cáo tổng hợp*) of the lead department to the Provincial People's
  Committee for one ``Period`` of a data set (a period belongs to one data set, so its id names
  both): I. results by form 2.1–2.6 and budget by funding source, the figures the units
  reported; II. completeness and timeliness; III. recommendations. Its XLSX annex holds the
  tables by organisation, by unit, by indicator and by funding source.

The layout helpers are planning's (``planning.documents``); every figure comes from the
reporting selectors, each in a constant number of queries, so the documents of a province with
thousands of activities are built in the same few queries as those of a test case.
Document wording is Vietnamese whatever the interface language (an official document is issued
in Vietnamese).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from giamngheo.planning import documents as doc
from giamngheo.planning.documents import (
    DocumentKind,
    body,
    closing_paragraphs,
    data_table,
    format_date,
    format_dong,
    format_number,
    heading,
    letterhead,
    new_document,
    new_workbook,
    place_and_date,
    place_name,
    plan_reference,
    register_kind,
    save,
    signature,
    signer_for,
    title_block,
    workbook_bytes,
    xlsx_sheet,
)

from . import selectors
from .enums import Measure, PeriodType
from .models import Period, Submission

NOT_REPORTED = "Chưa báo cáo"


# --- small formats ---------------------------------------------------------------------------


def number_text(value) -> str:
    """A figure as a document writes it: ``1.234.567``, ``87,5``."""
    return selectors.format_value(value)


def percent_text(value) -> str:
    return f"{number_text(value)}%"


def cell_number(value):
    """A spreadsheet number: whole figures as int, others as float (percentages)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _sentence_case(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _sentence_body(name: str) -> str:
    """``UBND TỈNH BẮC GIANG`` → ``UBND tỉnh Bắc Giang`` (a body named inside a sentence)."""
    head, _sep, rest = name.partition(" ")
    words = rest.split()
    if not words:
        return name
    return " ".join([head, words[0].lower(), *[w.capitalize() for w in words[1:]]])


def _symbol(kind: str, organisation) -> str:
    return "-".join(filter(None, [kind, doc.body_abbreviation(organisation)]))


def _blank_number(kind: str, organisation) -> str:
    # Numbers are given by the office's register when the document is signed: left blank.
    return f"{'       '}/{_symbol(kind, organisation)}"


def _recipient_ministries(plan) -> list[str]:
    """The ministries the plan itself reports to (its own *Nơi nhận* lines naming a *Bộ*): the
    ministry in charge changed in 2025, so it is read from the plan, never written here."""
    if plan is None:
        return []
    return [line for line in plan.recipient_lines if line.removeprefix("- ").startswith("Bộ ")]


def report_summary(dataset, period) -> str:
    """The *trích yếu* of a report: what was carried out, and the period unless the data set
    is yearly (the plan's title already names its year)."""
    if dataset.plan is not None:
        summary = f"Kết quả thực hiện Kế hoạch {_sentence_case(dataset.plan.title)}"
    else:
        summary = f"Kết quả thực hiện {_sentence_case(dataset.name)}"
    if dataset.period_type != PeriodType.YEARLY or dataset.plan is None:
        summary += f" ({period.name.lower()})"
    return summary


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
        parent_name=doc.parent_line(organisation, plan) if plan else "",
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
    return doc.docx_to_pdf(build_report_docx(submission))


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
        self.values = selectors.consolidated_values(dataset=self.dataset, period=self.period)
        self.results = selectors.communication_results(plan=self.plan) if self.plan else None
        self.elements = selectors._elements(self.dataset)
        self.categories = selectors.indicator_categories(dataset=self.dataset)

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

    def completeness_sentence(self) -> str:
        c = self.completeness
        return (
            f"{c.submitted}/{c.expected} đơn vị báo cáo, {c.on_time} đúng hạn"
            f"{f', {c.late} muộn' if c.late else ''}"
            f" (tỷ lệ báo cáo {percent_text(c.rate)}, đúng hạn {percent_text(c.timely_rate)})."
        )


def short_label(text: str, *, limit: int = 90) -> str:
    """The head of a plan item as a report names it: up to its first colon, semicolon or
    "nhằm" (the purpose clause), without the final full stop."""
    head = text
    for mark in (":", ";", " nhằm "):
        head = head.split(mark, 1)[0]
    head = head.strip().rstrip(".")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def _outputs_text(entry: dict, measures: list[tuple[str, str]]) -> str:
    parts = [
        f"{label.lower()}: {format_number(entry['outputs'][code])}"
        for code, label in measures
        if entry["outputs"].get(code)
    ]
    return "; ".join(parts)


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

    heading(document, "I. KẾT QUẢ THỰC HIỆN")
    results = data.results
    section = 1
    if results is not None:
        totals = results["totals"]
        heading(document, f"{section}. Kết quả theo hình thức truyền thông", before=0)
        body(
            document,
            f"Các cơ quan, đơn vị đã thực hiện {format_number(totals['activity_count'])} hoạt "
            f"động truyền thông, kinh phí đã chi {format_dong(totals['spent'])}"
            f"/{format_dong(totals['planned'])} dự kiến ({percent_text(totals['spent_rate'])}).",
        )
        for entry in results["forms"]:
            outputs = _outputs_text(entry, results["measures"])
            body(
                document,
                f"{entry['code']}. {short_label(entry['label'])}: "
                f"{format_number(entry['activity_count'])} "
                f"hoạt động"
                f"{f'; {outputs}' if outputs else ''}; kinh phí đã chi "
                f"{format_dong(entry['spent'])}.",
            )
        section += 1
        heading(document, f"{section}. Kinh phí thực hiện theo nguồn", before=0)
        data_table(
            document,
            headers=["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)", "Tỷ lệ"],
            rows=[
                [e["code"], e["label"], e["planned"], e["spent"], percent_text(e["spent_rate"])]
                for e in results["funding"]
            ],
            total=[
                "",
                "Tổng cộng",
                sum(e["planned"] for e in results["funding"]),
                sum(e["spent"] for e in results["funding"]),
                "",
            ],
            widths_mm=(10, 65, 33, 33, 24),
            right=(4,),
        )
        section += 1
    heading(document, f"{section}. Số liệu tổng hợp từ báo cáo của các đơn vị", before=0)
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
        widths_mm=(10, 62, 45, 20, 28),
        right=(4,),
    )

    heading(document, "II. ĐÁNH GIÁ CHUNG")
    heading(document, "1. Tình hình báo cáo", before=0)
    body(document, f"Kỳ báo cáo {data.period.name.lower()}: {data.completeness_sentence()}")
    body(document, f"Hạn báo cáo: ngày {format_date(data.period.due_date)}.")
    late_names = [r.organisation.name for r in c.rows if r.is_late]
    missing_names = [r.organisation.name for r in c.rows if not r.is_reported]
    if late_names:
        body(document, f"- Báo cáo muộn ({len(late_names)}): {', '.join(late_names)}.")
    if missing_names:
        body(document, f"- Chưa báo cáo ({len(missing_names)}): {', '.join(missing_names)}.")
    if results is not None:
        heading(document, "2. Kết quả thực hiện kinh phí", before=0)
        body(
            document,
            f"Tổng kinh phí đã chi {format_dong(results['totals']['spent'])}, đạt "
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


def build_consolidated_documents(period: Period) -> dict[str, bytes]:
    """The report (DOCX) and its annex (XLSX) from one reading of the figures, as the lead
    department issues them together: the same numbers in both, read once."""
    data = Consolidated(period)
    return {
        "docx": build_consolidated_docx(period, data=data),
        "xlsx": build_consolidated_xlsx(period, data=data),
    }


def build_consolidated_pdf(period: Period) -> bytes:
    return doc.docx_to_pdf(build_consolidated_docx(period))


def build_consolidated_xlsx(period: Period, *, data: Consolidated | None = None) -> bytes:
    """The annex: tables by organisation, by unit, by indicator, by funding source, and who
    reported when. Numbers are numbers; every text cell is neutralised."""
    data = data or Consolidated(period)
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Theo chỉ tiêu",
        headers=["Mã chỉ tiêu", "Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Tổng hợp"],
        rows=(
            [
                indicator.code,
                indicator.name,
                f"{code}. {short_label(label)}" if code else "",
                indicator.unit_label,
                cell_number(value),
            ]
            for indicator, code, label, value in data.indicator_rows()
        ),
        widths=(16, 50, 40, 12, 18),
    )

    columns = data.value_columns()
    xlsx_sheet(
        workbook,
        title="Theo cơ quan, đơn vị",
        headers=[
            "Cơ quan, đơn vị",
            "Địa bàn",
            "Trạng thái",
            *[header for _key, header in columns],
        ],
        rows=_organisation_rows(data, columns),
        total=[
            "Tổng hợp",
            "",
            f"{data.completeness.submitted}/{data.completeness.expected} đơn vị báo cáo",
            *[cell_number(data.values.get(key)) for key, _header in columns],
        ],
        widths=(40, 25, 20, *[16 for _c in columns]),
    )

    unit_rows = []
    for element in data.elements:
        indicator = element.indicator
        if indicator.measure == Measure.TEXT:
            continue
        for total in selectors.roll_up(
            dataset=data.dataset, period=data.period, indicator=indicator
        ):
            unit_rows.append(
                [
                    total.unit.name,
                    total.unit.get_level_display(),
                    indicator.code,
                    indicator.name,
                    cell_number(total.value),
                    total.contributors,
                ]
            )
    xlsx_sheet(
        workbook,
        title="Theo địa bàn",
        headers=["Địa bàn", "Cấp", "Mã chỉ tiêu", "Chỉ tiêu", "Tổng hợp", "Số đơn vị báo cáo"],
        rows=unit_rows,
        widths=(40, 12, 16, 45, 18, 12),
    )

    if data.results is not None:
        funding = data.results["funding"]
        xlsx_sheet(
            workbook,
            title="Theo nguồn kinh phí",
            headers=[
                "Mã",
                "Nguồn kinh phí",
                "Số hoạt động",
                "Dự kiến (đồng)",
                "Đã chi (đồng)",
                "Tỷ lệ (%)",
            ],
            rows=(
                [
                    e["code"],
                    e["label"],
                    e["activity_count"],
                    e["planned"],
                    e["spent"],
                    cell_number(e["spent_rate"]),
                ]
                for e in funding
            ),
            total=[
                "",
                "Tổng cộng",
                None,
                sum(e["planned"] for e in funding),
                sum(e["spent"] for e in funding),
                cell_number(data.results["totals"]["spent_rate"]),
            ],
            widths=(8, 50, 14, 20, 20, 12),
        )
        measures = data.results["measures"]
        xlsx_sheet(
            workbook,
            title="Theo hình thức",
            headers=[
                "Mã",
                "Hình thức",
                "Số hoạt động",
                *[label for _code, label in measures],
                "Dự kiến (đồng)",
                "Đã chi (đồng)",
            ],
            rows=(
                [
                    e["code"],
                    e["label"],
                    e["activity_count"],
                    *[e["outputs"].get(code, 0) for code, _label in measures],
                    e["planned"],
                    e["spent"],
                ]
                for e in data.results["forms"]
            ),
            widths=(8, 50, 14, *[14 for _m in measures], 20, 20),
        )

    c = data.completeness
    xlsx_sheet(
        workbook,
        title="Tình hình báo cáo",
        headers=["Cơ quan, đơn vị", "Địa bàn", "Trạng thái", "Thời điểm gửi", "Đúng hạn"],
        rows=(
            [
                r.organisation.name,
                r.unit.name if r.unit else "",
                r.status_label,
                _local_time(r.submitted_at),
                ("Muộn" if r.is_late else "Đúng hạn") if r.is_reported else NOT_REPORTED,
            ]
            for r in c.rows
        ),
        total=[f"{c.submitted}/{c.expected} đơn vị báo cáo", "", "", "", f"{c.on_time} đúng hạn"],
        widths=(45, 25, 22, 18, 14),
    )
    return workbook_bytes(workbook, title=f"Phụ lục: {data.title}", author=data.lead_name)


def _organisation_rows(data: Consolidated, columns: list[tuple[tuple[str, str], str]]):
    """One row per expected organisation (reported or not), one column per indicator ×
    category: the values of ``selectors.values_by_organisation`` laid out as the lead
    department reads them, read as plain tuples in one query (a province's annex holds
    thousands of values; model objects for each would cost seconds)."""
    values: dict[int, dict[tuple[str, str], object]] = {}
    rows = selectors._reported_values(
        dataset=data.dataset, period=data.period, approved_only=False
    ).values_list("submission__organisation_id", "indicator__code", "category", "value", "text")
    for org_id, code, category, value, text in rows:
        values.setdefault(org_id, {})[(code, category)] = (
            cell_number(value) if value is not None else (text or None)
        )
    for row in data.completeness.rows:
        reported = values.get(row.organisation.pk, {}) if row.is_reported else {}
        yield [
            row.organisation.name,
            row.unit.name if row.unit else "",
            row.status_label,
            *[reported.get(key) for key, _header in columns],
        ]


def _local_time(moment) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%d/%m/%Y %H:%M}"


# --- kinds for render_document ---------------------------------------------------------------


def _load(model, related):
    def load(raw: str):
        if not (raw.isdigit() and len(raw) < 19):
            return None
        return model.objects.select_related(*related).filter(pk=int(raw)).first()

    return load


register_kind(
    DocumentKind(
        code="report",
        label="Báo cáo của đơn vị",
        records=lambda: (
            (str(s.pk), s.title)
            for s in Submission.objects.select_related(
                "dataset", "period", "organisation"
            ).order_by("pk")
        ),
        load=_load(Submission, ("dataset", "period", "organisation")),
        renderers={"docx": build_report_docx, "pdf": build_report_pdf, "xlsx": build_report_xlsx},
    )
)
register_kind(
    DocumentKind(
        code="consolidated",
        label="Báo cáo tổng hợp (mã = mã kỳ báo cáo)",
        records=lambda: (
            (str(p.pk), f"{p.dataset.name} — {p.name}")
            for p in Period.objects.select_related("dataset").order_by("pk")
        ),
        load=_load(Period, ("dataset",)),
        renderers={
            "docx": build_consolidated_docx,
            "pdf": build_consolidated_pdf,
            "xlsx": build_consolidated_xlsx,
        },
        id_help="mã kỳ báo cáo (một kỳ thuộc một biểu báo cáo)",
    )
)
for _code in ("report", "consolidated"):
    for _fmt, _renderer in doc.DOCUMENT_KINDS[_code].renderers.items():
        doc.RENDERERS[(_code, _fmt)] = _renderer
