"""Amounts of the fund: whole đồng, written ``1.234.567``.

People type ``1.234.567``, ``1234567`` or ``1 234 567``; bank statements add ``1,234,567`` and a
zero fraction (``1,234,567.00``, ``1.234.567,00``). A separator groups exactly three digits, so
``1.000`` is one thousand and ``1.00`` can only be a zero fraction — the two never collide.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# One gift or one payment above this is a typing error, not a donation (100 tỷ đồng).
MAX_AMOUNT = 100_000_000_000

_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|d)\.?\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_FRACTION = re.compile(r"^(?P<whole>.+?)[.,](?P<fraction>\d{1,2})$")
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*$")


def format_money(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def parse_money(text, *, allow_zero: bool = False) -> int:
    """The whole number of đồng ``text`` says, or a ValidationError in Vietnamese."""
    if isinstance(text, int):
        value = text
    else:
        raw = _CURRENCY.sub("", str(text or "").strip())
        raw = _SPACES.sub("", raw)
        if not raw:
            raise ValidationError(_("Chưa nhập số tiền."), code="required")
        if raw.startswith("-"):
            raise ValidationError(_("Số tiền không được âm."), code="negative")
        raw = raw.removeprefix("+")
        fraction = _FRACTION.match(raw)
        if (
            fraction
            and not _GROUPED.match(raw)
            and (fraction["whole"].isdigit() or _GROUPED.match(fraction["whole"]))
        ):
            if set(fraction["fraction"]) != {"0"}:
                raise ValidationError(
                    _("Số tiền tính bằng đồng, không có phần lẻ: “%(value)s”."),
                    code="fraction",
                    params={"value": text},
                )
            raw = fraction["whole"]
        if raw.isdigit():
            value = int(raw)
        elif _GROUPED.match(raw):
            value = int(re.sub(r"[.,]", "", raw))
        else:
            raise ValidationError(
                _("“%(value)s” không phải là số tiền (ví dụ: 1.234.567)."),
                code="invalid",
                params={"value": text},
            )
    if value < 0:
        raise ValidationError(_("Số tiền không được âm."), code="negative")
    if value == 0 and not allow_zero:
        raise ValidationError(_("Số tiền phải lớn hơn 0."), code="zero")
    if value > MAX_AMOUNT:
        raise ValidationError(
            _("Số tiền vượt quá mức cho phép (%(max)s đồng)."),
            code="too_large",
            params={"max": format_money(MAX_AMOUNT)},
        )
    return value


class MoneyField(forms.CharField):
    """A whole number of đồng, shown and accepted as ``1.234.567``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("maxlength", "40")
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        return format_money(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_money(value)
