"""Working days on the Vietnamese calendar.

Weekends, Tết and public holidays come from the ``holidays`` package (``holidays.VN``, which
knows the lunar dates and the observed days); the compensatory days-off and make-up working
Saturdays that the Government announces each year are ``CalendarException`` rows. All dates are
calendar dates in Asia/Ho_Chi_Minh: convert an aware datetime with ``localdate()`` first.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from .cache import memoised
from .enums import CalendarExceptionKind
from .models import CalendarException


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def _exceptions(start: date, end: date) -> tuple[set[date], set[date]]:
    days_off: set[date] = set()
    workdays: set[date] = set()
    for day, kind in CalendarException.objects.filter(date__range=(start, end)).values_list(
        "date", "kind"
    ):
        (days_off if kind == CalendarExceptionKind.HOLIDAY else workdays).add(day)
    return days_off, workdays


class WorkingCalendar:
    """Answers "is this a working day" for a bounded range with one database query."""

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end
        self.days_off, self.workdays = _exceptions(start, end)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.days_off or day.weekday() >= 5:
            return False
        return day not in _national_holidays(day.year)


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    A feedback received on Friday 28/4/2023 with 5 working days is due on Wednesday 10/5/2023
    (29/4–3/5 are the Reunification Day and Labour Day holidays with their bridge days).
    Memoised until a calendar exception changes (core.cache.memoised): every item received on
    one day shares its deadline.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    return memoised(("workdays.add", start, days), lambda: _add_working_days(start, days))


def _add_working_days(start: date, days: int) -> date:
    # Tết can close ~9 consecutive days; a generous window keeps this to one query.
    window_end = start + timedelta(days=days * 2 + 30)
    calendar = WorkingCalendar(start, window_end)
    current, remaining = start, days
    while remaining:
        current += timedelta(days=1)
        if current > calendar.end:
            calendar = WorkingCalendar(current, current + timedelta(days=remaining * 2 + 30))
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def count_working_days(start: date, end: date) -> int:
    """Working days in the half-open interval (start, end]; negative when end is before start."""
    if end < start:
        return -count_working_days(end, start)
    calendar = WorkingCalendar(start, end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=offset))
    )
