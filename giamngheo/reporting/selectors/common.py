"""What every part of the reporting reads shares: constants, day helpers, id parsing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.enums import Role

MISSING = "missing"
MISSING_LABEL = _("Chưa báo cáo")
REPORTING_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.UNIT_OFFICER, Role.APPROVER})
ZERO = Decimal(0)


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


def _today() -> date:
    return timezone.localdate()


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in Asia/Ho_Chi_Minh (the project's TIME_ZONE)."""
    return timezone.localtime(moment).date()
