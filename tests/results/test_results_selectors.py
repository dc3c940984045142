"""Reads: totals by year, the breakdown as of the year and rolled into today's map, sorting,
communication results and feedback statistics; constant queries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.results import selectors
from giamngheo.results.enums import Structure
from giamngheo.results.models import rate

from .conftest import ORGANISATION, SOURCE, review_inputs

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def _figures(f):
    return (
        f.total_households,
        f.poor,
        f.poor_rate,
        f.near_poor,
        f.near_poor_rate,
        f.escaped,
        f.newly_poor,
    )


def test_rate_rounds_half_up_to_two_places_and_is_none_without_households():
    assert rate(1, 3) == Decimal("33.33")
    assert rate(1, 8) == Decimal("12.50")
    assert rate(1, 800) == Decimal("0.13")  # 0.125 → 0.13
    assert rate(5, 0) is None


def test_province_by_year_sums_the_communes_of_each_year_with_sources(reviews):
    rows = selectors.province_by_year(unit=reviews["P"])
    assert [r.year for r in rows] == [2023, 2024]
    assert _figures(rows[0].figures) == (5000, 180, Decimal("3.60"), 205, Decimal("4.10"), 36, 8)
    assert rows[0].figures.reporting_units == 4
    assert rows[0].as_of == date(2023, 12, 31)
    assert [(s.source, s.organisation, s.as_of) for s in rows[0].sources] == [
        (SOURCE, ORGANISATION, date(2023, 12, 31))
    ]
    assert _figures(rows[1].figures) == (1010, 80, Decimal("7.92"), 40, Decimal("3.96"), 25, 5)


def test_breakdown_as_of_the_year_rolls_communes_into_their_2023_districts(reviews):
    data = selectors.breakdown(unit=reviews["P"], year=2023)
    assert [r.name for r in data.rows] == ["Huyện Miền Núi", "Huyện Đồng Bằng"]
    assert _figures(data.rows[0].figures) == (
        3000,
        150,
        Decimal("5.00"),
        150,
        Decimal("5.00"),
        30,
        7,
    )
    assert _figures(data.rows[1].figures) == (2000, 30, Decimal("1.50"), 55, Decimal("2.75"), 6, 1)
    assert _figures(data.total) == (5000, 180, Decimal("3.60"), 205, Decimal("4.10"), 36, 8)
    assert data.as_of == date(2023, 12, 31)


def test_breakdown_of_a_district_lists_its_communes_including_those_without_data(reviews):
    data = selectors.breakdown(unit=reviews["D1"], year=2024)
    assert [(r.name, r.figures.has_data) for r in data.rows] == [
        ("Xã C1a", True),
        ("Xã C1b", False),
    ]
    assert data.rows[0].figures.poor_rate == Decimal("7.92")


def test_breakdown_of_a_commune_is_that_commune(reviews):
    data = selectors.breakdown(unit=reviews["C2a"], year=2023)
    assert [(r.name, r.figures.poor) for r in data.rows] == [("Xã C2a", 30)]


def test_breakdown_in_todays_structure_follows_the_successions(reviews):
    data = selectors.breakdown(unit=reviews["P"], year=2023, structure=Structure.TODAY, today=TODAY)
    assert [(r.name, r.parent_name) for r in data.rows] == [
        ("Xã Mới 1", "Tỉnh Hợp Nhất"),
        ("Xã Mới 2", "Tỉnh Hợp Nhất"),
    ]
    assert [r.figures.poor for r in data.rows] == [150, 30]
    assert data.total.poor == 180
    # The boundaries shown hold from the reform that made today's communes, not from "today".
    assert data.reform.date == date(2025, 7, 1)


def test_breakdown_before_any_reform_names_no_reform_date(reviews):
    data = selectors.breakdown(
        unit=reviews["D2"], year=2023, structure=Structure.TODAY, today=date(2025, 6, 30)
    )
    assert data.reform is None


def test_breakdown_on_the_day_before_the_reform_keeps_the_old_communes(reviews):
    data = selectors.breakdown(
        unit=reviews["D2"], year=2023, structure=Structure.TODAY, today=date(2025, 6, 30)
    )
    assert [r.name for r in data.rows] == ["Xã C2a", "Xã C2b"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("ty-le-ngheo", ["Xã C2b", "Xã C2a", "Xã C1b", "Xã C1a"]),
        ("-ty-le-ngheo", ["Xã C1a", "Xã C1b", "Xã C2a", "Xã C2b"]),
        ("-tong-so-ho", ["Xã C1b", "Xã C2a", "Xã C1a", "Xã C2b"]),
        ("ten", ["Xã C1a", "Xã C1b", "Xã C2a", "Xã C2b"]),
        ("-ten", ["Xã C2b", "Xã C2a", "Xã C1b", "Xã C1a"]),
    ],
)
def test_breakdown_sorts_by_any_column(reviews, sort, expected):
    data = selectors.breakdown(
        unit=reviews["P"], year=2023, structure=Structure.TODAY, today=date(2025, 1, 1), sort=sort
    )
    assert [r.name for r in data.rows] == expected


def test_units_without_data_go_last_in_both_directions(reviews):
    for sort in ("ho-ngheo", "-ho-ngheo"):
        data = selectors.breakdown(unit=reviews["D1"], year=2024, sort=sort)
        assert [r.name for r in data.rows] == ["Xã C1a", "Xã C1b"]


def test_units_in_year_are_those_in_force_in_the_year(reviews):
    names_2023 = [u.name for u in selectors.units_in_year(root=reviews["P"], year=2023)]
    assert names_2023 == [
        "Tỉnh Thử Nghiệm",
        "Huyện Miền Núi",
        "Xã C1a",
        "Xã C1b",
        "Huyện Đồng Bằng",
        "Xã C2a",
        "Xã C2b",
    ]
    assert selectors.units_in_year(root=reviews["P"], year=2026) == []


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        (None, ["Tỉnh Thử Nghiệm", "Huyện Miền Núi", "Huyện Đồng Bằng"]),
        ("P", ["Tỉnh Thử Nghiệm", "Huyện Miền Núi", "Huyện Đồng Bằng"]),
        ("D2", ["Tỉnh Thử Nghiệm", "Huyện Miền Núi", "Huyện Đồng Bằng", "Xã C2a", "Xã C2b"]),
        ("C1b", ["Tỉnh Thử Nghiệm", "Huyện Miền Núi", "Xã C1a", "Xã C1b", "Huyện Đồng Bằng"]),
    ],
)
def test_filter_units_open_the_communes_of_the_chosen_district_only(reviews, within, expected):
    chosen = reviews[within] if within else None
    units = selectors.filter_units(root=reviews["P"], year=2023, within=chosen)
    assert [u.name for u in units] == expected


def _count_queries(func) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("structure", [Structure.AS_OF, Structure.TODAY])
def test_breakdown_queries_do_not_grow_with_the_number_of_communes(units, structure):
    from giamngheo.results.services import save_poverty_reviews

    save_poverty_reviews(reviews=review_inputs(units, labels={"C1a"}))
    one = _count_queries(
        lambda: selectors.breakdown(unit=units["P"], year=2023, structure=structure, today=TODAY)
    )
    save_poverty_reviews(reviews=review_inputs(units, labels={"C1b", "C2a"}))
    three = _count_queries(
        lambda: selectors.breakdown(unit=units["P"], year=2023, structure=structure, today=TODAY)
    )
    assert one == three == (2 if structure == Structure.AS_OF else 4)


def test_province_by_year_queries_do_not_grow_with_years(units):
    from giamngheo.results.services import save_poverty_reviews

    save_poverty_reviews(reviews=review_inputs(units, year=2023))
    one = _count_queries(lambda: selectors.province_by_year(unit=units["P"]))
    save_poverty_reviews(reviews=review_inputs(units, year=2021) + review_inputs(units, year=2022))
    three = _count_queries(lambda: selectors.province_by_year(unit=units["P"]))
    assert one == three == 1
    assert [r.year for r in selectors.province_by_year(unit=units["P"])] == [2021, 2022, 2023]


# --- feedback statistics ---------------------------------------------------------------------


def _feedback(units, n: int, *, received: datetime, deadline: date, answered: datetime | None):
    from giamngheo.feedback.models import Answer, Category, Feedback

    category, _created = Category.objects.get_or_create(code="chinh-sach", name="Chính sách")
    item = Feedback.objects.create(
        tracking_code=f"PA-TEST-{n:02d}",
        token_hash=f"{n:064d}",
        kind="question",
        category=category,
        subject="Hỏi về chính sách",
        description="Nội dung câu hỏi.",
        unit=units["C1a"],
        identity_mode="anonymous",
        channel="web",
        received_at=received,
        deadline=deadline,
    )
    if answered is not None:
        Answer.objects.create(feedback=item, body="Trả lời.", answered_at=answered)
    return item


def test_feedback_statistics_count_received_answered_and_on_time_by_vietnamese_day(units):
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    # Received 31/12/2023 23:30 in Vietnam (16:30 UTC): a 2023 item.
    _feedback(
        units,
        1,
        received=datetime(2023, 12, 31, 23, 30, tzinfo=vn),
        deadline=date(2024, 1, 15),
        answered=datetime(2024, 1, 15, 23, 59, tzinfo=vn),
    )
    # Answered at 00:10 on the day after the deadline (17:10 UTC the day before): late.
    _feedback(
        units,
        2,
        received=datetime(2023, 5, 2, 9, 0, tzinfo=vn),
        deadline=date(2023, 5, 16),
        answered=datetime(2023, 5, 17, 0, 10, tzinfo=vn),
    )
    _feedback(
        units,
        3,
        received=datetime(2023, 6, 1, 9, 0, tzinfo=vn),
        deadline=date(2023, 6, 15),
        answered=None,
    )
    _feedback(
        units,
        4,
        received=datetime(2024, 1, 1, 0, 5, tzinfo=vn),
        deadline=date(2024, 1, 16),
        answered=datetime(2024, 1, 3, 8, 0, tzinfo=vn),
    )
    # Marked spam: not counted on the public page (it was, read straight from feedback.models).
    spam = _feedback(
        units,
        5,
        received=datetime(2023, 7, 1, 9, 0, tzinfo=vn),
        deadline=date(2023, 7, 14),
        answered=None,
    )
    type(spam).objects.filter(pk=spam.pk).update(is_spam=True)
    stats = selectors.feedback_statistics()
    assert [(s.year, s.received, s.answered, s.on_time, s.overdue) for s in stats] == [
        (2023, 3, 2, 1, 1),
        (2024, 1, 1, 1, 0),
    ]
    # Item 3 is unanswered past its deadline: 1 on time of 2 answered + 1 overdue.
    assert stats[0].on_time_rate == Decimal("33.33")


def test_feedback_statistics_is_one_query(units):
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    _feedback(
        units,
        1,
        received=datetime(2023, 5, 2, 9, tzinfo=vn),
        deadline=date(2023, 5, 16),
        answered=None,
    )
    one = _count_queries(selectors.feedback_statistics)
    for n in (2, 3):
        _feedback(
            units,
            n,
            received=datetime(2024, 5, 2, 9, tzinfo=vn),
            deadline=date(2024, 5, 16),
            answered=datetime(2024, 5, 3, tzinfo=vn),
        )
    assert one == _count_queries(selectors.feedback_statistics) == 1
