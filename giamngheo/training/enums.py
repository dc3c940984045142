"""Choices of the training app (plan item 2.4), with the allowed transitions beside each status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow, register_actions


class EnrolmentStatus(models.TextChoices):
    """A participant of one course. Officers are summoned by their unit (giấy triệu tập); an
    open registration waits for the organiser's approval; a full course puts the next ones on
    the waiting list."""

    APPLIED = "applied", _("Đăng ký, chờ duyệt")
    WAITLISTED = "waitlisted", _("Trong danh sách chờ")
    INVITED = "invited", _("Đã triệu tập")
    CONFIRMED = "confirmed", _("Đã xác nhận tham dự")
    ATTENDED = "attended", _("Đã tham dự")
    ABSENT = "absent", _("Vắng mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    WITHDRAWN = "withdrawn", _("Rút tên")


S = EnrolmentStatus
# Places taken: a participant in one of these holds one of the unit's (and the course's) places.
HOLDS_PLACE = frozenset({S.INVITED, S.CONFIRMED, S.ATTENDED, S.ABSENT, S.EXCUSED})
# The outcome of a course is set when the organiser closes its attendance; it can be closed
# again after a correction, so the three outcomes move between each other.
ENROLMENT_WORKFLOW = Workflow(
    statuses=EnrolmentStatus,
    transitions={
        S.APPLIED: frozenset({S.INVITED, S.WAITLISTED, S.WITHDRAWN}),
        S.WAITLISTED: frozenset({S.INVITED, S.WITHDRAWN}),
        S.INVITED: frozenset({S.CONFIRMED, S.ATTENDED, S.ABSENT, S.EXCUSED, S.WITHDRAWN}),
        S.CONFIRMED: frozenset({S.ATTENDED, S.ABSENT, S.EXCUSED, S.WITHDRAWN}),
        S.ATTENDED: frozenset({S.ABSENT, S.EXCUSED}),
        S.ABSENT: frozenset({S.ATTENDED, S.EXCUSED}),
        S.EXCUSED: frozenset({S.ATTENDED, S.ABSENT}),
        S.WITHDRAWN: frozenset(),
    },
    stamps={S.INVITED: "invited_at", S.CONFIRMED: "confirmed_at"},
    refusal=_("Không thể chuyển học viên từ “%(from)s” sang “%(to)s”."),
    organisation_field="organisation",
)


class AttendanceStatus(models.TextChoices):
    """One participant at one session (Moodle's Present / Late / Absent / Excused)."""

    PRESENT = "present", _("Có mặt")
    LATE = "late", _("Đến muộn")
    ABSENT = "absent", _("Vắng mặt")
    EXCUSED = "excused", _("Vắng có lý do")


A = AttendanceStatus
PRESENT_STATUSES = frozenset({A.PRESENT, A.LATE})
# A mark is created once per participant and session (a check-in or the paper sheet); a
# correction moves it to any other status, always with a reason.
ATTENDANCE_WORKFLOW = Workflow(
    statuses=AttendanceStatus,
    transitions={status: frozenset(set(A.values) - {status}) for status in A.values},
    refusal=_("Không thể sửa điểm danh từ “%(from)s” sang “%(to)s”."),
)


class AttendanceSource(models.TextChoices):
    QR = "qr", _("Quét mã QR")
    TYPED = "typed", _("Nhập mã vé")
    PAPER = "paper", _("Nhập từ danh sách giấy")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")


CERTIFICATE_WORKFLOW = Workflow(
    statuses=CertificateStatus,
    transitions={
        CertificateStatus.VALID: frozenset({CertificateStatus.REVOKED}),
        CertificateStatus.REVOKED: frozenset(),
    },
    stamps={CertificateStatus.REVOKED: "revoked_at"},
    refusal=_("Không thể chuyển giấy chứng nhận từ “%(from)s” sang “%(to)s”."),
)


class Audience(models.TextChoices):
    PUBLIC = "public", _("Công khai trên cổng thông tin")
    PARTICIPANTS = "participants", _("Chỉ học viên của lớp")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Ethnicity(models.TextChoices):
    """The peoples of the province; the others under "Khác"."""

    KINH = "kinh", _("Kinh")
    TAY = "tay", _("Tày")
    NUNG = "nung", _("Nùng")
    SAN_CHAY = "san_chay", _("Sán Chay")
    SAN_DIU = "san_diu", _("Sán Dìu")
    DAO = "dao", _("Dao")
    HOA = "hoa", _("Hoa")
    HMONG = "hmong", _("H’Mông")
    OTHER = "other", _("Dân tộc khác")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Thang điểm 1–5")
    TEXT = "text", _("Ý kiến")


class TrainingAction(models.TextChoices):
    """History entries that are no status change."""

    CHECK_IN = "training_check_in", _("Điểm danh")
    PAPER = "training_paper", _("Nhập điểm danh từ danh sách giấy")
    ISSUED = "training_certificate", _("Cấp giấy chứng nhận")


register_actions(TrainingAction)
