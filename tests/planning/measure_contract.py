"""The contract every output measure of ``planning.registry`` keeps, as one reusable check.

A module's test calls ``check_measure_contract`` for each measure it registers, with a
``record(day)`` that creates — on a new activity of the module's own — one record dated ``day``
and returns ``(activity, quantity that record adds to the measure)``::

    from tests.planning.measure_contract import check_measure_contract

    def test_trainees_measure_keeps_the_contract(db, make_course):
        def record(day):
            course = make_course(day=day)  # a new activity with one enrolment on ``day``
            return course.activity, 1

        check_measure_contract(registry.get_measure("training.trainees"), record=record)

It checks, with exact values:

1. **constant queries** — counting for 1 activity and for 50 runs the same number of queries;
2. **the period, both ends included** — records dated on the first and the last day count; the
   day before and the day after do not; a one-day period holds only that day's records;
3. **scope** — records of activities not given are never counted, and no key of the answer
   falls outside the given activities.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.planning.models import Activity
from giamngheo.planning.registry import OutputMeasure

Record = Callable[[date], tuple[Activity, int]]

# A quarter inside the seed plan's year: the days around it are dates of the same plan.
START, END = date(2023, 4, 1), date(2023, 6, 30)
DAY = timedelta(days=1)


def _count(measure: OutputMeasure, activities, *, start: date, end: date):
    with CaptureQueriesContext(connection) as queries:
        result = measure.count(Activity.objects.filter(pk__in=activities), start=start, end=end)
    return result, len(queries)


def check_constant_queries(measure: OutputMeasure, *, record: Record) -> None:
    one = [record(START)]
    _result, for_one = _count(measure, [a.pk for a, _q in one], start=START, end=END)
    many = one + [record(START + DAY * (i % 80)) for i in range(49)]
    result, for_many = _count(measure, [a.pk for a, _q in many], start=START, end=END)
    assert for_many == for_one, f"{measure.code}: {for_one} queries for 1, {for_many} for 50"
    assert sum(result.values()) == sum(q for _a, q in many)


def check_period_boundaries(measure: OutputMeasure, *, record: Record) -> None:
    before, first, last, after = (record(d) for d in (START - DAY, START, END, END + DAY))
    ids = [a.pk for a, _q in (before, first, last, after)]
    result, _n = _count(measure, ids, start=START, end=END)
    assert result.get(before[0].pk, 0) == 0, f"{measure.code}: the day before counted"
    assert result.get(after[0].pk, 0) == 0, f"{measure.code}: the day after counted"
    assert result.get(first[0].pk, 0) == first[1], f"{measure.code}: the first day not counted"
    assert result.get(last[0].pk, 0) == last[1], f"{measure.code}: the last day not counted"
    assert sum(result.values()) == first[1] + last[1]
    # A one-day period: only that day's record.
    single, _n = _count(measure, ids, start=END, end=END)
    assert sum(single.values()) == last[1]
    assert {pk for pk, q in single.items() if q} == {last[0].pk}


def check_scope(measure: OutputMeasure, *, record: Record) -> None:
    inside, outside = record(START), record(START)
    result, _n = _count(measure, [inside[0].pk], start=START, end=END)
    assert set(result) <= {inside[0].pk}, f"{measure.code}: counted outside the activities"
    assert sum(result.values()) == inside[1]
    none, _n = _count(measure, [], start=START, end=END)
    assert sum(none.values()) == 0
    assert outside[1] > 0  # the record left out did count for something


def check_measure_contract(measure: OutputMeasure, *, record: Record) -> None:
    """All three checks; ``record`` must make a new activity on every call."""
    check_period_boundaries(measure, record=record)
    check_scope(measure, record=record)
    check_constant_queries(measure, record=record)
