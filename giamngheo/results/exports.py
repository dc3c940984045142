"""Open data files of the results tables (CSV, XLSX, JSON) and the import template.

Every text cell goes through core.exports.neutralise_cell (formula injection); figures are
numbers, rates decimals with two places, dates ISO 8601 in JSON and dd/mm/yyyy in CSV/XLSX.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from giamngheo.core.exports import neutralise_cell
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from .models import SAMPLE_LABEL
from .selectors import Breakdown, Figures, Source, YearRow, overlapping_year
from .services import columns

FIGURE_FIELDS = (
    ("total_households", gettext_lazy("Tổng số hộ")),
    ("poor", gettext_lazy("Số hộ nghèo")),
    ("poor_rate", gettext_lazy("Tỷ lệ hộ nghèo (%)")),
    ("near_poor", gettext_lazy("Số hộ cận nghèo")),
    ("near_poor_rate", gettext_lazy("Tỷ lệ hộ cận nghèo (%)")),
    ("escaped", gettext_lazy("Số hộ thoát nghèo")),
    ("newly_poor", gettext_lazy("Số hộ nghèo phát sinh")),
)


def _figure_values(figures: Figures) -> list:
    if not figures.has_data:
        return [None] * len(FIGURE_FIELDS)
    return [getattr(figures, name) for name, _label in FIGURE_FIELDS]


def _figures_json(figures: Figures) -> dict:
    values = dict(zip([n for n, _l in FIGURE_FIELDS], _figure_values(figures), strict=True))
    return {
        name: (float(value) if isinstance(value, Decimal) else value)
        for name, value in values.items()
    } | {"reporting_units": figures.reporting_units}


def _sources_json(sources: list[Source]) -> list[dict]:
    return [
        {
            "source": s.source,
            "organisation": s.organisation,
            "as_of": s.as_of.isoformat(),
            "is_sample": s.is_sample,
        }
        for s in sources
    ]


def _sources_text(sources: list[Source]) -> str:
    return "; ".join(f"{s.source} — {s.organisation} ({s.as_of:%d/%m/%Y})" for s in sources)


def _unit_json(unit: AdministrativeUnit | None) -> dict | None:
    if unit is None:
        return None
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
    }


# --- tables ----------------------------------------------------------------------------------


def breakdown_table(data: Breakdown) -> tuple[list[str], list[list]]:
    headers = [_("Mã đơn vị"), _("Tên đơn vị"), _("Thuộc"), _("Năm")]
    headers += [str(label) for _n, label in FIGURE_FIELDS]
    headers += [_("Số liệu tính đến ngày"), _("Nguồn số liệu"), _("Ghi chú")]
    note = str(SAMPLE_LABEL) if any(s.is_sample for s in data.sources) else ""
    as_of = data.as_of.strftime("%d/%m/%Y") if data.as_of else ""
    rows = [
        [
            row.code,
            row.name,
            row.parent_name or data.unit.name,
            data.year,
            *_figure_values(row.figures),
            as_of,
            _sources_text(data.sources),
            note,
        ]
        for row in data.rows
    ]
    return headers, rows


def breakdown_json(data: Breakdown) -> dict:
    sample = any(s.is_sample for s in data.sources)
    return {
        "dataset": "ra-soat-ho-ngheo",
        "title": _("Kết quả rà soát hộ nghèo, hộ cận nghèo"),
        "year": data.year,
        "structure": data.structure,
        "unit": _unit_json(data.unit),
        "structure_date": data.today.isoformat() if data.structure == "hien-nay" else None,
        "as_of": data.as_of.isoformat() if data.as_of else None,
        "is_sample": sample,
        "note": str(SAMPLE_LABEL) if sample else "",
        "sources": _sources_json(data.sources),
        "total": _figures_json(data.total),
        "rows": [
            {"unit": _unit_json(row.unit), "parent": row.parent_name or data.unit.name}
            | _figures_json(row.figures)
            for row in data.rows
        ],
    }


def years_table(*, unit: AdministrativeUnit, rows: list[YearRow]) -> tuple[list[str], list[list]]:
    headers = [_("Đơn vị"), _("Năm")] + [str(label) for _n, label in FIGURE_FIELDS]
    headers += [_("Số đơn vị cấp xã có số liệu"), _("Số liệu tính đến ngày")]
    headers += [_("Nguồn số liệu"), _("Ghi chú")]
    table = []
    for row in rows:
        sample = any(s.is_sample for s in row.sources)
        table.append(
            [
                unit.name,
                row.year,
                *_figure_values(row.figures),
                row.figures.reporting_units,
                row.as_of.strftime("%d/%m/%Y") if row.as_of else "",
                _sources_text(row.sources),
                str(SAMPLE_LABEL) if sample else "",
            ]
        )
    return headers, table


def years_json(*, unit: AdministrativeUnit, rows: list[YearRow]) -> dict:
    sample = any(s.is_sample for r in rows for s in r.sources)
    return {
        "dataset": "tong-hop-theo-nam",
        "title": _("Kết quả rà soát hộ nghèo, hộ cận nghèo theo năm"),
        "unit": _unit_json(unit),
        "is_sample": sample,
        "note": str(SAMPLE_LABEL) if sample else "",
        "rows": [
            {
                "year": r.year,
                "as_of": r.as_of.isoformat() if r.as_of else None,
                "sources": _sources_json(r.sources),
            }
            | _figures_json(r.figures)
            for r in rows
        ],
    }


# --- file formats ----------------------------------------------------------------------------


def _cell(value):
    if isinstance(value, Decimal):
        return value
    return neutralise_cell(value)


def to_csv(headers: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise_cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    # With a BOM, Excel opens the UTF-8 file with its Vietnamese letters intact.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(headers: list[str], rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([neutralise_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for index, _h in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 18
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_workbook(*, year: int) -> bytes:
    """The import template: the heading row, one row per commune in force in ``year`` (code,
    name, year filled in), and a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Số liệu")
    cols = columns()
    sheet.append([c.heading for c in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    keys = [c.key for c in cols]
    communes = overlapping_year(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE), year
    ).order_by("path")
    for unit in communes.only("code", "name"):
        row = [None] * len(cols)
        row[keys.index("code")] = unit.code
        row[keys.index("name")] = unit.name
        row[keys.index("year")] = year
        sheet.append(row)
    for index in range(1, len(cols) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 20
    for cell in sheet["A"][1:]:
        cell.number_format = "@"  # keep the leading zero of "07210"
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Hướng dẫn"))
    for line in (
        _(
            "Mỗi dòng là kết quả rà soát hộ nghèo, hộ cận nghèo của một đơn vị cấp xã trong một năm."
        ),
        _("Mã đơn vị theo Danh mục đơn vị hành chính Việt Nam; đơn vị phải có hiệu lực trong năm."),
        _("Số hộ là số nguyên không âm; số hộ nghèo, cận nghèo không lớn hơn tổng số hộ."),
        _(
            "Tỷ lệ (%) có thể bỏ trống: hệ thống tự tính; nếu ghi, phải khớp với số hộ và không quá 100."
        ),
        _("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 31/12/2023."),
        _("Dòng để trống toàn bộ số hộ được bỏ qua (đơn vị chưa báo cáo)."),
        _(
            "Hệ thống chỉ nhập khi mọi dòng đều hợp lệ; dòng đã có (cùng đơn vị, cùng năm) được thay thế."
        ),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
