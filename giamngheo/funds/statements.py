"""Reading a bank's account statement (sao kê) into rows, all or nothing.

Each bank exports its own columns. ``FORMATS`` maps a format code (chosen on the fund) to the
header of each column we read, the date layout and how amounts are written — the documented
mapping of docs/funds.md. A deployment adds or overrides formats through the setting
``FUNDS_STATEMENT_FORMATS`` (same shape), without code. Banks put a title and account lines
above the table: the header row is the first row holding every column we need.

Parsing never writes: it returns the rows, or raises one ``ValidationError`` listing every
problem with its row and column, in Vietnamese.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from giamngheo.core.numbers import format_number
from giamngheo.core.text import fold, normalize_text

from .money import parse_money


@dataclass(frozen=True)
class StatementFormat:
    code: str
    label: str
    date: str  # column headers as the bank writes them
    reference: str
    credit: str
    debit: str
    description: str
    date_formats: tuple[str, ...] = ("%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")


BUILTIN_FORMATS = {
    # The layout we publish for any bank: what a treasurer fills in by hand from a paper
    # statement, and the layout of the demo's sample statement.
    "chung": StatementFormat(
        code="chung",
        label="Mẫu chung (Ngày giao dịch, Số tham chiếu, Ghi có, Ghi nợ, Nội dung)",
        date="Ngày giao dịch",
        reference="Số tham chiếu",
        credit="Ghi có",
        debit="Ghi nợ",
        description="Nội dung",
    ),
    "vietinbank": StatementFormat(
        code="vietinbank",
        label="VietinBank (eFAST, tệp Excel)",
        date="Ngày giao dịch",
        reference="Số giao dịch",
        credit="Có",
        debit="Nợ",
        description="Nội dung giao dịch",
    ),
    "vietcombank": StatementFormat(
        code="vietcombank",
        label="Vietcombank (VCB DigiBiz, tệp Excel)",
        date="Ngày giao dịch",
        reference="Số tham chiếu",
        credit="Số tiền ghi có",
        debit="Số tiền ghi nợ",
        description="Mô tả",
    ),
    "agribank": StatementFormat(
        code="agribank",
        label="Agribank (tệp Excel)",
        date="Ngày GD",
        reference="Số bút toán",
        credit="Phát sinh có",
        debit="Phát sinh nợ",
        description="Diễn giải",
    ),
}


def _formats() -> dict[str, StatementFormat]:
    extra = getattr(settings, "FUNDS_STATEMENT_FORMATS", {}) or {}
    return {
        **BUILTIN_FORMATS,
        **{code: StatementFormat(code=code, **f) for code, f in extra.items()},
    }


class _Formats:
    """Read at lookup, so a setting changed in tests or at deploy is seen."""

    def __contains__(self, code) -> bool:
        return code in _formats()

    def __getitem__(self, code) -> StatementFormat:
        return _formats()[code]

    def choices(self) -> list[tuple[str, str]]:
        return [(f.code, f.label) for f in _formats().values()]


FORMATS = _Formats()
MAX_ROWS = 200_000


@dataclass(frozen=True)
class StatementRow:
    line: int
    booked_on: date
    bank_reference: str
    credit: int
    debit: int
    description: str


def _cells(content: bytes) -> list[list]:
    if content[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationError(
                _("Không đọc được tệp Excel: %(error)s") % {"error": exc}
            ) from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")
        ) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _key(value) -> str:
    return " ".join(fold(normalize_text(str(value or ""))).split())


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(value, fmt: StatementFormat) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    # The common case read without strptime (a third of a 50,000-line import's time went
    # there): a bare dd/mm/yyyy, when the format reads that layout; anything else below.
    plain = _DMY.fullmatch(text)
    if plain is not None and "%d/%m/%Y" in fmt.date_formats:
        day, month, year = (int(g) for g in plain.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for layout in fmt.date_formats:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _amount(value) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, float):
        if value != int(value):
            raise ValidationError(_("Số tiền tính bằng đồng, không có phần lẻ."))
        value = int(value)
    return parse_money(value, allow_zero=True)


def parse_statement(content: bytes, *, format_code: str) -> list[StatementRow]:
    """Every transaction row of the file, or a ValidationError listing every problem."""
    fmt = FORMATS[format_code]
    rows = _cells(content)
    wanted = {
        "date": fmt.date,
        "reference": fmt.reference,
        "credit": fmt.credit,
        "debit": fmt.debit,
        "description": fmt.description,
    }
    header_at, columns = None, {}
    for i, row in enumerate(rows[:30]):
        keys = [_key(c) for c in row]
        if all(_key(h) in keys for h in wanted.values()):
            header_at = i
            columns = {name: keys.index(_key(h)) for name, h in wanted.items()}
            break
    if header_at is None:
        first = next((r for r in rows if any(c not in (None, "") for c in r)), [])
        found = ", ".join(f"“{c}”" for c in first if c not in (None, "")) or "—"
        missing = ", ".join(f"“{h}”" for h in wanted.values())
        raise ValidationError(
            _(
                "Không tìm thấy dòng tiêu đề của mẫu sao kê “%(format)s”: cần các cột %(missing)s;"
                " tệp có các cột %(found)s."
            )
            % {"format": fmt.label, "missing": missing, "found": found}
        )
    if len(rows) - header_at - 1 > MAX_ROWS:
        raise ValidationError(
            _("Tệp có quá nhiều dòng (tối đa %(max)s giao dịch một lần).")
            % {"max": format_number(MAX_ROWS)}
        )
    errors: list[str] = []
    parsed: list[StatementRow] = []
    seen: dict[str, int] = {}

    def cell(row, name):
        index = columns[name]
        return row[index] if index < len(row) else None

    # A statement repeats the same few amounts (200.000, 500.000 …): each text is read once.
    amounts_read: dict[object, int | ValidationError] = {}

    def amount(value) -> int:
        key = (type(value), value)
        if key not in amounts_read:
            try:
                amounts_read[key] = _amount(value)
            except ValidationError as exc:
                amounts_read[key] = exc
        found = amounts_read[key]
        if isinstance(found, ValidationError):
            raise found
        return found

    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if all(c in (None, "") or str(c).strip() == "" for c in row):
            continue
        problems = []
        booked = _date(cell(row, "date"), fmt)
        if booked is None:
            problems.append(
                _("dòng %(line)s, cột “%(column)s”: “%(value)s” không phải ngày (dd/mm/yyyy).")
                % {"line": offset, "column": fmt.date, "value": cell(row, "date") or ""}
            )
        reference = normalize_text(str(cell(row, "reference") or "")).strip()
        if not reference:
            problems.append(
                _("dòng %(line)s, cột “%(column)s”: thiếu số tham chiếu.")
                % {"line": offset, "column": fmt.reference}
            )
        elif reference in seen:
            problems.append(
                _(
                    "dòng %(line)s, cột “%(column)s”: số tham chiếu “%(ref)s” trùng với dòng"
                    " %(other)s."
                )
                % {
                    "line": offset,
                    "column": fmt.reference,
                    "ref": reference,
                    "other": seen[reference],
                }
            )
        else:
            seen[reference] = offset
        amounts = {}
        for name, header in (("credit", fmt.credit), ("debit", fmt.debit)):
            try:
                amounts[name] = amount(cell(row, name))
            except ValidationError as exc:
                problems.append(
                    _("dòng %(line)s, cột “%(column)s”: %(error)s")
                    % {"line": offset, "column": header, "error": " ".join(exc.messages)}
                )
        if len(amounts) == 2 and (amounts["credit"] > 0) == (amounts["debit"] > 0):
            problems.append(
                _(
                    "dòng %(line)s: mỗi giao dịch ghi đúng một trong hai cột “%(credit)s”, “%(debit)s”."
                )
                % {"line": offset, "credit": fmt.credit, "debit": fmt.debit}
            )
        if problems:
            errors.extend(problems)
            if len(errors) >= 200:
                break
            continue
        parsed.append(
            StatementRow(
                line=offset,
                booked_on=booked,
                bank_reference=reference[:64],
                credit=amounts["credit"],
                debit=amounts["debit"],
                description=" ".join(normalize_text(str(cell(row, "description") or "")).split())[
                    :500
                ],
            )
        )
    if errors:
        raise ValidationError([e[:1].upper() + e[1:] for e in errors])
    if not parsed:
        raise ValidationError(_("Tệp sao kê không có giao dịch nào."))
    return parsed
