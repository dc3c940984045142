"""Choices of the campaigns app, with the moderation workflow beside its statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow, register_actions


class SubmissionKind(models.TextChoices):
    POST = "post", _("Bài đăng")
    ARTICLE = "article", _("Bài viết")
    PHOTO = "photo", _("Ảnh")
    VIDEO = "video", _("Video")
    REPORTAGE = "reportage", _("Phóng sự")


# Kinds counted by ``campaign.approved_videos``.
VIDEO_KINDS = frozenset({SubmissionKind.VIDEO, SubmissionKind.REPORTAGE})


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    APPROVED = "approved", _("Đã duyệt, đang hiển thị")
    REJECTED = "rejected", _("Không duyệt")
    HIDDEN = "hidden", _("Đã ẩn")
    TAKEN_DOWN = "taken_down", _("Đã gỡ theo yêu cầu")


S = SubmissionStatus

# Pre-moderation: nothing is public before a moderator approves it. An approved item can be
# hidden (and shown again), sent back to review by public reports, or taken down on request; a
# takedown is final (Nghị định 147/2024: unlawful content removed within 24 hours of a request).
SUBMISSION_WORKFLOW = Workflow(
    statuses=SubmissionStatus,
    transitions={
        S.PENDING: frozenset({S.APPROVED, S.REJECTED, S.TAKEN_DOWN}),
        S.APPROVED: frozenset({S.HIDDEN, S.PENDING, S.TAKEN_DOWN}),
        S.HIDDEN: frozenset({S.APPROVED, S.TAKEN_DOWN}),
        S.REJECTED: frozenset({S.TAKEN_DOWN}),
        S.TAKEN_DOWN: frozenset(),
    },
    stamps={
        S.APPROVED: "decided_at",
        S.REJECTED: "decided_at",
        S.HIDDEN: "hidden_at",
        S.TAKEN_DOWN: "taken_down_at",
    },
    refusal=_("Không thể chuyển bài tham gia từ “%(from)s” sang “%(to)s”."),
)


class ModerationDecision(models.TextChoices):
    """What a moderator decides for several pending items at once (the queue's bulk form)."""

    APPROVE = "approve", _("Duyệt, hiển thị trên Cổng")
    REJECT = "reject", _("Không duyệt")


# Statuses a moderator still has to act on.
OPEN_STATUSES = (S.PENDING,)


class SubmissionAction(models.TextChoices):
    """History codes besides plain status changes."""

    SUBMITTED = "campaign_submitted", _("Người dân gửi bài tham gia")
    REPORTED_BACK = "campaign_reported", _("Đưa lại kiểm duyệt do bị báo cáo")
    FEATURED = "campaign_featured", _("Chọn làm bài nổi bật")
    UNFEATURED = "campaign_unfeatured", _("Bỏ chọn bài nổi bật")
    REACH = "campaign_reach", _("Khai báo lượt xem, chia sẻ")


register_actions(SubmissionAction)


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Tin rác, quảng cáo")
    OFFENSIVE = "offensive", _("Nội dung xúc phạm, phản cảm")
    NOT_BELONGING = "not_belonging", _("Không thuộc chủ đề chiến dịch")
    PERSONAL_DATA = "personal_data", _("Lộ thông tin cá nhân")


class ContactChannel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Tin nhắn Zalo")
    EMAIL = "email", _("Thư điện tử")


class Declarer(models.TextChoices):
    SUBMITTER = "submitter", _("Người gửi tự khai")
    MODERATOR = "moderator", _("Người kiểm duyệt khai")
