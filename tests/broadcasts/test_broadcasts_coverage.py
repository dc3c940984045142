"""The coverage report's weeks (``selectors.coverage``): Monday to Sunday in Asia/Ho_Chi_Minh,
counted in the database by integer arithmetic on the stored instant — exact at the midnight
between two weeks, on SQLite and on PostgreSQL alike. A period that starts or ends inside a
week has partial first and last weeks: only their days in the period count, they weigh in the
weekly share by their days, and the screen labels them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.broadcasts import selectors, services
from giamngheo.broadcasts.models import Airing, Bulletin
from giamngheo.planning import registry
from giamngheo.planning.models import Activity
from tests.factories import HCM

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second, micro), tzinfo=HCM)


def test_an_airing_belongs_to_the_week_of_its_local_day_to_the_microsecond(radio):
    bulletin = radio.sent(
        air_from=date(2023, 11, 13), air_to=date(2023, 11, 26), valid_until=date(2023, 11, 30)
    )
    recorded = _at(date(2023, 11, 27), 9)
    for commune, aired in (
        ("C1a", _at(date(2023, 11, 19), 23, 59, 59, 999_999)),  # Sunday, last instant
        ("C1b", _at(date(2023, 11, 20), 0)),  # Monday midnight: the next week
        ("C2a", _at(date(2023, 11, 20), 0, 0, 0, 500_000)),
    ):
        services.confirm_airing(
            actor=radio.users[f"operator_{commune.lower()}"],
            delivery=radio.delivery(bulletin, commune),
            aired_at=aired,
            at=recorded,
        )
    report = selectors.coverage(
        bulletins=Bulletin.objects.all(), start=date(2023, 11, 13), end=date(2023, 11, 26)
    )
    assert report.weeks == [date(2023, 11, 13), date(2023, 11, 20)]
    assert report.share_by_week == [1 / 3, 2 / 3]
    assert [(r.commune.name, r.airings, r.weeks_aired) for r in report.rows] == [
        ("Xã C1a", 1, 1),
        ("Xã C1b", 1, 1),
        ("Xã C2a", 1, 1),
    ]
    # The week arithmetic and the comparisons with each Monday's midnight agree.
    tz = HCM
    weeks = report.weeks
    arithmetic = selectors._week_of("aired_at", weeks=weeks, tz=tz)
    assert isinstance(arithmetic, selectors.WeekNumber)
    by_number = dict(
        Airing.objects.annotate(week=arithmetic).values_list("delivery__commune__code", "week")
    )
    by_case = dict(
        Airing.objects.annotate(
            week=selectors._week_index("aired_at", weeks=weeks, tz=tz)
        ).values_list("delivery__commune__code", "week")
    )
    assert (
        by_number
        == by_case
        == {
            radio.units["C1a"].code: 0,
            radio.units["C1b"].code: 1,
            radio.units["C2a"].code: 1,
        }
    )


def _sent_week(radio, monday: date, *, duration: float = 60.0):
    bulletin = radio.sent(
        air_from=monday,
        air_to=monday + timedelta(days=6),
        valid_until=monday + timedelta(days=6),
        at=_at(monday, 7),
    )
    version = bulletin.versions.get()
    version.duration_seconds = duration
    version.save(update_fields=["duration_seconds"])
    return bulletin


def _air(radio, bulletin, commune: str, day: date) -> None:
    services.confirm_airing(
        actor=radio.users[f"operator_{commune.lower()}"],
        delivery=radio.delivery(bulletin, commune),
        aired_at=_at(day, 17),
        at=_at(day, 18),
    )


@pytest.fixture
def mid_week(radio):
    """Weekly bulletins of 13/11, 20/11 and 27/11/2023 to C1a, C1b, C2a (one minute each), for
    a period from Wednesday 15/11 to Tuesday 28/11: C1a airs on Monday 13/11 (before the
    period) and on 21/11; C1b on 16/11 and on Wednesday 29/11 (after it); C2a on 22/11 and
    on 28/11."""
    first, second, third = (
        _sent_week(radio, date(2023, 11, 13)),
        _sent_week(radio, date(2023, 11, 20)),
        _sent_week(radio, date(2023, 11, 27)),
    )
    for bulletin, commune, day in (
        (first, "C1a", date(2023, 11, 13)),
        (first, "C1b", date(2023, 11, 16)),
        (second, "C1a", date(2023, 11, 21)),
        (second, "C2a", date(2023, 11, 22)),
        (third, "C2a", date(2023, 11, 28)),
        (third, "C1b", date(2023, 11, 29)),
    ):
        _air(radio, bulletin, commune, day)
    return radio


PERIOD = (date(2023, 11, 15), date(2023, 11, 28))


def test_partial_first_and_last_weeks_count_only_their_days_in_the_period(mid_week):
    report = selectors.coverage(bulletins=Bulletin.objects.all(), start=PERIOD[0], end=PERIOD[1])
    assert report.weeks == [date(2023, 11, 13), date(2023, 11, 20), date(2023, 11, 27)]
    assert report.days_by_week == [5, 7, 2]
    assert report.week_ranges() == [
        (date(2023, 11, 15), date(2023, 11, 19), 5),
        (date(2023, 11, 20), date(2023, 11, 26), 7),
        (date(2023, 11, 27), date(2023, 11, 28), 2),
    ]
    # Monday 13/11 (C1a) and Wednesday 29/11 (C1b) are outside the period.
    assert report.share_by_week == [1 / 3, 2 / 3, 1 / 3]
    assert [(r.commune.name, r.airings, r.weeks_aired, r.minutes) for r in report.rows] == [
        ("Xã C1a", 1, 1, 1),
        ("Xã C1b", 1, 1, 1),
        ("Xã C2a", 2, 2, 2),
    ]
    assert (report.communes_reached, report.minutes) == (3, 4)
    # Weighted by days: (1/3 × 5 + 2/3 × 7 + 1/3 × 2) / 14 = 1/2 (a plain mean of the three
    # weeks would say 4/9, the five-day and two-day weeks counted as full ones).
    assert round(report.share, 12) == 0.5


def test_the_measures_and_the_report_agree_on_the_partial_weeks(mid_week):
    activities = Activity.objects.filter(subplan__plan=mid_week.plan)
    start, end = PERIOD
    assert registry.totals(
        activities=activities,
        start=start,
        end=end,
        codes=["radio.airings_confirmed", "radio.communes_reached", "radio.minutes_aired"],
    ) == {"radio.airings_confirmed": 4, "radio.communes_reached": 3, "radio.minutes_aired": 4}
    share = registry.in_area(
        code="radio.weekly_share",
        activities=activities,
        unit=mid_week.units["P"],
        start=start,
        end=end,
    )
    assert share == Decimal("50.0")


def test_the_coverage_screen_labels_the_partial_weeks(mid_week):
    client = Client()
    client.force_login(mid_week.users["province_admin"])
    response = client.get(
        reverse("broadcasts_coverage") + "?start=2023-11-15&end=2023-11-28",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "3/3 xã đã phát sóng; 4 phút đã phát." in page
    assert "Tỷ lệ xã phát sóng hằng tuần: 50,0%." in page
    assert "<title>15/11–19/11/2023 (5 ngày): 33%</title>" in page
    assert "<title>20/11–26/11/2023: 67%</title>" in page
    assert "<title>27/11–28/11/2023 (2 ngày): 33%</title>" in page
    partial = page[page.index('id="coverage-partial-weeks"') :]
    partial = " ".join(partial[: partial.index("</p>")].split())
    assert "15/11/2023–19/11/2023 (5 ngày); 27/11/2023–28/11/2023 (2 ngày)" in partial
    # The partial bars are as wide as their share of a week: 8 × 5/7 and 8 × 2/7.
    assert 'class="radio-bar radio-bar-partial" x="0" width="6"' in page
    assert 'class="radio-bar" x="10" width="8"' in page
    assert 'class="radio-bar radio-bar-partial" x="20" width="2"' in page
