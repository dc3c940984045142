"""The five training measures keep the registry's contract, and person-times, distinct persons
and participant-days are different numbers (issue #16's counting test)."""

from __future__ import annotations

from datetime import date

import pytest

from giamngheo.planning import registry
from giamngheo.planning.models import Activity
from giamngheo.training import selectors, services
from tests.planning.measure_contract import check_measure_contract

from .conftest import local, training_activity

CODES = (
    "training.courses",
    "training.trainees",
    "training.persons",
    "training.trainee_days",
    "training.certificates",
)


def _attended_course(tworld, day: date, *, person: int = 1, activity=None, certify=False):
    """A new activity (unless given) with a one-day course on ``day`` and one participant
    present."""
    admin = tworld.users["province_admin"]
    activity = activity or training_activity(
        actor=admin,
        plan=tworld.plan,
        organisation=tworld.orgs["so"],
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    course = tworld.course(days=(day,), activity=activity)
    enrolment = tworld.name(tworld.allot(course), n=person)
    session = course.sessions.get()
    services.check_in(
        actor=tworld.users["organiser"], session=session, code=enrolment.ticket, at=local(day)
    )
    if certify:
        services.close_attendance(actor=tworld.users["organiser"], course=course, today=day)
        course.refresh_from_db()
        services.issue_certificates(
            actor=tworld.users["organiser"], course=course, at=local(day, 17)
        )
    return course


@pytest.mark.parametrize("code", CODES)
def test_training_measure_keeps_the_contract(tworld, code):
    def record(day):
        # A certificate is dated by its issue: issued on ``day``.
        course = _attended_course(tworld, day, certify=code == "training.certificates")
        return course.activity, 1

    check_measure_contract(registry.get_measure(code), record=record)


def _two_courses_two_days_each(tworld):
    """One person at two courses of one activity, two days each, each course across a quarter's
    end (31/03–01/04 and 30/06–01/07)."""
    admin = tworld.users["province_admin"]
    activity = training_activity(
        actor=admin,
        plan=tworld.plan,
        organisation=tworld.orgs["so"],
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    organiser = tworld.users["organiser"]
    for days in ((date(2023, 3, 31), date(2023, 4, 1)), (date(2023, 6, 30), date(2023, 7, 1))):
        course = tworld.course(days=days, activity=activity)
        enrolment = tworld.name(tworld.allot(course), n=7)
        for session in course.sessions.all():
            services.check_in(
                actor=organiser,
                session=session,
                code=enrolment.ticket,
                at=local(session.day, 7, 31),
            )
    return activity


def _totals(activity_ids, start, end):
    return registry.totals(
        activities=Activity.objects.filter(pk__in=activity_ids), start=start, end=end, codes=CODES
    )


def test_one_person_two_courses_two_days_each(tworld):
    activity = _two_courses_two_days_each(tworld)
    year = _totals([activity.pk], date(2023, 1, 1), date(2023, 12, 31))
    assert year == {
        "training.courses": 2,
        "training.trainees": 2,
        "training.persons": 1,
        "training.trainee_days": 4,
        "training.certificates": 0,
    }
    quarters = [
        _totals([activity.pk], start, end)
        for start, end in (
            (date(2023, 1, 1), date(2023, 3, 31)),
            (date(2023, 4, 1), date(2023, 6, 30)),
            (date(2023, 7, 1), date(2023, 9, 30)),
        )
    ]
    # Person-times and days add up across the quarters; the person is one in each quarter.
    assert [q["training.trainees"] for q in quarters] == [1, 1, 0]
    assert [q["training.trainee_days"] for q in quarters] == [1, 2, 1]
    assert [q["training.persons"] for q in quarters] == [1, 1, 1]
    assert [q["training.courses"] for q in quarters] == [1, 1, 0]


def test_distinct_persons_across_activities(tworld):
    first = _two_courses_two_days_each(tworld)
    second = _attended_course(tworld, date(2023, 8, 1), person=7)
    both = Activity.objects.filter(pk__in=[first.pk, second.activity_id])
    assert (
        _totals([first.pk, second.activity_id], date(2023, 1, 1), date(2023, 12, 31))[
            "training.persons"
        ]
        == 2
    )  # once per activity
    assert (
        selectors.distinct_persons(activities=both, start=date(2023, 1, 1), end=date(2023, 12, 31))
        == 1
    )
    assert (
        selectors.distinct_persons(activities=both, start=date(2023, 7, 2), end=date(2023, 12, 31))
        == 1
    )
    assert (
        selectors.distinct_persons(activities=both, start=date(2023, 7, 2), end=date(2023, 7, 31))
        == 0
    )


def test_absent_and_late_count_as_expected(tworld):
    course = tworld.course(days=(date(2023, 5, 15),))
    allotment = tworld.allot(course)
    late, absent = tworld.name(allotment, n=1), tworld.name(allotment, n=2)
    session = course.sessions.get()
    services.check_in(
        actor=tworld.users["organiser"],
        session=session,
        code=late.ticket,
        at=local(session.day, 9),
    )
    services.record_paper_attendance(
        actor=tworld.users["organiser"],
        session=session,
        marks={absent.pk: "absent"},
        today=date(2023, 5, 15),
    )
    totals = _totals([course.activity_id], date(2023, 5, 1), date(2023, 5, 31))
    assert (totals["training.trainees"], totals["training.trainee_days"]) == (1, 1)
