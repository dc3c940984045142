"""Reads. Every function that returns rows to a person takes the user and filters to their reach.

The organiser's officers (the organisation that runs the course, or a body above it) reach the
whole course. A unit given places reaches the course, its sessions and the participants *it*
named — never another unit's. The province administrator reaches all. Participants have no
account: their ticket code is the key to their own ticket, evaluation and certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from giamngheo.organisations.models import Organisation
from giamngheo.organisations.selectors import is_province_admin
from giamngheo.planning.registry import within

from .enums import (
    PRESENT_STATUSES,
    Audience,
    CertificateStatus,
    EnrolmentStatus,
    Ethnicity,
    QuestionKind,
    Sex,
)
from .models import (
    Allotment,
    Answer,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    Material,
    Question,
    Session,
    TargetGroup,
    Trainee,
)
from .services import clean_code, training_organisations


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


def _orgs(user):
    return training_organisations(user=user).values("pk")


def _found(queryset, pk):
    row = queryset.filter(pk=pk).first() if _pk(pk) else None
    if row is None:
        raise Http404  # missing and foreign are the same answer
    return row


# --- courses ----------------------------------------------------------------------------------


def courses_for_user(*, user) -> QuerySet[Course]:
    qs = Course.objects.select_related("organiser", "venue_unit", "activity")
    if is_province_admin(user=user):
        return qs
    orgs = _orgs(user)
    allotted = Allotment.objects.filter(course=OuterRef("pk"), organisation__in=orgs)
    return qs.filter(Q(organiser__in=orgs) | Exists(allotted))


def get_course_for_user(*, user, pk) -> Course:
    return _found(courses_for_user(user=user), pk)


def managed_courses_for_user(*, user) -> QuerySet[Course]:
    """The courses the user runs (organiser's side)."""
    qs = Course.objects.select_related("organiser", "venue_unit", "activity")
    if is_province_admin(user=user):
        return qs
    return qs.filter(organiser__in=_orgs(user))


def allotments_for_user(*, user) -> QuerySet[Allotment]:
    qs = Allotment.objects.select_related("course", "organisation__unit")
    if is_province_admin(user=user):
        return qs
    orgs = _orgs(user)
    return qs.filter(Q(course__organiser__in=orgs) | Q(organisation__in=orgs))


def get_allotment_for_user(*, user, pk) -> Allotment:
    return _found(allotments_for_user(user=user), pk)


def sessions_for_user(*, user) -> QuerySet[Session]:
    return Session.objects.filter(
        course__in=courses_for_user(user=user).values("pk")
    ).select_related("course")


def get_session_for_user(*, user, pk) -> Session:
    return _found(sessions_for_user(user=user), pk)


# --- participants -----------------------------------------------------------------------------


def enrolments_for_user(*, user) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.select_related(
        "trainee", "organisation", "course", "allotment", "target_group"
    )
    if is_province_admin(user=user):
        return qs
    orgs = _orgs(user)
    return qs.filter(Q(course__organiser__in=orgs) | Q(allotment__organisation__in=orgs))


def get_enrolment_for_user(*, user, pk) -> Enrolment:
    return _found(enrolments_for_user(user=user), pk)


def attendances_for_user(*, user) -> QuerySet[Attendance]:
    return Attendance.objects.filter(
        enrolment__in=enrolments_for_user(user=user).values("pk")
    ).select_related("enrolment__trainee", "session__course")


def get_attendance_for_user(*, user, pk) -> Attendance:
    return _found(attendances_for_user(user=user), pk)


def certificates_for_user(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(
        enrolment__in=enrolments_for_user(user=user).values("pk")
    ).select_related("enrolment__course", "enrolment__trainee")


def get_certificate_for_user(*, user, pk) -> Certificate:
    return _found(certificates_for_user(user=user), pk)


def questions_for_user(*, user) -> QuerySet[Question]:
    """The evaluation questions of the courses the user runs (the organiser's side only)."""
    return Question.objects.filter(
        course__in=managed_courses_for_user(user=user).values("pk")
    ).select_related("course")


def get_question_for_user(*, user, pk) -> Question:
    return _found(questions_for_user(user=user), pk)


def open_organisations(*, today: date) -> QuerySet[Organisation]:
    """The bodies a self-registering officer may say they work for: those in force."""
    return (
        Organisation.objects.valid_on(today).select_related("unit").order_by("unit__path", "name")
    )


def get_open_course(*, pk, today: date) -> Course:
    """A public course that takes self-registrations and has not started."""
    return _found(
        Course.objects.filter(is_public=True, open_registration=True, starts_on__gte=today),
        pk,
    )


def materials_for_user(*, user) -> QuerySet[Material]:
    return Material.objects.filter(course__in=courses_for_user(user=user).values("pk"))


def get_material_for_user(*, user, pk) -> Material:
    return _found(materials_for_user(user=user), pk)


# Rows of the attendance grid a page: the screen stays one size (and its personal-data log one
# INSERT, SQLite splitting a bulk insert past 999 parameters) whatever the course's capacity.
ATTENDANCE_PAGE = 100


@dataclass
class Mark:
    pk: int
    status: str
    source: str


@dataclass
class GridRow:
    enrolment_id: int
    trainee_id: int
    name: str
    organisation: str
    status: str
    marks: list  # one Mark or None per session, in session order
    present: int


@dataclass
class AttendanceGrid:
    sessions: list[Session]
    rows: list[GridRow]
    page: Page


def attendance_grid(*, user, course: Course, page=1, per_page: int | None = None) -> AttendanceGrid:
    """One page of the participants (in the user's reach) × sessions, with each mark, read as
    values (a page is a few hundred rows: model instances cost more than the queries): four
    queries (sessions, count, page, marks) whatever the size of the course."""
    sessions = list(course.sessions.all())
    enrolments = (
        enrolments_for_user(user=user)
        .filter(course=course)
        .exclude(status__in=(EnrolmentStatus.APPLIED, EnrolmentStatus.WITHDRAWN))
        .select_related(None)
        .order_by("organisation__name", "trainee__full_name", "pk")
        .values_list("pk", "trainee_id", "trainee__full_name", "organisation__name", "status")
    )
    page_obj = Paginator(enrolments, per_page or ATTENDANCE_PAGE).get_page(page)
    listed = list(page_obj.object_list)
    marks: dict[tuple[int, int], Mark] = {
        (enrolment_id, session_id): Mark(pk=pk, status=status, source=source)
        for pk, enrolment_id, session_id, status, source in Attendance.objects.filter(
            enrolment__in=[row[0] for row in listed]
        ).values_list("pk", "enrolment_id", "session_id", "status", "source")
    }
    rows = []
    for enrolment_id, trainee_id, name, organisation, status in listed:
        row_marks = [marks.get((enrolment_id, s.pk)) for s in sessions]
        rows.append(
            GridRow(
                enrolment_id=enrolment_id,
                trainee_id=trainee_id,
                name=name,
                organisation=organisation,
                status=status,
                marks=row_marks,
                present=sum(1 for m in row_marks if m is not None and m.status in PRESENT_STATUSES),
            )
        )
    return AttendanceGrid(sessions=sessions, rows=rows, page=page_obj)


def named_by_allotment(*, user, course: Course) -> dict[int, int]:
    """Participants named (in the user's reach) per allotment of the course: one query."""
    return dict(
        enrolments_for_user(user=user)
        .filter(course=course, allotment__isnull=False)
        .exclude(
            status__in=(
                EnrolmentStatus.APPLIED,
                EnrolmentStatus.WITHDRAWN,
                EnrolmentStatus.WAITLISTED,
            )
        )
        .select_related(None)
        .values_list("allotment_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


# --- public -----------------------------------------------------------------------------------


def upcoming_courses(*, today: date) -> QuerySet[Course]:
    return (
        Course.objects.filter(is_public=True, ends_on__gte=today)
        .select_related("organiser", "venue_unit")
        .prefetch_related("sessions")
        .order_by("starts_on", "pk")
    )


def past_courses(*, today: date, limit: int = 10) -> QuerySet[Course]:
    return (
        Course.objects.filter(is_public=True, ends_on__lt=today)
        .select_related("organiser", "venue_unit")
        .order_by("-starts_on", "-pk")[:limit]
    )


def calendar_sessions() -> QuerySet[Session]:
    return (
        Session.objects.filter(course__is_public=True)
        .select_related("course__organiser", "course__venue_unit")
        .order_by("day", "pk")
    )


def get_public_course(*, pk) -> Course:
    return _found(
        Course.objects.filter(is_public=True)
        .select_related("organiser", "venue_unit")
        .prefetch_related(
            "sessions",
            "target_groups",
            Prefetch("materials", queryset=Material.objects.filter(audience=Audience.PUBLIC)),
        ),
        pk,
    )


def get_public_material(*, pk) -> Material:
    return _found(Material.objects.filter(audience=Audience.PUBLIC, course__is_public=True), pk)


def get_enrolment_by_ticket(*, code: str) -> Enrolment:
    ticket = clean_code(code)
    found = (
        Enrolment.objects.filter(ticket=ticket)
        .select_related("trainee", "course__organiser", "course__venue_unit", "organisation")
        .first()
        if ticket
        else None
    )
    if found is None:
        raise Http404
    return found


def get_ticket_material(*, enrolment: Enrolment, pk) -> Material:
    return _found(Material.objects.filter(course_id=enrolment.course_id), pk)


def find_certificate(*, code: str) -> Certificate | None:
    """The certificate of a verification code (valid or revoked), or None."""
    clean = clean_code(code)
    if not clean or len(clean) > 16:
        return None
    return Certificate.objects.filter(code=clean).first()


def valid_certificate_of(*, enrolment: Enrolment) -> Certificate | None:
    return Certificate.objects.filter(enrolment=enrolment, status=CertificateStatus.VALID).first()


# --- evaluation and report ---------------------------------------------------------------------

# Fewer answers than this are not shown: with two, a participant could tell the other's.
MIN_RESPONSES = 3


@dataclass
class QuestionSummary:
    text: str
    kind: str
    count: int
    average: float | None
    distribution: list[int]  # answers of 1 … 5
    comments: list[str]


def evaluation_summary(*, course: Course) -> tuple[int, list[QuestionSummary]]:
    """Answers aggregated per question (two queries); texts in alphabetical order, so their
    order tells nothing of who wrote them. Empty below ``MIN_RESPONSES``."""
    responses = course.responses.count()
    if responses < MIN_RESPONSES:
        return responses, []
    answers = Answer.objects.filter(question__course=course).values("question_id", "score", "text")
    by_question: dict[int, list] = {}
    for row in answers:
        by_question.setdefault(row["question_id"], []).append(row)
    out = []
    for question in course.questions.all():
        rows = by_question.get(question.pk, [])
        if question.kind == QuestionKind.SCALE:
            scores = [r["score"] for r in rows if r["score"]]
            out.append(
                QuestionSummary(
                    text=question.text,
                    kind=question.kind,
                    count=len(scores),
                    average=round(sum(scores) / len(scores), 2) if scores else None,
                    distribution=[scores.count(i) for i in range(1, 6)],
                    comments=[],
                )
            )
        else:
            texts = sorted(r["text"] for r in rows if r["text"])
            out.append(
                QuestionSummary(
                    text=question.text,
                    kind=question.kind,
                    count=len(texts),
                    average=None,
                    distribution=[],
                    comments=texts,
                )
            )
    return responses, out


@dataclass
class CourseFigures:
    summoned: int
    attended: int
    absent: int
    excused: int
    withdrawn: int
    trainee_days: int
    session_count: int
    attendance_rate: float  # present marks / (summoned × sessions), in per cent
    by_group: list[tuple[str, int, int]]  # (group, summoned, attended)
    by_sex: list[tuple[str, int, int]]
    by_ethnicity: list[tuple[str, int, int]]
    certificates: int


def course_figures(*, course: Course) -> CourseFigures:
    """The figures of the course report, from a handful of aggregate queries."""
    held = (
        EnrolmentStatus.INVITED,
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.ATTENDED,
        EnrolmentStatus.ABSENT,
        EnrolmentStatus.EXCUSED,
    )
    enrolments = Enrolment.objects.filter(course=course)
    status_counts = dict(enrolments.values_list("status").annotate(n=Count("pk")).order_by())
    summoned = sum(status_counts.get(s, 0) for s in held)
    days = Attendance.objects.filter(session__course=course, status__in=PRESENT_STATUSES).count()
    sessions = course.sessions.count()

    def split(field: str, labels) -> list[tuple[str, int, int]]:
        rows = (
            enrolments.filter(status__in=held)
            .values(field)
            .annotate(
                n=Count("pk"),
                came=Count("pk", filter=Q(status=EnrolmentStatus.ATTENDED)),
            )
            .order_by(field)
        )
        return [(labels(r[field]), r["n"], r["came"]) for r in rows]

    groups = {g.pk: g.name for g in course.target_groups.all()}
    missing = {
        pk for pk in enrolments.values_list("target_group_id", flat=True) if pk and pk not in groups
    }
    groups.update(dict(TargetGroup.objects.filter(pk__in=missing).values_list("pk", "name")))
    unknown = "Chưa xác định"
    return CourseFigures(
        summoned=summoned,
        attended=status_counts.get(EnrolmentStatus.ATTENDED, 0),
        absent=status_counts.get(EnrolmentStatus.ABSENT, 0),
        excused=status_counts.get(EnrolmentStatus.EXCUSED, 0),
        withdrawn=status_counts.get(EnrolmentStatus.WITHDRAWN, 0),
        trainee_days=days,
        session_count=sessions,
        attendance_rate=round(100 * days / (summoned * sessions), 1)
        if summoned and sessions
        else 0.0,
        by_group=split("target_group_id", lambda v: groups.get(v, unknown)),
        by_sex=split("trainee__sex", lambda v: str(Sex(v).label) if v else unknown),
        by_ethnicity=split(
            "trainee__ethnicity", lambda v: str(Ethnicity(v).label) if v else unknown
        ),
        certificates=Certificate.objects.filter(
            enrolment__course=course, status=CertificateStatus.VALID
        ).count(),
    )


# --- counting across activities ----------------------------------------------------------------


def distinct_persons(*, activities, start: date, end: date) -> int:
    """People present at least once in the period at a course of these activities, each counted
    once however many courses and activities (the registry's ``training.persons`` counts per
    activity). One query."""
    return (
        # One filter() call: the activity, the status and the day are of the same attendance.
        Trainee.objects.filter(
            within("enrolments__attendances__session__day", start=start, end=end),
            enrolments__course__activity__in=activities.values("pk"),
            enrolments__attendances__status__in=PRESENT_STATUSES,
        )
        .distinct()
        .count()
    )
