"""Times shown to a person are Asia/Ho_Chi_Minh (settings.TIME_ZONE), wherever they are written.

Wagtail's inspect views render a value with ``{{ value|localize }}``: the filter formats the
aware datetime as stored (UTC) before Django's template layer could convert it, so "18 giờ 41"
read "11 giờ 41". ``LocalDateTimeDisplay``, registered for every DateTimeField, converts first.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import register_display_class


def local(value: datetime) -> datetime:
    """An aware datetime in the site's time zone (a naive one is taken as already local)."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


class LocalDateTimeDisplay(Component):
    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        if isinstance(self.value, datetime):
            return date_format(local(self.value), "DATETIME_FORMAT")
        return conditional_escape("" if self.value is None else self.value)


def register_datetime_display() -> None:
    register_display_class(models.DateTimeField, display_class=LocalDateTimeDisplay)
