"""Vietnamese text: normalisation, invisible-character removal, folding for search, slugs.

Folding maps every Vietnamese letter to its base Latin letter *one character for one character*
(``"Đường" -> "duong"``), so offsets found in folded text are offsets in the original: search
highlighting relies on that. The usual NFD-and-strip trick leaves ``đ`` alone, because ``đ`` is a
letter of its own in Unicode, not ``d`` plus a mark; it is mapped explicitly.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import slugify as django_slugify
from django.utils.translation import gettext_lazy as _

# Zero-width, bidi embedding/override/isolate marks, BOM, soft hyphen, Arabic letter mark.
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE_CHARS}
# C0/C1 controls other than tab, newline and carriage return.
_CONTROL_TABLE = {c: None for c in [*range(0, 32), 127, *range(128, 160)] if chr(c) not in "\t\n\r"}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base != char:
            table[code] = base.lower()
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("ð"): "d", ord("Ð"): "d"})
    return table


_FOLD_TABLE = {**_build_fold_table(), **_INVISIBLE_TABLE}  # one pass: fold and drop invisibles
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# Body text: bidi embeddings, overrides, isolates and marks are removed (U+202A–U+202E,
# U+2066–U+2069, U+200E, U+200F, U+061C): Vietnamese is written left to right and a stray
# override (U+202E) only disguises text. Zero-width characters are removed too (U+200B, U+200C,
# U+2060–U+2064, U+FEFF, U+180E, soft hyphen U+00AD): Vietnamese needs none of them. The one kept
# is the zero-width joiner U+200D between two emoji (family, profession emoji), where it joins;
# anywhere else it is removed.
_BODY_TABLE = {c: None for c in map(ord, INVISIBLE_CHARS) if c != 0x200D}
_ZWJ = "\u200d"


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or code == 0xFE0F


def _drop_lone_joiners(text: str) -> str:
    if _ZWJ not in text:
        return text
    out = []
    for i, char in enumerate(text):
        if char == _ZWJ and not (
            0 < i < len(text) - 1 and _is_emoji(text[i - 1]) and _is_emoji(text[i + 1])
        ):
            continue
        out.append(char)
    return "".join(out)


def normalize_text(value: str) -> str:
    """The one rule for body text, applied to every input: NFC, control characters dropped
    (tab and newlines kept), bidi controls and zero-width characters dropped (the joiner kept
    between two emoji only)."""
    text = unicodedata.normalize("NFC", value).translate(_CONTROL_TABLE).translate(_BODY_TABLE)
    return _drop_lone_joiners(text)


def clean_name(value: str) -> str:
    """For names, titles and slugs: NFC, no controls, no zero-width/bidi marks, single spaces."""
    text = normalize_text(value).translate(_INVISIBLE_TABLE)
    return re.sub(r"\s+", " ", text).strip()


def fold(value: str) -> str:
    """Lower-case, tone- and mark-free form for search and duplicate checks.

    ``fold("GIẢM NGHÈO") == "giam ngheo"``; NFD input folds the same as NFC input. The result
    has the same length as ``normalize_text(value).lower()`` for Vietnamese text.
    """
    text = unicodedata.normalize("NFC", value).lower().translate(_FOLD_TABLE)
    # Combining marks left over (letters outside the table, stray marks in NFD input).
    if _COMBINING.search(text):
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text


def slugify_vi(value: str, *, max_length: int = 80) -> str:
    """``"Giảm nghèo bền vững" -> "giam-ngheo-ben-vung"``."""
    slug = django_slugify(fold(clean_name(value)))
    return slug[:max_length].strip("-")


def _vietnamese_letter_classes() -> list[tuple[str, str]]:
    """Every Vietnamese letter with a mark, grouped by the ASCII letter it folds to."""
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    groups: dict[str, set[str]] = {}
    for base in (
        "a",
        "a\u0306",
        "a\u0302",
        "e",
        "e\u0302",
        "i",
        "o",
        "o\u0302",
        "o\u031b",
        "u",
        "u\u031b",
        "y",
    ):
        for tone in tones:
            for letter in (base, base.upper()):
                char = unicodedata.normalize("NFC", letter + tone)
                if len(char) == 1 and not char.isascii():
                    groups.setdefault(
                        fold(char) if char.islower() else fold(char).upper(), set()
                    ).add(char)
    groups["d"], groups["D"] = {"đ"}, {"Đ"}
    return [(f"[{''.join(sorted(chars))}]", ascii_) for ascii_, chars in sorted(groups.items())]


# The formatters of Wagtail's slug field (``SlugInput(formatters=...)``): run in the browser
# before its ASCII slug is made, so "Hội nghị sơ kết" becomes "hoi-nghi-so-ket" as the editor
# types, as :func:`slugify_vi` makes it on the server, instead of "hi-ngh-s-kt".
VI_SLUG_FORMATTERS: list[tuple[str, str]] = _vietnamese_letter_classes()


_URLIFY_SINGLE = "àáâãèéêìíîòóôõùúýăÀÁÂÃÈÉÊÌÍÎÒÓÔÕÙÚÝĂ"


def browser_urlify(value: str) -> str:
    """The slug Wagtail's admin JavaScript proposes for a title in ASCII mode.

    Its transliteration maps only single-accent Latin letters (and ``đ`` to ``dj``, the Serbian
    rule) and drops every other Vietnamese letter: "Hội nghị" becomes "hi-ngh". Used to recognise
    such a slug and replace it with :func:`slugify_vi`.
    """
    out = []
    for char in unicodedata.normalize("NFC", value).lower():
        if char in _URLIFY_SINGLE.lower():
            out.append(unicodedata.normalize("NFD", char)[0])
        elif char == "đ":
            out.append("dj")
        elif char.isascii():
            out.append(char)
    text = re.sub(r"[^\w\s-]", "", "".join(out)).strip()
    return re.sub(r"[-\s]+", "-", text)


_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")


def normalise_phone(value: str) -> str:
    """A Vietnamese phone number in national form: a mobile number is ``0`` + 9 digits
    (``0912345678``), a landline ``02`` + area code + subscriber, 11 digits (``02043854123``),
    as numbered since the 2017–2018 renumbering.

    Accepted: ``0912345678``, ``0912 345 678``, ``0912.345.678``, ``0912-345-678``,
    ``+84 912 345 678``, ``84912345678``, ``0084912345678`` and the common ``+84 (0) 912…``.
    Anything else comes back as its digits only: it still compares equal to itself, but is never
    turned into a national number it is not.
    """
    digits = re.sub(r"\D", "", _PHONE_SEPARATORS.sub("", value or ""))
    candidate = digits
    if digits.startswith("0084"):
        digits = digits[2:]
    if digits.startswith("84") and not is_national_phone(candidate):
        national = digits[2:]
        candidate = "0" + (national[1:] if national.startswith("0") else national)
    return candidate if is_national_phone(candidate) else re.sub(r"\D", "", value or "")


def validate_phone(value: str) -> str:
    """The one phone rule of every form and API: a Vietnamese number (mobile or landline, in any
    of the spellings ``normalise_phone`` accepts), given back in national form; anything else
    raises ValidationError with the same Vietnamese message everywhere. Empty stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    phone = normalise_phone(value) if len(value) <= 30 else ""
    if not is_national_phone(phone):
        raise ValidationError(_("Số điện thoại không hợp lệ."), code="invalid_phone")
    return phone


def is_national_phone(value: str) -> bool:
    """A mobile (``0`` + 9 digits, the second not ``0`` or ``2``) or landline (``02`` + 9
    digits) number in national form. ``00`` opens an international call."""
    if not value.isdigit() or value[:1] != "0":
        return False
    if value[1:2] == "2":
        return len(value) == 11
    return len(value) == 10 and value[1:2] != "0"


def subject_key(value: str) -> str:
    """The identifier under which a personal-data subject's consent and requests are filed:
    lower-cased e-mail address or phone number in national form (0912345678), else the value
    stripped."""
    value = (value or "").strip()
    if "@" in value:
        return value.lower()
    phone = normalise_phone(value)
    return phone if is_national_phone(phone) else value
