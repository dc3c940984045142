"""Writes of the training app. Every status change goes through ``core.workflow.transition``
(the enrolment, the attendance mark, the certificate); creations are recorded with
``record_event``.

Places: the course row is locked (``SELECT … FOR UPDATE``; on SQLite every transaction is
``BEGIN IMMEDIATE``) before places are counted, so two units naming their last participant at
once cannot both take the course's last place. Check-in: a participant is marked once a day
(one session per day, a unique row per participant and session): twenty scanners at once
cannot mark anyone twice, and a scan that loses the race is told the participant is already in.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import clean_name, fold, is_national_phone, normalize_text, subject_key
from giamngheo.core.uploads import DOCUMENT_KINDS, validate_upload
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.organisations.selectors import (
    is_province_admin,
    organisations_for_user,
    user_roles,
)
from giamngheo.planning.enums import FormKind
from giamngheo.planning.models import Activity
from giamngheo.planning.selectors import activities_for_user

from .enums import (
    ATTENDANCE_WORKFLOW,
    CERTIFICATE_WORKFLOW,
    ENROLMENT_WORKFLOW,
    HOLDS_PLACE,
    PRESENT_STATUSES,
    AttendanceSource,
    AttendanceStatus,
    CertificateStatus,
    EnrolmentStatus,
    QuestionKind,
    TrainingAction,
)
from .models import (
    MAX_CAPACITY,
    MAX_SESSIONS,
    Allotment,
    Answer,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    Material,
    Question,
    Response,
    Session,
    TargetGroup,
    Trainee,
)

# A participant scanned more than this after the session starts is marked late.
LATE_AFTER = timedelta(minutes=15)
# Codes are read aloud and typed from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TICKET_LENGTH = 10
CERTIFICATE_CODE_LENGTH = 12
MAX_TEXT_ANSWER = 2000

DEFAULT_QUESTIONS = (
    ("Nội dung tập huấn phù hợp với công việc của anh/chị", QuestionKind.SCALE),
    ("Giảng viên truyền đạt dễ hiểu, có ví dụ thực tế", QuestionKind.SCALE),
    ("Tài liệu tập huấn hữu ích", QuestionKind.SCALE),
    ("Công tác tổ chức lớp (địa điểm, thời gian, hậu cần)", QuestionKind.SCALE),
    ("Anh/chị có thể áp dụng ngay kiến thức được tập huấn", QuestionKind.SCALE),
    ("Đề xuất, góp ý cho các lớp sau", QuestionKind.TEXT),
)


def new_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(length))


def clean_code(raw: str) -> str:
    """A code as typed or scanned: spaces and dashes dropped, upper case; a scanned ticket URL
    gives its last path segment."""
    text = normalize_text(raw or "").strip()
    if "/" in text:
        text = [part for part in text.split("/") if part][-1] if text.strip("/") else ""
    return "".join(ch for ch in text.upper() if ch.isalnum())[:32]


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _whole(value, *, field: str, low: int, high: int, message) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError({field: message}, code="invalid_number")
    return value


# --- who may do what --------------------------------------------------------------------------


# Roles that run courses and name participants. A portal editor or a juror of the department
# does neither: their membership does not open the courses.
TRAINING_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.UNIT_OFFICER, Role.APPROVER})


def training_organisations(*, user):
    """The organisations whose courses and places the user works on (none without a role
    of ``TRAINING_ROLES``)."""
    if not (is_province_admin(user=user) or user_roles(user=user) & TRAINING_ROLES):
        return Organisation.objects.none()
    return organisations_for_user(user=user)


def _in_reach(user, organisation_id: int) -> bool:
    return training_organisations(user=user).filter(pk=organisation_id).exists()


def may_manage(*, user, course: Course) -> bool:
    """The organiser's officers (and the province administrator) run the course: places,
    sessions, check-in, attendance, certificates."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_province_admin(user=user) or _in_reach(user, course.organiser_id)


def may_name(*, user, allotment: Allotment) -> bool:
    """The officers of the unit the places were given to (or above it) name its participants."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _in_reach(user, allotment.organisation_id)


def nameable_organisations(*, user, organisations: Iterable[int]) -> set[int]:
    """Of these organisations (ids), those whose places the user may fill (``may_name`` for
    many allotments in one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        training_organisations(user=user)
        .filter(pk__in=list(organisations))
        .values_list("pk", flat=True)
    )


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- target groups and courses ----------------------------------------------------------------


def create_target_group(*, name: str, position: int = 0) -> TargetGroup:
    group = TargetGroup(name=name, position=position)
    group.full_clean()
    group.save()
    return group


@dataclass(frozen=True)
class SessionSpec:
    day: date
    starts_at: time
    ends_at: time


def _check_sessions(sessions: list[SessionSpec], *, activity: Activity) -> None:
    if not sessions:
        raise ValidationError({"sessions": _("Lớp tập huấn cần ít nhất một buổi học.")})
    if len(sessions) > MAX_SESSIONS:
        raise ValidationError({"sessions": _("Một lớp có tối đa 20 buổi học.")})
    days = [s.day for s in sessions]
    if len(set(days)) != len(days):
        raise ValidationError(
            {"sessions": _("Mỗi ngày chỉ có một buổi học (điểm danh một lần mỗi ngày).")}
        )
    for spec in sessions:
        if spec.ends_at <= spec.starts_at:
            raise ValidationError(
                {
                    "sessions": _("Buổi học ngày %(day)s: giờ kết thúc phải sau giờ bắt đầu.")
                    % {"day": _day(spec.day)}
                }
            )
        if not activity.start_date <= spec.day <= activity.end_date:
            raise ValidationError(
                {
                    "sessions": _(
                        "Buổi học ngày %(day)s nằm ngoài thời gian của hoạt động (từ %(start)s "
                        "đến %(end)s)."
                    )
                    % {
                        "day": _day(spec.day),
                        "start": _day(activity.start_date),
                        "end": _day(activity.end_date),
                    }
                }
            )


def create_course(
    *,
    actor,
    activity: Activity,
    title: str,
    organiser: Organisation,
    venue_unit: AdministrativeUnit,
    venue_address: str,
    capacity: int,
    sessions: list[SessionSpec],
    signer_title: str,
    signer_name: str,
    target_groups: Iterable[TargetGroup] = (),
    programme: str = "",
    reports_sex_ethnicity: bool = True,
    open_registration: bool = False,
    is_public: bool = True,
    min_sessions: int = 0,
    retention_years: int = 5,
    questions: Iterable[tuple[str, str]] = DEFAULT_QUESTIONS,
) -> Course:
    """A course of a training activity in the actor's reach, organised by a body in their
    reach, with its sessions (one a day, inside the activity's dates) and its evaluation."""
    if not activities_for_user(user=actor).filter(pk=activity.pk).exists():
        raise PermissionDenied(_("Hoạt động không thuộc phạm vi của bạn."))
    if activity.form.form_kind != FormKind.TRAINING:
        raise ValidationError(
            {"activity": _("Hoạt động phải thuộc hình thức tập huấn, bồi dưỡng (mục 2.4).")}
        )
    _require(_in_reach(actor, organiser.pk), _("Đơn vị tổ chức không thuộc phạm vi của bạn."))
    capacity = _whole(
        capacity,
        field="capacity",
        low=1,
        high=MAX_CAPACITY,
        message=_("Số học viên tối đa phải là số nguyên từ 1 đến 2.000."),
    )
    sessions = sorted(sessions, key=lambda s: s.day)
    _check_sessions(sessions, activity=activity)
    if not 0 <= min_sessions <= len(sessions):
        raise ValidationError(
            {
                "min_sessions": _("Số buổi tối thiểu phải từ 0 đến %(count)s.")
                % {"count": len(sessions)}
            }
        )
    course = Course(
        activity=activity,
        title=title,
        organiser=organiser,
        venue_unit=venue_unit,
        venue_address=venue_address,
        capacity=capacity,
        programme=programme,
        reports_sex_ethnicity=reports_sex_ethnicity,
        open_registration=open_registration,
        is_public=is_public,
        min_sessions=min_sessions,
        signer_title=signer_title,
        signer_name=signer_name,
        retention_years=retention_years,
        starts_on=sessions[0].day,
        ends_on=sessions[-1].day,
        created_by=actor,
    )
    course.full_clean()
    with transaction.atomic():
        course.save()
        course.target_groups.set(target_groups)
        Session.objects.bulk_create(
            Session(course=course, day=s.day, starts_at=s.starts_at, ends_at=s.ends_at)
            for s in sessions
        )
        Question.objects.bulk_create(
            Question(course=course, text=text, kind=kind, position=index)
            for index, (text, kind) in enumerate(questions)
        )
    return course


def add_material(*, actor, course: Course, title: str, audience: str, upload) -> Material:
    """A document of the course (checked by content: PDF, DOCX, XLSX, ODT, ODS)."""
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    try:
        clean = validate_upload(upload, allowed=DOCUMENT_KINDS)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    material = Material(
        course=course,
        title=clean_name(title or ""),
        audience=audience,
        file_kind=clean.kind,
        file_size=clean.size,
    )
    material.file.save(clean.content.name, clean.content, save=False)
    material.full_clean()
    with transaction.atomic():
        material.save()
    return material


# --- places -----------------------------------------------------------------------------------


def _lock_course(course: Course) -> Course:
    return Course.objects.select_for_update().get(pk=course.pk)


def _held(queryset) -> int:
    return queryset.filter(status__in=HOLDS_PLACE).count()


def allot_places(*, actor, course: Course, organisation: Organisation, places: int) -> Allotment:
    """Give (or change) one organisation's places. The places of all units together never
    exceed the course's capacity, and a unit never gets fewer than it has already named."""
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    places = _whole(
        places,
        field="places",
        low=1,
        high=MAX_CAPACITY,
        message=_("Số chỉ tiêu phải là số nguyên dương."),
    )
    with transaction.atomic():
        locked = _lock_course(course)
        allotment = Allotment.objects.filter(course=locked, organisation=organisation).first()
        given = sum(
            Allotment.objects.filter(course=locked)
            .exclude(organisation=organisation)
            .values_list("places", flat=True)
        )
        if given + places > locked.capacity:
            raise ValidationError(
                {
                    "places": _(
                        "Vượt số học viên tối đa của lớp: đã phân bổ %(given)s, còn lại "
                        "%(left)s chỉ tiêu."
                    )
                    % {
                        "given": _number(given),
                        "left": _number(max(locked.capacity - given, 0)),
                    }
                },
                code="over_capacity",
            )
        if allotment is not None:
            named = _held(allotment.enrolments)
            if places < named:
                raise ValidationError(
                    {
                        "places": _("Đơn vị đã cử %(named)s học viên: không giảm dưới số này.")
                        % {"named": _number(named)}
                    },
                    code="below_named",
                )
            allotment.places = places
        else:
            allotment = Allotment(course=locked, organisation=organisation, places=places)
        allotment.full_clean()
        allotment.save()
    return allotment


# --- participants -----------------------------------------------------------------------------


def _trainee_key(*, full_name: str, phone: str, email: str, organisation: Organisation) -> str:
    if phone:
        return subject_key(phone)
    if email:
        return subject_key(email)
    return f"ten:{fold(full_name)}|{organisation.pk}"


def _find_trainee(*, full_name, phone, email, sex, ethnicity, organisation) -> Trainee:
    key = _trainee_key(full_name=full_name, phone=phone, email=email, organisation=organisation)
    trainee = Trainee.objects.filter(key=key).first()
    if trainee is None:
        trainee = Trainee(
            key=key,
            full_name=full_name,
            sex=sex,
            ethnicity=ethnicity,
            phone=subject_key(phone) if phone else "",
            email=email.lower(),
        )
        trainee.full_clean()
        trainee.save()
        return trainee
    changed = []
    for name, value in (("sex", sex), ("ethnicity", ethnicity), ("email", email.lower())):
        if value and not getattr(trainee, name):
            setattr(trainee, name, value)
            changed.append(name)
    if changed:
        trainee.save(update_fields=changed)
    return trainee


def _check_person(
    *, course: Course, full_name: str, phone: str, email: str, sex: str, ethnicity: str
) -> tuple[str, str, str]:
    errors: dict[str, object] = {}
    full_name = clean_name(full_name or "")
    phone = (phone or "").strip()
    email = (email or "").strip()
    if not full_name:
        errors["full_name"] = _("Vui lòng nhập họ và tên học viên.")
    elif len(full_name) > 120:
        errors["full_name"] = _("Họ và tên dài quá 120 ký tự.")
    if not phone and not email:
        errors["phone"] = _("Vui lòng nhập số điện thoại hoặc thư điện tử của học viên.")
    if phone and not is_national_phone(subject_key(phone)):
        errors["phone"] = _("Số điện thoại không đúng (ví dụ 0912 345 678).")
    if email and ("@" not in email or len(email) > 254):
        errors["email"] = _("Thư điện tử không đúng.")
    if course.reports_sex_ethnicity:
        if not sex:
            errors["sex"] = _("Lớp này thống kê giới tính: vui lòng chọn giới tính.")
        if not ethnicity:
            errors["ethnicity"] = _("Lớp này thống kê dân tộc: vui lòng chọn dân tộc.")
    if errors:
        raise ValidationError(errors, code="bad_participant")
    return full_name, phone, email


def _ticket() -> str:
    while True:
        code = new_code(TICKET_LENGTH)
        if not Enrolment.objects.filter(ticket=code).exists():
            return code


def ticket_url(enrolment: Enrolment) -> str:
    return site_url(reverse("training:ticket", args=[enrolment.ticket]))


def _send_invitation(enrolment: Enrolment) -> None:
    course = enrolment.course
    notify(
        subject=str(_("Giấy triệu tập lớp tập huấn: %(title)s") % {"title": course.title}),
        template="training/email/invitation.txt",
        context={"enrolment": enrolment, "course": course, "url": ticket_url(enrolment)},
        emails=[enrolment.trainee.email],
        phones=[enrolment.trainee.phone],
        text=str(
            _("Anh/chị được triệu tập dự lớp tập huấn từ ngày %(day)s. Chi tiết: %(url)s")
            % {"day": _day(course.starts_on), "url": ticket_url(enrolment)}
        ),
    )


def name_participant(
    *,
    actor,
    allotment: Allotment,
    full_name: str,
    organisation: Organisation,
    position: str = "",
    phone: str = "",
    email: str = "",
    sex: str = "",
    ethnicity: str = "",
    target_group: TargetGroup | None = None,
    notify_participant: bool = True,
) -> Enrolment:
    """A unit's officer names one participant on the unit's places: summoned at once
    (``invited``), the invitation e-mailed after commit. The participant works for the unit the
    places were given to or a body under it, within the officer's reach."""
    _require(
        may_name(user=actor, allotment=allotment),
        _("Bạn không phụ trách đơn vị được phân bổ chỉ tiêu này."),
    )
    course = allotment.course
    full_name, phone, email = _check_person(
        course=course, full_name=full_name, phone=phone, email=email, sex=sex, ethnicity=ethnicity
    )
    home = allotment.organisation.unit
    if not (organisation.unit.path.startswith(home.path) and _in_reach(actor, organisation.pk)):
        raise ValidationError(
            {
                "organisation": _(
                    "Học viên phải công tác tại %(unit)s hoặc đơn vị trực thuộc trong phạm vi "
                    "của bạn."
                )
                % {"unit": allotment.organisation.name}
            },
            code="outside_scope",
        )
    with transaction.atomic():
        locked = _lock_course(course)
        held_here = _held(allotment.enrolments)
        if held_here >= allotment.places:
            raise ValidationError(
                _("%(unit)s đã cử đủ %(places)s học viên theo chỉ tiêu được phân bổ.")
                % {"unit": allotment.organisation.name, "places": _number(allotment.places)},
                code="allotment_full",
            )
        if _held(locked.enrolments) >= locked.capacity:
            raise ValidationError(
                _("Lớp đã đủ %(capacity)s học viên.") % {"capacity": _number(locked.capacity)},
                code="course_full",
            )
        trainee = _find_trainee(
            full_name=full_name,
            phone=phone,
            email=email,
            sex=sex,
            ethnicity=ethnicity,
            organisation=organisation,
        )
        if Enrolment.objects.filter(course=locked, trainee=trainee).exists():
            raise ValidationError(
                _("%(name)s đã có tên trong lớp này.") % {"name": trainee.full_name},
                code="duplicate",
            )
        enrolment = Enrolment(
            course=locked,
            trainee=trainee,
            allotment=allotment,
            organisation=organisation,
            position=clean_name(position or ""),
            target_group=target_group,
            status=EnrolmentStatus.INVITED,
            ticket=_ticket(),
            invited_at=timezone.now(),
            named_by=actor,
        )
        enrolment.full_clean()
        enrolment.save()
        record_event(enrolment, workflow=ENROLMENT_WORKFLOW, actor=actor, from_status="")
        if notify_participant:
            transaction.on_commit(lambda: _send_invitation(enrolment))
    return enrolment


def register_openly(
    *,
    course: Course,
    full_name: str,
    organisation: Organisation,
    position: str = "",
    phone: str = "",
    email: str = "",
    sex: str = "",
    ethnicity: str = "",
    today: date | None = None,
) -> Enrolment:
    """A self-registration on a public course that accepts them, before its first day: it
    waits for the organiser's approval (``applied``); the invitation with the ticket goes to
    the registrant's own contacts only when it is approved."""
    today = today or timezone.localdate()
    if not (course.open_registration and course.is_public):
        raise ValidationError(_("Lớp này không nhận đăng ký trực tuyến."), code="closed")
    if course.starts_on is None or course.starts_on < today:
        raise ValidationError(
            _("Lớp đã khai giảng (ngày %(day)s): không nhận đăng ký thêm.")
            % {"day": _day(course.starts_on or today)},
            code="started",
        )
    if not organisation.is_valid_on(today):
        raise ValidationError(
            {"organisation": _("Cơ quan, đơn vị này không còn hoạt động.")},
            code="organisation_closed",
        )
    full_name, phone, email = _check_person(
        course=course, full_name=full_name, phone=phone, email=email, sex=sex, ethnicity=ethnicity
    )
    with transaction.atomic():
        locked = _lock_course(course)
        trainee = _find_trainee(
            full_name=full_name,
            phone=phone,
            email=email,
            sex=sex,
            ethnicity=ethnicity,
            organisation=organisation,
        )
        if Enrolment.objects.filter(course=locked, trainee=trainee).exists():
            raise ValidationError(_("Anh/chị đã đăng ký lớp này."), code="duplicate")
        enrolment = Enrolment(
            course=locked,
            trainee=trainee,
            organisation=organisation,
            position=clean_name(position or ""),
            status=EnrolmentStatus.APPLIED,
            ticket=_ticket(),
        )
        enrolment.full_clean()
        enrolment.save()
        record_event(enrolment, workflow=ENROLMENT_WORKFLOW, actor=None, from_status="")
    return enrolment


def approve_registration(*, actor, enrolment: Enrolment) -> Enrolment:
    """The organiser accepts a self-registration: summoned when a place is free, else on the
    waiting list."""
    course = enrolment.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    with transaction.atomic():
        locked = _lock_course(course)
        full = _held(locked.enrolments) >= locked.capacity
        target = EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.INVITED
        event = transition(
            enrolment,
            workflow=ENROLMENT_WORKFLOW,
            to=target,
            actor=actor,
            notify=None if full else (lambda e: _send_invitation(e.subject)),
            select_related=("course", "trainee"),
        )
    return event.subject


def confirm_attendance(*, enrolment: Enrolment) -> Enrolment:
    """The participant confirms from their ticket page."""
    event = transition(
        enrolment, workflow=ENROLMENT_WORKFLOW, to=EnrolmentStatus.CONFIRMED, actor=None
    )
    return event.subject


def withdraw(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    """The naming unit (or the organiser) withdraws a participant, with a reason; the first on
    the waiting list takes the freed place."""
    course = enrolment.course
    allowed = may_manage(user=actor, course=course) or (
        enrolment.allotment_id is not None and may_name(user=actor, allotment=enrolment.allotment)
    )
    _require(allowed, _("Bạn không phụ trách học viên này."))
    if not normalize_text(reason or "").strip():
        raise ValidationError({"reason": _("Vui lòng ghi lý do rút tên.")}, code="reason")
    with transaction.atomic():
        locked = _lock_course(course)
        event = transition(
            enrolment,
            workflow=ENROLMENT_WORKFLOW,
            to=EnrolmentStatus.WITHDRAWN,
            actor=actor,
            reason=reason,
        )
        # Only a place given back goes to the waiting list: declining a registration or
        # striking someone off the waiting list frees none.
        freed = event.from_status in HOLDS_PLACE and _held(locked.enrolments) < locked.capacity
        waiting = (
            Enrolment.objects.filter(course=course, status=EnrolmentStatus.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
            if freed
            else None
        )
        if waiting is not None:
            transition(
                waiting,
                workflow=ENROLMENT_WORKFLOW,
                to=EnrolmentStatus.INVITED,
                actor=actor,
                reason=str(_("Nhận chỗ trống từ danh sách chờ.")),
                notify=lambda e: _send_invitation(e.subject),
                select_related=("course", "trainee"),
            )
    return event.subject


# --- attendance -------------------------------------------------------------------------------

ATTENDING = frozenset({EnrolmentStatus.INVITED, EnrolmentStatus.CONFIRMED})


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def check_in(
    *, actor, session: Session, code: str, source: str = AttendanceSource.QR, at=None
) -> Attendance:
    """Mark the participant whose ticket is ``code`` present at ``session`` (late after
    ``LATE_AFTER``). Only on the session's own day; once a day."""
    course = session.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    at = at or timezone.now()
    local = _local(at)
    if local.date() != session.day:
        raise ValidationError(
            _("Chỉ điểm danh buổi học ngày %(day)s trong chính ngày đó (hôm nay là %(today)s).")
            % {"day": _day(session.day), "today": _day(local.date())},
            code="wrong_day",
        )
    ticket = clean_code(code)
    # The ticket is unique: no ordering (``first()`` would sort by the model's ordering, a join
    # on the organisation for every scan), one row at most.
    found = (
        list(
            Enrolment.objects.filter(course=course, ticket=ticket)
            .select_related("trainee")
            .order_by()[:1]
        )
        if ticket
        else []
    )
    enrolment = found[0] if found else None
    if enrolment is None:
        raise ValidationError(
            _("Mã vé “%(code)s” không đúng hoặc không thuộc lớp này.") % {"code": ticket or code},
            code="unknown_ticket",
        )
    if enrolment.status not in ATTENDING and enrolment.status not in HOLDS_PLACE:
        raise ValidationError(
            _("%(name)s không có tên trong danh sách triệu tập (%(status)s).")
            % {"name": enrolment.trainee.full_name, "status": enrolment.get_status_display()},
            code="not_summoned",
        )
    starts = timezone.make_aware(datetime.combine(session.day, session.starts_at))
    status = AttendanceStatus.LATE if at > starts + LATE_AFTER else AttendanceStatus.PRESENT
    mark = Attendance(
        enrolment=enrolment,
        session=session,
        status=status,
        source=source,
        checked_in_at=at,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            mark.save(force_insert=True)
            record_event(
                mark,
                workflow=ATTENDANCE_WORKFLOW,
                actor=actor,
                from_status="",
                action=TrainingAction.CHECK_IN,
            )
    except IntegrityError:
        earlier = Attendance.objects.filter(enrolment=enrolment, session=session).first()
        when = f"{_local(earlier.checked_in_at):%H:%M}" if earlier and earlier.checked_in_at else ""
        raise ValidationError(
            _("%(name)s đã được điểm danh buổi này %(when)s.")
            % {"name": enrolment.trainee.full_name, "when": when and f"lúc {when}"},
            code="already_in",
        ) from None
    mark.enrolment = enrolment
    return mark


def record_paper_attendance(
    *, actor, session: Session, marks: Mapping[int, str], today: date | None = None
) -> list[Attendance]:
    """Marks typed afterwards from the signed paper sheet (``source`` paper), for participants
    not yet marked at this session; an existing mark is changed only by a correction."""
    course = session.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    today = today or timezone.localdate()
    if session.day > today:
        raise ValidationError(
            _("Buổi học ngày %(day)s chưa diễn ra: chưa nhập được điểm danh.")
            % {"day": _day(session.day)},
            code="future_session",
        )
    if any(status not in AttendanceStatus.values for status in marks.values()):
        raise ValidationError(_("Trạng thái điểm danh không hợp lệ."), code="bad_status")
    with transaction.atomic():
        _lock_course(course)
        enrolments = {
            e.pk: e
            for e in Enrolment.objects.filter(
                course=course, pk__in=list(marks), status__in=HOLDS_PLACE
            )
        }
        if set(marks) - set(enrolments):
            raise ValidationError(
                _("Có học viên không thuộc danh sách triệu tập của lớp."), code="foreign"
            )
        marked = set(
            Attendance.objects.filter(session=session, enrolment__in=list(enrolments)).values_list(
                "enrolment_id", flat=True
            )
        )
        created = [
            Attendance(
                enrolment=enrolments[pk],
                session=session,
                status=status,
                source=AttendanceSource.PAPER,
                recorded_by=actor,
            )
            for pk, status in marks.items()
            if pk not in marked
        ]
        Attendance.objects.bulk_create(created)
        for mark in Attendance.objects.filter(
            session=session, enrolment__in=[m.enrolment for m in created]
        ):
            record_event(
                mark,
                workflow=ATTENDANCE_WORKFLOW,
                actor=actor,
                from_status="",
                action=TrainingAction.PAPER,
            )
    return created


def correct_attendance(*, actor, attendance: Attendance, status: str, reason: str) -> Attendance:
    """Change one mark, with the reason in the history."""
    course = attendance.session.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    if not normalize_text(reason or "").strip():
        raise ValidationError({"reason": _("Vui lòng ghi lý do sửa điểm danh.")}, code="reason")
    event = transition(
        attendance, workflow=ATTENDANCE_WORKFLOW, to=status, actor=actor, reason=reason
    )
    return event.subject


def outcome(*, statuses: list[str]) -> str:
    """A participant's outcome from their marks: attended if present (or late) at least once;
    excused if every missed session was excused; absent otherwise."""
    if any(s in PRESENT_STATUSES for s in statuses):
        return EnrolmentStatus.ATTENDED
    if statuses and all(s == AttendanceStatus.EXCUSED for s in statuses):
        return EnrolmentStatus.EXCUSED
    return EnrolmentStatus.ABSENT


def close_attendance(*, actor, course: Course, today: date | None = None) -> dict[str, int]:
    """After the last session: each summoned participant's outcome (attended / absent /
    excused) from their marks. Closed again after a correction."""
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    today = today or timezone.localdate()
    if course.ends_on > today:
        raise ValidationError(
            _("Lớp chưa kết thúc (buổi cuối ngày %(day)s): chưa chốt được điểm danh.")
            % {"day": _day(course.ends_on)},
            code="not_over",
        )
    counts = {
        s: 0 for s in (EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT, EnrolmentStatus.EXCUSED)
    }
    with transaction.atomic():
        locked = _lock_course(course)
        enrolments = list(
            Enrolment.objects.filter(course=locked, status__in=HOLDS_PLACE).prefetch_related(
                "attendances"
            )
        )
        for enrolment in enrolments:
            target = outcome(statuses=[a.status for a in enrolment.attendances.all()])
            counts[target] += 1
            if enrolment.status != target:
                # The locking query joins nothing: with no names, select_related() would
                # follow every foreign key (course, trainee, organisation, allotment …) for
                # each of a few hundred participants.
                transition(
                    enrolment,
                    workflow=ENROLMENT_WORKFLOW,
                    to=target,
                    actor=actor,
                    select_related=("trainee",),
                )
        locked.attendance_closed_at = timezone.now()
        locked.save(update_fields=["attendance_closed_at"])
    return counts


# --- certificates -----------------------------------------------------------------------------


def sessions_required(course: Course, *, total: int) -> int:
    return course.min_sessions or total


def _certificate_codes(count: int) -> list[str]:
    """``count`` new verification codes, unused and distinct: one query a round (a clash among
    31^12 codes is next to impossible, but the unique column must never refuse a batch)."""
    codes: set[str] = set()
    while len(codes) < count:
        fresh = {new_code(CERTIFICATE_CODE_LENGTH) for _i in range(count - len(codes))} - codes
        taken = set(Certificate.objects.filter(code__in=fresh).values_list("code", flat=True))
        codes |= fresh - taken
    return list(codes)


def check_issuable(*, actor, course: Course) -> None:
    """Refuse before anything is queued: the actor must run the course, its attendance closed."""
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    if course.attendance_closed_at is None:
        raise ValidationError(
            _("Vui lòng chốt điểm danh trước khi cấp giấy chứng nhận."), code="not_closed"
        )


def issue_certificates(
    *,
    actor,
    course: Course,
    progress: Callable[[int, int], None] | None = None,
    at: datetime | None = None,
) -> list[Certificate]:
    """Certificates for the participants who attended and meet the course's rule (present or
    late at ``min_sessions`` sessions, or at every one); none twice. Attendance must be closed.
    ``progress(done, total)`` is called as they are made; ``at`` dates them (default now)."""
    check_issuable(actor=actor, course=course)
    total = course.sessions.count()
    required = sessions_required(course, total=total)
    now = at or timezone.now()
    with transaction.atomic():
        locked = _lock_course(course)
        eligible = list(
            Enrolment.objects.filter(
                course=locked, status=EnrolmentStatus.ATTENDED, certificate__isnull=True
            )
            .annotate(
                present=Count("attendances", filter=Q(attendances__status__in=PRESENT_STATUSES))
            )
            .filter(present__gte=required)
            .select_related("trainee")
            .order_by("organisation__name", "trainee__full_name", "pk")
        )
        number = (
            Certificate.objects.filter(enrolment__course=locked).aggregate(n=Max("number"))["n"]
            or 0
        )
        codes = _certificate_codes(len(eligible))
        made = []
        for index, (enrolment, code) in enumerate(zip(eligible, codes, strict=True), start=1):
            number += 1
            made.append(
                Certificate(
                    enrolment=enrolment,
                    code=code,
                    number=number,
                    holder_name=enrolment.trainee.full_name,
                    course_title=locked.title,
                    dates_text=locked.dates_text,
                    issuer_name=locked.organiser.name,
                    issued_at=now,
                    issued_by=actor,
                )
            )
            if progress is not None:
                progress(index, len(eligible))
        Certificate.objects.bulk_create(made)
    return made


def revoke_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    course = certificate.enrolment.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do thu hồi.")}, code="reason")

    def apply(locked: Certificate):
        locked.revoke_reason = reason
        return ["revoke_reason"]

    event = transition(
        certificate,
        workflow=CERTIFICATE_WORKFLOW,
        to=CertificateStatus.REVOKED,
        actor=actor,
        reason=reason,
        apply=apply,
    )
    return event.subject


# --- evaluation -------------------------------------------------------------------------------


MAX_QUESTIONS = 30


def _check_questions_open(course: Course) -> None:
    # Answers already given were to the questions as they stood: changing a question's words
    # or kind, or removing it, would change what those anonymous answers say.
    answered = course.responses.count()
    if answered:
        raise ValidationError(
            _(
                "Lớp đã có %(count)s phiếu đánh giá: không thay đổi được câu hỏi (các câu trả "
                "lời đã gửi sẽ sai nghĩa)."
            )
            % {"count": _number(answered)},
            code="answered",
        )


def _question_fields(*, text: str, kind: str, position) -> tuple[str, str, int]:
    errors: dict[str, object] = {}
    text = clean_name(text or "")
    if not text:
        errors["text"] = _("Vui lòng nhập câu hỏi.")
    elif len(text) > 300:
        errors["text"] = _("Câu hỏi dài quá 300 ký tự.")
    if kind not in QuestionKind.values:
        errors["kind"] = _("Loại câu hỏi không hợp lệ.")
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 999:
        errors["position"] = _("Thứ tự phải là số nguyên từ 0 đến 999.")
    if errors:
        raise ValidationError(errors, code="bad_question")
    return text, kind, position


def add_question(*, actor, course: Course, text: str, kind: str, position=None) -> Question:
    """A question added to the course's evaluation, last unless ``position`` says where;
    refused once an answer has come in."""
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    with transaction.atomic():
        locked = _lock_course(course)
        _check_questions_open(locked)
        count = locked.questions.count()
        if count >= MAX_QUESTIONS:
            raise ValidationError(
                _("Phiếu đánh giá có tối đa 30 câu hỏi."), code="too_many_questions"
            )
        if position is None:
            last = locked.questions.aggregate(n=Max("position"))["n"]
            position = 0 if last is None else min(last + 1, 999)
        text, kind, position = _question_fields(text=text, kind=kind, position=position)
        question = Question(course=locked, text=text, kind=kind, position=position)
        question.full_clean()
        question.save()
    return question


def change_question(*, actor, question: Question, text: str, kind: str, position) -> Question:
    """New wording, kind or place of a question; refused once an answer has come in."""
    course = question.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    text, kind, position = _question_fields(text=text, kind=kind, position=position)
    with transaction.atomic():
        _check_questions_open(_lock_course(course))
        locked = Question.objects.select_for_update().get(pk=question.pk)
        locked.text, locked.kind, locked.position = text, kind, position
        locked.full_clean()
        locked.save(update_fields=["text", "kind", "position"])
    return locked


def remove_question(*, actor, question: Question) -> None:
    """A question taken out of the evaluation (the last one stays); refused once an answer has
    come in."""
    course = question.course
    _require(may_manage(user=actor, course=course), _("Bạn không phụ trách lớp tập huấn này."))
    with transaction.atomic():
        locked = _lock_course(course)
        _check_questions_open(locked)
        if locked.questions.count() <= 1:
            raise ValidationError(
                _("Phiếu đánh giá cần ít nhất một câu hỏi."), code="last_question"
            )
        Question.objects.filter(pk=question.pk, course=locked).delete()


def submit_evaluation(*, enrolment: Enrolment, answers: Mapping[int, object]) -> Response:
    """The participant's anonymous answers: the response keeps no link to them and no time;
    only ``survey_done`` on the enrolment, set in the same transaction, refuses a second one."""
    questions = list(enrolment.course.questions.all())
    errors: dict[str, str] = {}
    rows = []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == QuestionKind.SCALE:
            if isinstance(value, bool) or value not in (1, 2, 3, 4, 5):
                errors[f"q{question.pk}"] = _("Vui lòng chọn một mức từ 1 đến 5.")
                continue
            rows.append((question, value, ""))
        else:
            text = normalize_text(str(value or "")).strip()
            if len(text) > MAX_TEXT_ANSWER:
                errors[f"q{question.pk}"] = _("Ý kiến dài quá 2.000 ký tự.")
                continue
            if text:
                rows.append((question, None, text))
    if errors:
        raise ValidationError(errors, code="bad_answers")
    with transaction.atomic():
        # The course row first, as the question editor takes it: the questions answered are
        # the questions in force (the editor refuses changes once a response exists).
        course = _lock_course(enrolment.course)
        if set(course.questions.values_list("pk", flat=True)) != {q.pk for q in questions}:
            raise ValidationError(
                _("Phiếu đánh giá vừa được cập nhật: vui lòng tải lại trang và trả lời lại."),
                code="questions_changed",
            )
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.survey_done:
            raise ValidationError(
                _("Anh/chị đã gửi phiếu đánh giá lớp này; mỗi học viên chỉ đánh giá một lần."),
                code="answered",
            )
        if not locked.attendances.filter(status__in=PRESENT_STATUSES).exists():
            raise ValidationError(
                _("Chỉ học viên đã tham dự lớp mới đánh giá được."), code="not_attended"
            )
        response = Response.objects.create(course_id=locked.course_id)
        Answer.objects.bulk_create(
            Answer(response=response, question=q, score=score, text=text) for q, score, text in rows
        )
        locked.survey_done = True
        locked.save(update_fields=["survey_done"])
    return response


# --- personal data ----------------------------------------------------------------------------

ERASED_NAME = "(Đã xóa theo yêu cầu)"


def erase_trainee(*, trainee: Trainee) -> None:
    """Erase a person's name and contacts; their attendance stays as counts, their certificates
    no longer name them."""
    with transaction.atomic():
        trainee.full_name = ERASED_NAME
        trainee.phone = ""
        trainee.email = ""
        trainee.key = f"erased:{trainee.pk}"
        trainee.erased_at = timezone.now()
        trainee.save(update_fields=["full_name", "phone", "email", "key", "erased_at"])
        Certificate.objects.filter(enrolment__trainee=trainee).update(holder_name=ERASED_NAME)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 → 28/02
        return day.replace(year=day.year + years, day=28)


def erase_expired_trainees(*, today: date | None = None) -> int:
    """Erase the people whose every course ended longer ago than that course keeps its
    participants (``retention_years``)."""
    today = today or timezone.localdate()
    erased = 0
    candidates = Trainee.objects.filter(erased_at__isnull=True).prefetch_related(
        "enrolments__course"
    )
    for trainee in candidates:
        courses = [e.course for e in trainee.enrolments.all()]
        if courses and all(
            c.ends_on and _years_after(c.ends_on, c.retention_years) < today for c in courses
        ):
            erase_trainee(trainee=trainee)
            erased += 1
    return erased
