"""The output measures of plan item 2.4, counted from the records (DESIGN §8.1).

Person-times and distinct persons are different numbers, and both are kept:

- ``training.courses`` — courses, dated by their first session;
- ``training.trainees`` — person-times present (lượt học viên): a participant present (or late)
  at a course at least once, dated by the first session they were present at; one person at two
  courses is two;
- ``training.persons`` — distinct persons present in the period, per activity (a person at two
  courses of one activity is one; ``selectors.distinct_persons`` counts across activities);
- ``training.trainee_days`` — participant-days present (one per participant and session);
- ``training.certificates`` — certificates in force, dated by their issue.

Each counter is one aggregate query over the records dated in the period, both ends included.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import OutputMeasure, register, within

from .enums import PRESENT_STATUSES, CertificateStatus
from .models import Attendance, Certificate, Course, Enrolment

KINDS = frozenset({FormKind.TRAINING})


def _rows(queryset, *, key: str, value) -> dict[int, int]:
    rows = queryset.values(key).annotate(total=value).order_by()
    return {row[key]: row["total"] for row in rows if row["total"]}


def count_courses(activities, *, start, end) -> dict[int, int]:
    courses = Course.objects.filter(activity__in=activities.values("pk")).filter(
        within("starts_on", start=start, end=end)
    )
    return _rows(courses, key="activity_id", value=Count("pk"))


def _present(activities, *, start, end):
    return Attendance.objects.filter(
        within("session__day", start=start, end=end),
        enrolment__course__activity__in=activities.values("pk"),
        status__in=PRESENT_STATUSES,
    )


def count_trainees(activities, *, start, end) -> dict[int, int]:
    first_day = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=PRESENT_STATUSES)
        .order_by("session__day")
        .values("session__day")[:1]
    )
    enrolments = (
        Enrolment.objects.filter(course__activity__in=activities.values("pk"))
        .annotate(first_present=Subquery(first_day))
        .filter(within("first_present", start=start, end=end))
    )
    return _rows(enrolments, key="course__activity_id", value=Count("pk"))


def count_persons(activities, *, start, end) -> dict[int, int]:
    return _rows(
        _present(activities, start=start, end=end),
        key="enrolment__course__activity_id",
        value=Count("enrolment__trainee", distinct=True),
    )


def count_trainee_days(activities, *, start, end) -> dict[int, int]:
    return _rows(
        _present(activities, start=start, end=end),
        key="enrolment__course__activity_id",
        value=Count("pk"),
    )


def count_certificates(activities, *, start, end) -> dict[int, int]:
    certificates = Certificate.objects.filter(
        within("issued_at__date", start=start, end=end),
        enrolment__course__activity__in=activities.values("pk"),
        status=CertificateStatus.VALID,
    )
    return _rows(certificates, key="enrolment__course__activity_id", value=Count("pk"))


for code, label, counter in (
    ("training.courses", _("Số lớp tập huấn"), count_courses),
    ("training.trainees", _("Số lượt cán bộ được tập huấn"), count_trainees),
    ("training.persons", _("Số người được tập huấn (không trùng)"), count_persons),
    ("training.trainee_days", _("Số ngày-người tham dự tập huấn"), count_trainee_days),
    ("training.certificates", _("Số giấy chứng nhận đã cấp"), count_certificates),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))
