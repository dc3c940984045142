"""Amounts of the fund: whole đồng, written ``1.234.567``, read by ``core.numbers``.

People type ``1.234.567``, ``1234567`` or ``1 234 567``; bank statements add ``1,234,567`` and a
zero fraction (``1,234,567.00``, ``1.234.567,00``). A separator groups exactly three digits, so
``1.000`` is one thousand and ``1.00`` can only be a zero fraction — the two never collide.
"""

from __future__ import annotations

from giamngheo.core import numbers

# One gift or one payment above this is a typing error, not a donation (100 tỷ đồng).
MAX_AMOUNT = 100_000_000_000

format_money = numbers.format_number


def parse_money(text, *, allow_zero: bool = False) -> int:
    """The whole number of đồng ``text`` says, or a ValidationError in Vietnamese."""
    return numbers.parse_money(text, min_value=0 if allow_zero else 1, max_value=MAX_AMOUNT)


class MoneyField(numbers.MoneyField):
    """A gift or a payment: more than 0 and at most ``MAX_AMOUNT`` đồng."""

    def __init__(self, *, min_value: int = 1, max_value: int = MAX_AMOUNT, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
