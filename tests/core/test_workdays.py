from datetime import date

import pytest

from giamngheo.core.enums import CalendarExceptionKind
from giamngheo.core.models import CalendarException
from giamngheo.core.workdays import add_working_days, count_working_days, is_working_day

pytestmark = pytest.mark.django_db


def test_add_working_days_skips_reunification_and_labour_day_2023():
    # Fri 28/4/2023: 29/4–3/5 are holidays (with observed days), 6–7/5 a weekend.
    assert add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 10)


def test_add_working_days_skips_tet_2023():
    # Tết Quý Mão: 20/1–26/1/2023 are days off; Thu 19/1 + 1 working day is Fri 27/1.
    assert add_working_days(date(2023, 1, 19), 1) == date(2023, 1, 27)


def test_add_working_days_zero_returns_same_day():
    assert add_working_days(date(2023, 11, 15), 0) == date(2023, 11, 15)


def test_add_working_days_negative_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2023, 11, 15), -1)


def test_count_working_days_over_national_day_2023():
    # (31/8, 8/9]: 1/9, 2/9 (Sat), 4/9 observed off; working: 5, 6, 7, 8/9.
    assert count_working_days(date(2023, 8, 31), date(2023, 9, 8)) == 4


def test_count_working_days_reversed_is_negative():
    assert count_working_days(date(2023, 9, 8), date(2023, 8, 31)) == -4


def test_configured_compensatory_day_off_and_makeup_saturday():
    CalendarException.objects.create(date=date(2023, 11, 13), kind=CalendarExceptionKind.HOLIDAY)
    CalendarException.objects.create(date=date(2023, 11, 18), kind=CalendarExceptionKind.WORKDAY)
    assert not is_working_day(date(2023, 11, 13))
    assert is_working_day(date(2023, 11, 18))
    # Fri 10/11 + 2: Mon 13 off, Tue 14, Wed 15.
    assert add_working_days(date(2023, 11, 10), 2) == date(2023, 11, 15)
    # (17/11, 20/11]: Sat 18 worked, Sun 19 off, Mon 20.
    assert count_working_days(date(2023, 11, 17), date(2023, 11, 20)) == 2


def test_add_working_days_uses_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(date(2023, 1, 2), 60)
