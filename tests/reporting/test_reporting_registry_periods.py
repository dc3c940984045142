"""Pre-fill over periods shorter than the activities: a quarterly data set counts a year-long
activity's records once in total across its four quarters (issue 12), and the consolidated
report of a quarter counts only that quarter's records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giamngheo.reporting import selectors, services
from giamngheo.reporting.enums import PeriodType

QUARTERS = [
    ("Quý I năm 2023", date(2023, 1, 1), date(2023, 3, 31)),
    ("Quý II năm 2023", date(2023, 4, 1), date(2023, 6, 30)),
    ("Quý III năm 2023", date(2023, 7, 1), date(2023, 9, 30)),
    ("Quý IV năm 2023", date(2023, 10, 1), date(2023, 12, 31)),
]


@pytest.fixture
def quarterly(rworld):
    dataset = services.create_dataset(
        code="KQ-TT-2023-QUY",
        name="Kết quả truyền thông hằng quý năm 2023",
        plan=rworld.p.plan,
        elements=list(rworld.indicators.values()),
        organisations=[rworld.orgs["D2"]],
        lead_organisation=rworld.orgs["so"],
        period_type=PeriodType.QUARTERLY,
        due_days_after_end=10,
    )
    periods = [
        services.create_period(dataset=dataset, name=name, start=start, end=end)
        for name, start, end in QUARTERS
    ]
    return dataset, periods


def test_quarterly_dataset_counts_a_year_long_activity_once(
    rworld, quarterly, make_subplan, make_activity
):
    dataset, periods = quarterly
    make_activity(
        make_subplan("D2"),
        title="Chuyên mục giảm nghèo trên sóng phát thanh cả năm",
        start_date=date(2023, 1, 1),
        end_date=date(2023, 12, 31),
        outputs={"article": 12, "broadcast": 4},
    )
    figures = [
        selectors.prefill_figures(dataset=dataset, period=p, organisation=rworld.orgs["D2"])
        for p in periods
    ]
    articles = [f[("TT.TIN", "2.1")] for f in figures]
    # Dated by the day the activity ends: all twelve articles in the fourth quarter, none again.
    assert articles == [Decimal(0), Decimal(0), Decimal(0), Decimal(12)]
    assert sum(articles) == 12
    # The activity itself is under way in every quarter (it overlaps each one).
    assert [f[("TT.HD", "2.1")] for f in figures] == [Decimal(1)] * 4


def test_quarterly_consolidated_results_count_the_quarter_only(
    rworld, quarterly, make_subplan, make_activity
):
    _dataset, periods = quarterly
    subplan = make_subplan("D2")
    make_activity(
        subplan, start_date=date(2023, 1, 1), end_date=date(2023, 6, 30), outputs={"article": 4}
    )
    make_activity(
        subplan, start_date=date(2023, 7, 1), end_date=date(2023, 7, 1), outputs={"article": 1}
    )

    def articles(period):
        results = selectors.communication_results(
            plan=rworld.p.plan, start=period.start, end=period.end
        )
        return results["totals"]["outputs"]["mass_media.article"]

    # rworld's own activity (D1, March, 3 articles) falls in the first quarter.
    assert [articles(p) for p in periods] == [3, 4, 1, 0]
    whole = selectors.communication_results(plan=rworld.p.plan)
    assert whole["totals"]["outputs"]["mass_media.article"] == 8
