"""The consolidated report's XLSX annex, and the report and annex from one reading."""

from __future__ import annotations

from django.utils import timezone

from giamngheo.core.documents import (
    new_workbook,
    workbook_bytes,
    xlsx_sheet,
)

from .. import selectors
from ..enums import Measure
from ..models import Period
from .common import (
    NOT_REPORTED,
    cell_number,
    short_label,
)
from .consolidated import Consolidated, build_consolidated_docx


def build_consolidated_documents(period: Period) -> dict[str, bytes]:
    """The report (DOCX) and its annex (XLSX) from one reading of the figures, as the lead
    department issues them together: the same numbers in both, read once."""
    data = Consolidated(period)
    return {
        "docx": build_consolidated_docx(period, data=data),
        "xlsx": build_consolidated_xlsx(period, data=data),
    }


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
            dataset=data.dataset, period=data.period, indicator=indicator, approved_only=True
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
                    cell_number(e["activity_count"]),
                    cell_number(e["planned"]),
                    cell_number(e["spent"]),
                    cell_number(e["spent_rate"]),
                ]
                for e in funding
            ),
            total=[
                "",
                "Tổng cộng",
                None,
                cell_number(data.results["totals"]["planned"]),
                cell_number(data.results["totals"]["spent"]),
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
                    cell_number(e["activity_count"]),
                    *[cell_number(e["outputs"].get(code)) for code, _label in measures],
                    cell_number(e["planned"]),
                    cell_number(e["spent"]),
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
    # The figures of approved reports only, as in the report and its totals: a report sent but
    # not yet reviewed is listed with its status and no figures.
    rows = selectors._reported_values(
        dataset=data.dataset, period=data.period, approved_only=True
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
