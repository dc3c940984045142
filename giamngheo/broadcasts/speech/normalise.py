"""Vietnamese text as an announcer reads it aloud, before a speech engine sees it.

Speech engines read "15/11/2023" as three numbers and "UBND" letter by letter. The rules below
turn the written forms of the province's bulletins into words, in this order (a later rule never
sees what an earlier one wrote): document numbers (49/2024/NĐ-CP), dates, clock times, phone
numbers, money, percentages, ranges, ordinals and Roman numerals, abbreviations, then every
remaining number. Northern announcer usage: "linh" for a zero ten (một trăm linh năm), "mốt",
"tư", "lăm" after "mươi", "mồng" for the first ten days of a month, "tháng tư", "tháng giêng" is
not used in official news (tháng một).
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}

# Written forms of the administration, as read on air. Longest first so "HĐND" wins over "HĐ".
ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "NHCSXH": "Ngân hàng Chính sách xã hội",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CTMTQG": "Chương trình mục tiêu quốc gia",
    "GNBV": "giảm nghèo bền vững",
    "KT-XH": "kinh tế - xã hội",
    "NTM": "nông thôn mới",
    "HTX": "hợp tác xã",
    "CCCD": "căn cước công dân",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "TP.": "thành phố",
    "TX.": "thị xã",
    "NĐ-CP": "Nghị định của Chính phủ",
    "QĐ-TTg": "Quyết định của Thủ tướng Chính phủ",
    "QĐ-UBND": "Quyết định của Ủy ban nhân dân",
    "TT-BTTTT": "Thông tư của Bộ Thông tin và Truyền thông",
    "TT-BLĐTBXH": "Thông tư của Bộ Lao động - Thương binh và Xã hội",
    "KH-UBND": "Kế hoạch của Ủy ban nhân dân",
    "TTg": "Thủ tướng Chính phủ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "CP": "Chính phủ",
    "tr.đ": "triệu đồng",
    "km": "ki-lô-mét",
    "kg": "ki-lô-gam",
    "ha": "héc-ta",
    "m2": "mét vuông",
    "m²": "mét vuông",
}
_ABBREVIATION_RE = re.compile(
    "|".join(
        rf"(?<![\w.]){re.escape(k)}(?!\w)" for k in sorted(ABBREVIATIONS, key=len, reverse=True)
    )
)
_ORDINALS = {1: "nhất", 4: "tư"}
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}
_ROMAN_AFTER = r"(quý|Quý|giai đoạn|Giai đoạn|khóa|Khóa|phần|Phần|chương|Chương|mục|Mục|đợt|Đợt)"

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def _below_thousand(n: int, *, leading: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_AFTER_TENS.get(units, DIGITS[units]))
    return words


def _words(n: int, *, leading: bool = True) -> list[str]:
    if n >= 1_000_000_000:
        high, low = divmod(n, 1_000_000_000)
        words = [*_words(high, leading=leading), "tỷ"]
        return words + (_words(low, leading=False) if low else [])
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for scale, group in reversed(list(enumerate(groups))):
        if group == 0:
            continue
        words += _below_thousand(group, leading=leading and not words)
        if scale:
            words.append(("", "nghìn", "triệu")[scale])
    return words


def read_number(n: int) -> str:
    """An integer in words: 2023 → "hai nghìn không trăm hai mươi ba"."""
    if n == 0:
        return "không"
    return " ".join(_words(n))


def read_digits(text: str) -> str:
    return " ".join(DIGITS[int(d)] for d in text if d.isdigit())


def read_decimal(text: str) -> str:
    """A written number: dots group thousands, a comma marks decimals ("1,5" → "một phẩy năm")."""
    whole, _, fraction = text.partition(",")
    spoken = read_number(int(whole.replace(".", "")))
    if fraction:
        if fraction.startswith("0") or len(fraction) > 3:
            spoken += " phẩy " + read_digits(fraction)
        else:
            spoken += " phẩy " + read_number(int(fraction))
    return spoken


def read_ordinal(n: int) -> str:
    return _ORDINALS.get(n, read_number(n))


def _month(m: int) -> str:
    return "tư" if m == 4 else read_number(m)


def _day(d: int) -> str:
    return ("mồng " if d <= 10 else "") + read_number(d)


def _document_number(match: re.Match) -> str:
    number, year, code = match.group(1), match.group(2), match.group(3)
    spoken = f"số {read_number(int(number))} năm {read_number(int(year))}"
    issuer = code.split("-", 1)[1] if "-" in code else ""
    if issuer in ABBREVIATIONS:
        # "Nghị định 49/2024/NĐ-CP": the kind is already said; the issuer is read out.
        spoken += " của " + ABBREVIATIONS[issuer]
    return spoken


def _full_date(match: re.Match) -> str:
    prefix, d, m, y = match.group(1), int(match.group(2)), int(match.group(3)), match.group(4)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return match.group(0)
    spoken = f"{_day(d)} tháng {_month(m)}"
    if y:
        spoken += f" năm {read_number(int(y))}"
    return f"{prefix.strip() if prefix else 'ngày'} {spoken}"


def _month_year(match: re.Match) -> str:
    m, y = int(match.group(2)), int(match.group(3))
    if not 1 <= m <= 12:
        return match.group(0)
    return f"{match.group(1)} {_month(m)} năm {read_number(int(y))}"


def _clock(match: re.Match) -> str:
    h, m = int(match.group(1)), int(match.group(2) or 0)
    if h > 23 or m > 59:
        return match.group(0)
    return f"{read_number(h)} giờ" + (f" {read_number(m)} phút" if m else "")


def _phone(match: re.Match) -> str:
    raw = match.group(0)
    parts = re.split(r"[ .]", raw) if re.search(r"[ .]", raw) else None
    if parts is None:
        parts = [raw[:4], raw[4:7], raw[7:]]
    return ", ".join(read_digits(p) for p in parts if p)


def _money(match: re.Match) -> str:
    scale = match.group(2)
    return read_decimal(match.group(1)) + (f" {scale}" if scale else "") + " đồng"


def _percent(match: re.Match) -> str:
    return read_decimal(match.group(1)) + " phần trăm"


def _range(match: re.Match) -> str:
    return f"{read_decimal(match.group(1))} đến {read_decimal(match.group(2))}"


def _ordinal(match: re.Match) -> str:
    return f"{match.group(1)} {read_ordinal(int(match.group(2)))}"


def _roman(match: re.Match) -> str:
    return f"{match.group(1)} {read_number(_ROMAN[match.group(2)])}"


_RULES: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?<![\d/])(\d{1,4})/(\d{4})/([A-ZĐa-zđ&]+(?:-[A-ZĐa-zđ&]+)*)"), _document_number),
    (
        re.compile(r"((?:[Nn]gày)\s+)?(?<![\d/])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?(?![\d/])"),
        None,
    ),
    (re.compile(r"([Tt]háng)\s+(\d{1,2})[/-](\d{4})(?!\d)"), _month_year),
    (re.compile(r"(?<![\d:])(\d{1,2})(?:h|giờ|:)(\d{2})?(?![\d:])"), _clock),
    (re.compile(r"(?<![\d.])0\d{2,3}(?:[ .]?\d{3}){2}\d?(?![\d.])"), _phone),
    (
        re.compile(rf"({_NUMBER})\s*(nghìn|triệu|tỷ)?\s*(?:đồng|VNĐ|VND|đ)(?![\wđ])"),
        _money,
    ),
    (re.compile(rf"({_NUMBER})\s*%"), _percent),
    (re.compile(rf"(?<![\d.,])({_NUMBER})\s*[-–]\s*({_NUMBER})(?![\d.,])"), _range),
    (re.compile(r"(thứ|Thứ|hạng|Hạng)\s+(\d{1,2})(?!\d)"), _ordinal),
    (re.compile(rf"{_ROMAN_AFTER}\s+(VIII|VII|VI|IV|IX|III|II|I|V|X)(?![\w])"), _roman),
]


def normalise(text: str) -> str:
    """The text as it should be spoken (see the module's docstring)."""
    text = unicodedata.normalize("NFC", text or "")
    for pattern, handler in _RULES:
        if handler is None:
            # A date: "ngày 15/11/2023" keeps one "ngày".
            text = pattern.sub(_full_date, text)
        else:
            text = pattern.sub(handler, text)
    text = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], text)
    text = re.sub(_NUMBER, lambda m: read_decimal(m.group(0)), text)
    return re.sub(r"[ \t]+", " ", text).strip()
