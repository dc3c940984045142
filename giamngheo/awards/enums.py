"""Choices of the emulation and commendation app (plan item 2.3), with the allowed transitions
beside each status (core.workflow)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow, register_actions


class Verification(models.TextChoices):
    """How sure we are of a rule set's figures (FACTS.md marks each fact)."""

    CHECKED = "checked", _("Đã đối chiếu văn bản gốc")
    REPORTED = "reported", _("Theo nguồn thứ cấp, cần đối chiếu")


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Subject(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")
    INDIVIDUAL = "individual", _("Cá nhân")


class Denominator(models.TextChoices):
    """What the vote threshold is a share of."""

    ALL_MEMBERS = "all", _("Tổng số thành viên hội đồng")
    PRESENT = "present", _("Số thành viên dự họp")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn hồ sơ")
    SUBMITTED = "submitted", _("Đã trình, chờ thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định, đủ điều kiện")
    PUBLIC_COMMENT = "public_comment", _("Đang lấy ý kiến công khai")
    COUNCIL = "council", _("Trình hội đồng")
    COMMENDED = "commended", _("Được khen thưởng")
    NOT_COMMENDED = "not_commended", _("Không được khen thưởng")
    REVOKED = "revoked", _("Đã hủy quyết định khen thưởng")


N = NominationStatus
NOMINATION_WORKFLOW = Workflow(
    statuses=NominationStatus,
    transitions={
        N.DRAFT: frozenset({N.SUBMITTED}),
        N.SUBMITTED: frozenset({N.RETURNED, N.APPRAISED}),
        N.RETURNED: frozenset({N.SUBMITTED}),
        N.APPRAISED: frozenset({N.PUBLIC_COMMENT, N.COUNCIL}),
        N.PUBLIC_COMMENT: frozenset({N.COUNCIL}),
        N.COUNCIL: frozenset({N.COMMENDED, N.NOT_COMMENDED}),
        N.COMMENDED: frozenset({N.REVOKED}),
        N.NOT_COMMENDED: frozenset(),
        N.REVOKED: frozenset(),
    },
    stamps={
        N.SUBMITTED: "submitted_at",
        N.APPRAISED: "appraised_at",
        N.PUBLIC_COMMENT: "published_at",
        N.COMMENDED: "decided_at",
        N.NOT_COMMENDED: "decided_at",
        N.REVOKED: "revoked_at",
    },
    refusal=_("Không thể chuyển hồ sơ đề nghị khen thưởng từ “%(from)s” sang “%(to)s”."),
    organisation_field="nominating_organisation",
)


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã triệu tập")
    OPEN = "open", _("Đang họp, bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc, đã kiểm phiếu")


M = MeetingStatus
MEETING_WORKFLOW = Workflow(
    statuses=MeetingStatus,
    transitions={
        M.SCHEDULED: frozenset({M.OPEN}),
        M.OPEN: frozenset({M.CLOSED}),
        M.CLOSED: frozenset(),
    },
    stamps={M.OPEN: "opened_at", M.CLOSED: "closed_at"},
    refusal=_("Không thể chuyển phiên họp hội đồng từ “%(from)s” sang “%(to)s”."),
)


class Attendance(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    ABSENT_WRITTEN = "absent_written", _("Vắng mặt, có ý kiến bằng văn bản")
    ABSENT = "absent", _("Vắng mặt")


class BallotSource(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy, nhập số liệu kiểm phiếu")
    ONLINE = "online", _("Bỏ phiếu trực tuyến")


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    INVALID = "invalid", _("Phiếu không hợp lệ")


class AwardsAction(models.TextChoices):
    """History entries that are no status change."""

    CREATED = "awards_created", _("Lập hồ sơ đề nghị khen thưởng")
    COMPONENT = "awards_component", _("Đính kèm thành phần hồ sơ")
    BALLOT = "awards_ballot", _("Nhập kết quả kiểm phiếu")
    PERSONAL = "awards_personal", _("Xem thông tin cá nhân của người được đề nghị")


register_actions(AwardsAction)
