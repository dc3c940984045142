"""The coverage report's weeks (``selectors.coverage``): Monday to Sunday in Asia/Ho_Chi_Minh,
counted in the database by integer arithmetic on the stored instant — exact at the midnight
between two weeks, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from giamngheo.broadcasts import selectors, services
from giamngheo.broadcasts.models import Bulletin
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
    from giamngheo.broadcasts.models import Airing

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
