"""Writes: the poverty review data, from an XLSX file (admin screen, management command) or from
the demo. A file is checked row by row and written only when every row is clean, in one
transaction; the public pages and the open data are purged once it is committed.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.text import clean_name, fold
from giamngheo.core.uploads import validate_upload
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from .models import MAX_HOUSEHOLDS, MAX_YEAR, MIN_YEAR, PovertyReview, rate

MAX_ROWS = 20_000
# A rate typed in the file may differ from the one computed from the counts by rounding only.
RATE_TOLERANCE = Decimal("0.05")
CODE_WIDTH = 5  # GSO commune codes: "07210"; Excel drops the leading zero of a number.


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool = True


def columns() -> list[Column]:
    """The template's columns, in order (headings are matched without diacritics or case)."""
    return [
        Column("code", _("Mã đơn vị")),
        Column("name", _("Tên đơn vị"), required=False),
        Column("year", _("Năm")),
        Column("total_households", _("Tổng số hộ")),
        Column("poor", _("Số hộ nghèo")),
        Column("near_poor", _("Số hộ cận nghèo")),
        Column("escaped", _("Số hộ thoát nghèo")),
        Column("newly_poor", _("Số hộ nghèo phát sinh")),
        Column("poor_rate", _("Tỷ lệ hộ nghèo (%)"), required=False),
        Column("near_poor_rate", _("Tỷ lệ hộ cận nghèo (%)"), required=False),
        Column("source", _("Nguồn số liệu")),
        Column("source_organisation", _("Cơ quan công bố")),
        Column("as_of", _("Số liệu tính đến ngày")),
    ]


COUNT_KEYS = ("total_households", "poor", "near_poor", "escaped", "newly_poor")


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (1 = the heading row); 0 for the whole file
    column: str
    message: str


@dataclass
class ReviewInput:
    unit: AdministrativeUnit
    year: int
    total_households: int
    poor: int
    near_poor: int
    escaped: int
    newly_poor: int
    source: str
    source_organisation: str
    as_of: date
    is_sample: bool = False


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- cell parsing ----------------------------------------------------------------------------


class CellError(Exception):
    pass


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _integer(value) -> int:
    if isinstance(value, bool):
        raise CellError(_("Không phải là số nguyên."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Số hộ phải là số nguyên."))
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "")
        # "1.234" and "1,234" are thousands in Vietnamese and English writing alike.
        if not re.fullmatch(r"-?\d{1,3}([.,]\d{3})*|-?\d+", text):
            raise CellError(_("Không phải là số nguyên."))
        number = int(text.replace(".", "").replace(",", ""))
    if number < 0:
        raise CellError(_("Số hộ không được âm."))
    if number > MAX_HOUSEHOLDS:
        raise CellError(_("Số hộ vượt quá mức cho phép (1.000.000 hộ)."))
    return number


def _year(value) -> int:
    try:
        year = _integer(value)
    except CellError:
        raise CellError(_("Năm không hợp lệ.")) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(_("Năm phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR})
    return year


def _rate(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("Tỷ lệ không phải là số."))
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_("Tỷ lệ không phải là số.")) from None
    if not number.is_finite():
        raise CellError(_("Tỷ lệ không phải là số."))
    if number < 0:
        raise CellError(_("Tỷ lệ không được âm."))
    if number > 100:
        raise CellError(_("Tỷ lệ không được vượt quá 100 %."))
    return number


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(_("Ngày không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 31/12/2023)."))


def _code(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(_("Mã đơn vị không hợp lệ."))
        return str(int(value)).zfill(CODE_WIDTH)
    text = clean_name(str(value))
    if not re.fullmatch(r"[0-9A-Za-z.\-]{1,16}", text):
        raise CellError(_("Mã đơn vị không hợp lệ."))
    return text.zfill(CODE_WIDTH) if text.isdigit() else text


def _text(value, limit: int = 255) -> str:
    text = clean_name(str(value))
    if len(text) > limit:
        raise CellError(_("Nội dung dài quá %(n)s ký tự.") % {"n": limit})
    return text


# --- reading the workbook --------------------------------------------------------------------


def _read_rows(data: bytes) -> list[tuple]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, TypeError):
        raise ValidationError(_("Không đọc được tệp XLSX.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
            rows.append(tuple(row))
        return rows
    finally:
        workbook.close()


def _match_headings(heading_row: tuple) -> tuple[dict[str, int], list[RowError]]:
    wanted = {fold(c.heading).strip(): c for c in columns()}
    positions: dict[str, int] = {}
    for index, cell in enumerate(heading_row):
        if _blank(cell):
            continue
        column = wanted.get(fold(clean_name(str(cell))).strip())
        if column is not None and column.key not in positions:
            positions[column.key] = index
    errors = [
        RowError(row=1, column=c.heading, message=_("Thiếu cột bắt buộc."))
        for c in columns()
        if c.required and c.key not in positions
    ]
    return positions, errors


def parse_workbook(
    data: bytes, *, is_sample: bool = False
) -> tuple[list[ReviewInput], ImportResult]:
    """Every row checked; returns the clean inputs and a result listing every error found."""
    result = ImportResult()
    rows = _read_rows(data)
    if not rows:
        result.errors.append(RowError(row=0, column="", message=_("Tệp không có dữ liệu.")))
        return [], result
    if len(rows) > MAX_ROWS + 1:
        result.errors.append(
            RowError(
                row=0,
                column="",
                message=_("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS},
            )
        )
        return [], result
    positions, heading_errors = _match_headings(rows[0])
    if heading_errors:
        result.errors.extend(heading_errors)
        return [], result
    headings = {c.key: c.heading for c in columns()}

    parsed: list[tuple[int, dict]] = []
    for number, raw in enumerate(rows[1:], start=2):

        def cell(key, raw=raw):
            index = positions.get(key)
            return raw[index] if index is not None and index < len(raw) else None

        if all(_blank(v) for v in raw):
            continue
        if all(_blank(cell(k)) for k in COUNT_KEYS):
            result.skipped += 1  # a template row of a commune that has not reported
            continue
        values: dict = {}
        row_errors: list[RowError] = []
        parsers = {
            "code": _code,
            "year": _year,
            **dict.fromkeys(COUNT_KEYS, _integer),
            "source": _text,
            "source_organisation": _text,
            "as_of": _date,
        }
        for key, parser in parsers.items():
            value = cell(key)
            if _blank(value):
                row_errors.append(RowError(number, headings[key], _("Chưa nhập giá trị.")))
                continue
            try:
                values[key] = parser(value)
            except CellError as exc:
                row_errors.append(RowError(number, headings[key], str(exc)))
        for key in ("poor_rate", "near_poor_rate", "name"):
            value = cell(key)
            if _blank(value):
                continue
            try:
                values[key] = _text(value, 160) if key == "name" else _rate(value)
            except CellError as exc:
                row_errors.append(RowError(number, headings[key], str(exc)))
        if "total_households" in values:
            total = values["total_households"]
            for key, message in (
                ("poor", _("Số hộ nghèo lớn hơn tổng số hộ.")),
                ("near_poor", _("Số hộ cận nghèo lớn hơn tổng số hộ.")),
                ("escaped", _("Số hộ thoát nghèo lớn hơn tổng số hộ.")),
                ("newly_poor", _("Số hộ nghèo phát sinh lớn hơn tổng số hộ.")),
            ):
                if key in values and values[key] > total:
                    row_errors.append(RowError(number, headings[key], message))
            if (
                values.get("poor", 0) <= total
                and values.get("near_poor", 0) <= total
                and values.get("poor", 0) + values.get("near_poor", 0) > total
            ):
                row_errors.append(
                    RowError(
                        number,
                        headings["near_poor"],
                        _("Tổng số hộ nghèo và cận nghèo vượt quá tổng số hộ."),
                    )
                )
            for key, part in (("poor_rate", "poor"), ("near_poor_rate", "near_poor")):
                if key in values and part in values and values[part] <= total:
                    computed = rate(values[part], total) or Decimal(0)
                    if abs(computed - values[key]) > RATE_TOLERANCE:
                        row_errors.append(
                            RowError(
                                number,
                                headings[key],
                                _(
                                    "Tỷ lệ ghi trong tệp (%(given)s %%) không khớp với tỷ lệ "
                                    "tính từ số hộ (%(computed)s %%)."
                                )
                                % {
                                    "given": str(values[key]).replace(".", ","),
                                    "computed": str(computed).replace(".", ","),
                                },
                            )
                        )
        if "as_of" in values and "year" in values and values["as_of"].year < values["year"]:
            row_errors.append(
                RowError(number, headings["as_of"], _("Ngày tính số liệu trước năm rà soát."))
            )
        result.errors.extend(row_errors)
        parsed.append((number, values))

    units = _units_by_code({v["code"] for _n, v in parsed if "code" in v})
    inputs: list[ReviewInput] = []
    seen: dict[tuple[int, int], int] = {}
    for number, values in parsed:
        if "code" not in values or "year" not in values:
            continue
        code, year = values["code"], values["year"]
        candidates = units.get(code, [])
        in_force = [u for u in candidates if _in_force_in(u, year)]
        if not candidates:
            result.errors.append(
                RowError(
                    number,
                    headings["code"],
                    _("Không có đơn vị cấp xã mang mã %(code)s.") % {"code": code},
                )
            )
            continue
        if not in_force:
            result.errors.append(
                RowError(
                    number,
                    headings["code"],
                    _("Đơn vị mã %(code)s không có hiệu lực trong năm %(year)s.")
                    % {"code": code, "year": year},
                )
            )
            continue
        if len(in_force) > 1:
            # Codes are reused across a reform; within one year the later unit is the one a
            # review at year end was about.
            in_force.sort(key=lambda u: u.valid_from or date.min)
        unit = in_force[-1]
        name = values.get("name")
        if name and not _same_name(name, unit.name):
            result.errors.append(
                RowError(
                    number,
                    headings["name"],
                    _("Tên đơn vị không khớp với mã %(code)s (%(name)s).")
                    % {"code": code, "name": unit.name},
                )
            )
            continue
        previous = seen.get((unit.pk, year))
        if previous is not None:
            result.errors.append(
                RowError(
                    number,
                    headings["code"],
                    _("Trùng đơn vị và năm với dòng %(row)s.") % {"row": previous},
                )
            )
            continue
        seen[(unit.pk, year)] = number
        if all(k in values for k in (*COUNT_KEYS, "source", "source_organisation", "as_of")):
            inputs.append(
                ReviewInput(
                    unit=unit,
                    year=year,
                    **{k: values[k] for k in COUNT_KEYS},
                    source=values["source"],
                    source_organisation=values["source_organisation"],
                    as_of=values["as_of"],
                    is_sample=is_sample,
                )
            )
    if not parsed and not result.errors:
        result.errors.append(
            RowError(row=0, column="", message=_("Tệp không có dòng số liệu nào."))
        )
    result.errors.sort(key=lambda e: e.row)
    return ([] if result.errors else inputs), result


def _units_by_code(codes: set[str]) -> dict[str, list[AdministrativeUnit]]:
    found: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.filter(code__in=codes, level=UnitLevel.COMMUNE):
        found.setdefault(unit.code, []).append(unit)
    return found


def _in_force_in(unit: AdministrativeUnit, year: int) -> bool:
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_to is None or unit.valid_to.year >= year
    )


def _same_name(given: str, official: str) -> bool:
    a, b = fold(given).strip(), fold(official).strip()
    return a == b or a in b or b in a


# --- writing ---------------------------------------------------------------------------------


@transaction.atomic
def save_poverty_reviews(*, reviews: list[ReviewInput]) -> ImportResult:
    """Insert or replace the (unit, year) rows, all or nothing; purge the public pages after the
    commit. The inputs come checked from ``parse_workbook`` (or the demo)."""
    result = ImportResult()
    if not reviews:
        return result
    years = {r.year for r in reviews}
    existing = {
        (r.unit_id, r.year): r
        for r in PovertyReview.objects.select_for_update().filter(
            year__in=years, unit__in=[r.unit for r in reviews]
        )
    }
    to_create, to_update = [], []
    now = timezone.now()
    names = (*COUNT_KEYS, "source", "source_organisation", "as_of", "is_sample")
    for item in reviews:
        row = existing.get((item.unit.pk, item.year))
        if row is None:
            row = PovertyReview(unit=item.unit, year=item.year)
            to_create.append(row)
        else:
            to_update.append(row)
        for name in names:
            setattr(row, name, getattr(item, name))
        row.updated_at = now  # bulk_update does not apply auto_now
        row.source = clean_name(row.source)
        row.source_organisation = clean_name(row.source_organisation)
        if row.poor + row.near_poor > row.total_households:
            raise ValidationError(_("Tổng số hộ nghèo và cận nghèo vượt quá tổng số hộ."))
    PovertyReview.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        PovertyReview.objects.bulk_update(to_update, [*names, "updated_at"], batch_size=500)
    result.created, result.updated = len(to_create), len(to_update)
    transaction.on_commit(purge_page_cache)
    return result


def import_poverty_reviews(*, upload, is_sample: bool = False) -> ImportResult:
    """Check an uploaded XLSX (by content, core.uploads) and import it all or not at all.

    Returns the result; when ``result.errors`` is not empty nothing was written.
    """
    try:
        clean = validate_upload(upload, allowed={"xlsx"})
    except ValidationError as exc:
        return ImportResult(errors=[RowError(0, "", m) for m in exc.messages])
    try:
        inputs, result = parse_workbook(clean.content.read(), is_sample=is_sample)
    except ValidationError as exc:
        return ImportResult(errors=[RowError(0, "", m) for m in exc.messages])
    if result.errors:
        return result
    saved = save_poverty_reviews(reviews=inputs)
    saved.skipped = result.skipped
    return saved


@transaction.atomic
def delete_sample_reviews() -> int:
    """Remove every row marked as sample (before the official figures go public)."""
    deleted, _per_model = PovertyReview.objects.filter(is_sample=True).delete()
    transaction.on_commit(purge_page_cache)
    return deleted
