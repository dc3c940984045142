"""Whole numbers as Vietnamese people write them: money in đồng and quantities.

``15.000.000``, ``15000000`` and ``15 000 000`` are one number. In Vietnamese the dot groups
thousands and the comma is the decimal point; spreadsheets in English write ``15,000,000`` and
``15,000,000.00``. A separator that groups always groups exactly three digits, all groups alike,
so ``1.000`` is one thousand and ``12,5`` or ``15.000,5`` can only be a fraction — refused, since
an amount is whole đồng and a quantity whole units. A zero fraction (``1.234.567,00``, copied
from a bank statement) is the same whole number.

A browser's ``<input type=number>`` reads ``15.000.000`` as 15 (the dot is its decimal point):
the fields here are text inputs with ``inputmode="numeric"`` that show the value back grouped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import register_display_class

# Anything longer is not a number anyone typed (and is never handed to int()).
MAX_CHARS = 40
# 1.000 tỷ đồng: above any budget of a province, inside a signed 64-bit column.
MAX_MONEY = 1_000_000_000_000
MAX_QUANTITY = 1_000_000

# Spaces people and programs put between groups: space, no-break, narrow no-break, thin, figure.
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\u2007]+")
_CURRENCY = re.compile(r"\s*(?:đồng|vnđ|vnd|đ)\.?$", re.IGNORECASE)
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?P<sep>[., ])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
_WITH_FRACTION = re.compile(
    r"(?P<whole>[0-9]+|[0-9]{1,3}(?P<sep>[., ])[0-9]{3}(?:(?P=sep)[0-9]{3})*)"
    r"(?P<point>[.,])(?P<fraction>[0-9]+)"
)


@dataclass(frozen=True)
class NumberWords:
    """The Vietnamese messages of one kind of number; ``%(value)s`` is what was typed,
    ``%(min)s`` and ``%(max)s`` the bounds written grouped, ``%(unit)s`` the unit."""

    required: str | Promise
    negative: str | Promise
    fraction: str | Promise
    invalid: str | Promise
    positive: str | Promise
    min_value: str | Promise
    max_value: str | Promise


MONEY_WORDS = NumberWords(
    required=_("Chưa nhập số tiền."),
    negative=_("Số tiền không được âm."),
    fraction=_("Số tiền tính bằng đồng, không có phần lẻ: “%(value)s”."),
    invalid=_("“%(value)s” không phải là số tiền (ví dụ: 1.234.567)."),
    positive=_("Số tiền phải lớn hơn 0."),
    min_value=_("Số tiền phải từ %(min)s đồng trở lên."),
    max_value=_("Số tiền vượt quá mức cho phép (%(max)s đồng)."),
)

QUANTITY_WORDS = NumberWords(
    required=_("Chưa nhập số lượng."),
    negative=_("Số lượng không được âm."),
    fraction=_("Số lượng là số nguyên, không có phần lẻ: “%(value)s”."),
    invalid=_("“%(value)s” không phải là số lượng (ví dụ: 1.234)."),
    positive=_("Số lượng phải lớn hơn 0."),
    min_value=_("Số lượng phải từ %(min)s trở lên."),
    max_value=_("Số lượng vượt quá mức cho phép (%(max)s%(unit)s)."),
)


def format_number(value) -> str:
    """``15000000`` → ``15.000.000``; None → ``""``; a sign kept."""
    if value is None or value == "":
        return ""
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def _fail(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def parse_number(
    text,
    *,
    words: NumberWords = QUANTITY_WORDS,
    min_value: int = 0,
    max_value: int = MAX_QUANTITY,
    unit: str | Promise = "",
    currency: bool = False,
) -> int:
    """The whole number ``text`` says, within ``[min_value, max_value]``, or a ValidationError
    with the message of ``words``. ``currency`` also accepts a trailing ``đ``, ``đồng``, ``VNĐ``."""
    unit_text = f" {unit}" if unit else ""
    bounds = {
        "min": format_number(min_value),
        "max": format_number(max_value),
        "unit": unit_text,
    }
    if isinstance(text, bool):
        raise _fail(words.invalid, "invalid", value=str(text))
    if isinstance(text, int):
        value = text
    else:
        shown = str(text if text is not None else "").strip()
        if len(shown) > MAX_CHARS:
            raise _fail(words.max_value, "max_value", **bounds)
        raw = _SPACES.sub(" ", shown)
        if currency:
            raw = _CURRENCY.sub("", raw).strip()
        if not raw:
            raise _fail(words.required, "required")
        if raw[0] in "-−–":
            raise _fail(words.negative, "negative")
        raw = raw.removeprefix("+").strip()
        if _PLAIN.fullmatch(raw):
            value = int(raw)
        elif _GROUPED.fullmatch(raw):
            value = int(re.sub(r"[^0-9]", "", raw))
        else:
            decimal = _WITH_FRACTION.fullmatch(raw)
            # Three digits after a second kind of separator (``15 000.000``) is mixed grouping,
            # not a fraction: refused rather than guessed.
            if (
                decimal is None
                or decimal["point"] == decimal["sep"]
                or len(decimal["fraction"]) == 3
            ):
                raise _fail(words.invalid, "invalid", value=shown)
            if set(decimal["fraction"]) != {"0"}:
                raise _fail(words.fraction, "fraction", value=shown)
            value = int(re.sub(r"[^0-9]", "", decimal["whole"]))
    if value < 0:
        raise _fail(words.negative, "negative")
    if value < min_value:
        if min_value == 1:
            raise _fail(words.positive, "min_value")
        raise _fail(words.min_value, "min_value", **bounds)
    if value > max_value:
        raise _fail(words.max_value, "max_value", **bounds)
    return value


def parse_money(text, *, min_value: int = 0, max_value: int = MAX_MONEY) -> int:
    """A whole number of đồng: ``15.000.000``, ``15000000``, ``15 000 000``, ``15.000.000 đ``."""
    return parse_number(
        text, words=MONEY_WORDS, min_value=min_value, max_value=max_value, currency=True
    )


def parse_quantity(
    text, *, min_value: int = 0, max_value: int = MAX_QUANTITY, unit: str | Promise = ""
) -> int:
    return parse_number(
        text, words=QUANTITY_WORDS, min_value=min_value, max_value=max_value, unit=unit
    )


class NumberInput(forms.TextInput):
    """A text box for whole numbers: the phone shows digits, the browser leaves dots alone."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "maxlength": str(MAX_CHARS)}
        super().__init__({**defaults, **(attrs or {})})


class WholeNumberField(forms.Field):
    """A whole number typed the Vietnamese way and shown back grouped (``15.000.000``).

    ``error_messages`` may override any message of ``words`` by its code (``negative``,
    ``fraction``, ``invalid``, ``min_value``, ``max_value``) — a form that asks for one person's
    income says so in its own words.
    """

    widget = NumberInput
    words: NumberWords = QUANTITY_WORDS
    currency = False
    default_max_value = MAX_QUANTITY

    def __init__(
        self,
        *,
        min_value: int = 0,
        max_value: int | None = None,
        unit: str | Promise = "",
        **kwargs,
    ):
        self.min_value = min_value
        self.max_value = self.default_max_value if max_value is None else max_value
        self.unit = unit
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        try:
            return parse_number(
                value,
                words=self.words,
                min_value=self.min_value,
                max_value=self.max_value,
                unit=self.unit,
                currency=self.currency,
            )
        except ValidationError as exc:
            custom = self.error_messages.get(exc.code) if exc.code != "required" else None
            if custom is not None:
                raise ValidationError(custom, code=exc.code, params=exc.params) from None
            raise

    def prepare_value(self, value):
        # A bound form shows back what was typed; an int (initial, saved) is shown grouped.
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value)
        return value

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class MoneyField(WholeNumberField):
    """A whole number of đồng; a trailing ``đ``/``đồng``/``VNĐ`` is accepted."""

    words = MONEY_WORDS
    currency = True
    default_max_value = MAX_MONEY


class QuantityField(WholeNumberField):
    """A count of things (copies, articles, households); ``unit`` names them in messages."""


class GroupedNumberDisplay(Component):
    """An admin inspect view's whole number, grouped: ``140.000.000``, not ``140000000``."""

    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return format_number(self.value)
        return conditional_escape("" if self.value is None else self.value)


# Money and counts are stored in these column types; a small integer — a year, a position, a
# number of days — is a (Positive)SmallIntegerField and keeps its plain digits.
GROUPED_FIELD_CLASSES = (
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.BigIntegerField,
)


def is_grouped_field(model, name: str) -> bool:
    """Whether ``model.name`` is a figure shown grouped (``140.000.000``) in admin lists."""
    try:
        field = model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return False
    return type(field) in GROUPED_FIELD_CLASSES


def register_number_display() -> None:
    """Group the figures of the admin's inspect views."""
    for field_class in GROUPED_FIELD_CLASSES:
        register_display_class(field_class, display_class=GroupedNumberDisplay, exact_class=True)
