"""Training of poverty-reduction officers (plan item 2.4): courses on a ``planning.Activity``,
their sessions (one per day), places allotted to units, the participants each unit names (one
``Trainee`` per person, so person-times and distinct persons are different counts), attendance
per session, the anonymous evaluation and the verifiable certificates.

Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import clean_name, normalize_text
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.planning.models import Activity

from .enums import (
    AttendanceSource,
    AttendanceStatus,
    Audience,
    CertificateStatus,
    EnrolmentStatus,
    Ethnicity,
    QuestionKind,
    Sex,
)

# A course for a province's officers: far above the largest (300 trainees); a mistyped figure
# is refused with a message.
MAX_CAPACITY = 2_000
MAX_SESSIONS = 20


def material_upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads).
    return f"training/{instance.course_id or 'new'}/{filename}"


class TargetGroup(models.Model):
    """Cán bộ giảm nghèo cấp tỉnh, cấp xã, trưởng thôn, đoàn thể, người có uy tín … — editable
    data, not code."""

    name = models.CharField(_("tên nhóm đối tượng"), max_length=160, unique=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("nhóm đối tượng tập huấn")
        verbose_name_plural = _("nhóm đối tượng tập huấn")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class Course(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("tên lớp tập huấn"), max_length=300)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="organised_courses",
    )
    venue_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    venue_address = models.CharField(_("địa điểm"), max_length=300)
    capacity = models.PositiveIntegerField(
        _("số học viên tối đa"),
        validators=[
            MinValueValidator(1, message=_("Số học viên tối đa phải là số nguyên dương.")),
            MaxValueValidator(
                MAX_CAPACITY, message=_("Số học viên tối đa vượt quá mức cho phép (2.000).")
            ),
        ],
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("đối tượng tập huấn"), related_name="courses", blank=True
    )
    programme = models.TextField(_("chương trình, nội dung"), blank=True)
    reports_sex_ethnicity = models.BooleanField(
        _("thống kê giới tính, dân tộc của học viên"), default=True
    )
    open_registration = models.BooleanField(_("cho phép tự đăng ký (chờ duyệt)"), default=False)
    is_public = models.BooleanField(_("công bố trên cổng thông tin"), default=True)
    min_sessions = models.PositiveSmallIntegerField(
        _("số buổi tối thiểu để được cấp giấy chứng nhận"),
        default=0,
        help_text=_("0: phải dự đủ tất cả các buổi."),
    )
    signer_title = models.CharField(_("chức vụ người ký giấy chứng nhận"), max_length=120)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120)
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn lưu thông tin học viên (năm)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    # The first and last session days, kept by the services with the sessions (lists, the
    # public calendar and the course count are dated by them).
    starts_on = models.DateField(_("ngày khai giảng"), null=True, editable=False)
    ends_on = models.DateField(_("ngày bế giảng"), null=True, editable=False)
    attendance_closed_at = models.DateTimeField(
        _("ngày chốt điểm danh"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = clean_name(self.title or "")
        self.venue_address = clean_name(self.venue_address or "")
        self.programme = normalize_text(self.programme or "").strip()
        self.signer_title = clean_name(self.signer_title or "")
        self.signer_name = clean_name(self.signer_name or "")

    @property
    def dates_text(self) -> str:
        if not self.starts_on:
            return ""
        if self.starts_on == self.ends_on:
            return f"{self.starts_on:%d/%m/%Y}"
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"


class Session(models.Model):
    """One day of a course, with its times (check-in is once a day per participant)."""

    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("ngày học"))
    starts_at = models.TimeField(_("giờ bắt đầu"))
    ends_at = models.TimeField(_("giờ kết thúc"))

    class Meta:
        ordering = ["course_id", "day"]
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        constraints = [
            models.UniqueConstraint("course", "day", name="training_session_one_a_day"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_session_times"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"


class Material(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("tên tài liệu"), max_length=300)
    audience = models.CharField(
        _("phạm vi"), max_length=16, choices=Audience.choices, default=Audience.PARTICIPANTS
    )
    file = models.FileField(_("tệp"), upload_to=material_upload_to, max_length=200)
    file_kind = models.CharField(max_length=8, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["course_id", "pk"]
        verbose_name = _("tài liệu lớp tập huấn")
        verbose_name_plural = _("tài liệu lớp tập huấn")

    def __str__(self) -> str:
        return self.title


class Allotment(models.Model):
    """Places of a course given to one organisation (a department, a district or commune
    committee); its officers name the participants."""

    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="allotments"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị được phân bổ"),
        on_delete=models.PROTECT,
        related_name="training_allotments",
    )
    places = models.PositiveIntegerField(_("số chỉ tiêu"))

    class Meta:
        ordering = ["course_id", "organisation__name"]
        verbose_name = _("chỉ tiêu cử học viên")
        verbose_name_plural = _("chỉ tiêu cử học viên")
        constraints = [
            models.UniqueConstraint("course", "organisation", name="training_allotment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.places}"


class Trainee(models.Model):
    """One person, whatever the number of courses they attend: found again by their phone
    number or e-mail (``core.text.subject_key``), else by name and organisation."""

    key = models.CharField(_("mã định danh"), max_length=200, unique=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=16, choices=Ethnicity.choices, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    erased_at = models.DateTimeField(_("ngày xóa thông tin"), null=True, blank=True)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")

    def __str__(self) -> str:
        return self.full_name


class Enrolment(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="enrolments"
    )
    trainee = models.ForeignKey(
        Trainee, verbose_name=_("học viên"), on_delete=models.PROTECT, related_name="enrolments"
    )
    allotment = models.ForeignKey(
        Allotment,
        verbose_name=_("chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan, đơn vị công tác"),
        on_delete=models.PROTECT,
        related_name="training_enrolments",
    )
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("nhóm đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.INVITED,
    )
    # The secret of the participant's QR ticket and links (ticket, survey, certificate).
    ticket = models.CharField(_("mã vé"), max_length=16, unique=True, editable=False)
    # Set with the anonymous answers, in the same transaction; nothing links the two.
    survey_done = models.BooleanField(_("đã đánh giá"), default=False, editable=False)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cử"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày cử"), auto_now_add=True)

    class Meta:
        ordering = ["course_id", "organisation__name", "trainee__full_name", "pk"]
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        constraints = [
            models.UniqueConstraint("course", "trainee", name="training_enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee.full_name} — {self.course}"


class Attendance(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("buổi học"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("điểm danh"), max_length=8, choices=AttendanceStatus.choices)
    source = models.CharField(_("cách ghi nhận"), max_length=8, choices=AttendanceSource.choices)
    checked_in_at = models.DateTimeField(_("giờ điểm danh"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người điểm danh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    class Meta:
        ordering = ["session__day", "pk"]
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint("enrolment", "session", name="training_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.trainee.full_name} — {self.session}: {self.get_status_display()}"


class Question(models.Model):
    """A question of a course's evaluation (questions are data)."""

    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("câu hỏi"), max_length=300)
    kind = models.CharField(_("loại"), max_length=8, choices=QuestionKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["course_id", "position", "pk"]
        verbose_name = _("câu hỏi đánh giá")
        verbose_name_plural = _("câu hỏi đánh giá")

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One anonymous evaluation: no participant, no time of its own (the course links it)."""

    course = models.ForeignKey(
        Course, verbose_name=_("lớp tập huấn"), on_delete=models.CASCADE, related_name="responses"
    )

    class Meta:
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")

    def __str__(self) -> str:
        return f"{self.course} — {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("response", "question", name="training_answer_once"),
        ]

    def __str__(self) -> str:
        return str(self.score or self.text)


class Certificate(models.Model):
    """A certificate of attendance; what the public page shows is kept as issued."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("học viên"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(_("mã xác minh"), max_length=16, unique=True, editable=False)
    number = models.PositiveIntegerField(_("số giấy chứng nhận"))
    holder_name = models.CharField(_("họ và tên"), max_length=120)
    course_title = models.CharField(_("lớp tập huấn"), max_length=300)
    dates_text = models.CharField(_("thời gian"), max_length=40)
    issuer_name = models.CharField(_("đơn vị cấp"), max_length=255)
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    issued_at = models.DateTimeField(_("ngày cấp"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True, editable=False)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True, editable=False)

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")

    def __str__(self) -> str:
        return f"{self.number:04d} — {self.holder_name}"
