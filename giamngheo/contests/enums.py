"""Choices of the contests app (plan item 2.2), with the allowed transitions beside each status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow, register_actions


class ContestStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang nhận tác phẩm")
    JUDGING = "judging", _("Đang chấm")
    DECIDED = "decided", _("Đã quyết định trao giải")


C = ContestStatus
CONTEST_WORKFLOW = Workflow(
    statuses=ContestStatus,
    transitions={
        C.DRAFT: frozenset({C.OPEN}),
        C.OPEN: frozenset({C.JUDGING}),
        C.JUDGING: frozenset({C.DECIDED}),
        C.DECIDED: frozenset(),
    },
    stamps={C.OPEN: "opened_at", C.DECIDED: "decided_at"},
    refusal=_("Không thể chuyển cuộc thi từ “%(from)s” sang “%(to)s”."),
    organisation_field="organiser",
)


class EntryStatus(models.TextChoices):
    """An entry is sent once complete; the secretariat accepts (it gets its code) or refuses it
    with a reason the entrant sees; the entrant may withdraw it before the decision."""

    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    ACCEPTED = "accepted", _("Hợp lệ, đã cấp mã")
    REFUSED = "refused", _("Không hợp lệ")
    WITHDRAWN = "withdrawn", _("Đã rút")


E = EntryStatus
ENTRY_WORKFLOW = Workflow(
    statuses=EntryStatus,
    transitions={
        E.SUBMITTED: frozenset({E.ACCEPTED, E.REFUSED, E.WITHDRAWN}),
        E.ACCEPTED: frozenset({E.WITHDRAWN}),
        E.REFUSED: frozenset(),
        E.WITHDRAWN: frozenset(),
    },
    stamps={E.ACCEPTED: "checked_at", E.REFUSED: "checked_at"},
    refusal=_("Không thể chuyển tác phẩm từ “%(from)s” sang “%(to)s”."),
)


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa mở")
    OPEN = "open", _("Đang chấm")
    CLOSED = "closed", _("Đã khóa điểm")
    SIGNED = "signed", _("Đã ký biên bản")


R = RoundStatus
ROUND_WORKFLOW = Workflow(
    statuses=RoundStatus,
    transitions={
        R.PLANNED: frozenset({R.OPEN}),
        R.OPEN: frozenset({R.CLOSED}),
        R.CLOSED: frozenset({R.SIGNED}),
        R.SIGNED: frozenset(),
    },
    stamps={R.OPEN: "opened_at", R.CLOSED: "closed_at", R.SIGNED: "signed_at"},
    refusal=_("Không thể chuyển vòng chấm từ “%(from)s” sang “%(to)s”."),
)


class Medium(models.TextChoices):
    """How a medium's evidence is judged (the contest's own list names them)."""

    PRINT = "print", _("Báo in")
    ONLINE = "online", _("Báo điện tử")
    RADIO = "radio", _("Phát thanh")
    TV = "tv", _("Truyền hình")
    PHOTO = "photo", _("Ảnh báo chí")


class FileRole(models.TextChoices):
    WORK = "work", _("Tác phẩm")
    SCRIPT = "script", _("Kịch bản, bản in A4")
    CAPTURE = "capture", _("Bản chụp trang (PDF)")
    REDACTED = "redacted", _("Bản đã che tên tác giả")


class Assignment(models.TextChoices):
    ALL = "all", _("Mọi giám khảo chấm mọi tác phẩm của loại hình")
    PANELS = "panels", _("Chia tiểu ban theo loại hình")


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Giám khảo tự khai")
    EMPLOYER = "employer", _("Cùng cơ quan báo chí (tự động)")
    RECORDED = "recorded", _("Ban tổ chức ghi nhận")


class ContestAction(models.TextChoices):
    """History entries that are no status change."""

    CODED = "contest_coded", _("Cấp mã tác phẩm")
    REDACTED = "contest_redacted", _("Tải bản đã che tên")
    OVERRIDE = "contest_override", _("Hội đồng điều chỉnh kết quả")
    IDENTITY = "contest_identity", _("Xem danh tính tác giả")
    UPDATED = "contest_updated", _("Sửa thông tin cuộc thi")
    ROUND_UPDATED = "contest_round_updated", _("Sửa vòng chấm")


register_actions(ContestAction)
