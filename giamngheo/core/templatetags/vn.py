"""Template filters for Vietnamese formats and safe rich text."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..html import sanitize_html

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    """``1234567 -> "1.234.567"`` in Vietnamese, ``"1,234,567"`` in English."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return value
    return number_format(number, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def richtext_safe(value):
    """Wagtail's rich text expanded to HTML, then sanitised again on the way out."""
    if not value:
        return ""
    return mark_safe(sanitize_html(expand_db_html(str(value))))  # noqa: S308 — cleaned by nh3
