"""Choices of the commune radio app, with the bulletin's allowed transitions beside its status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow, register_actions


class StationKind(models.TextChoices):
    IP = "ip", _("Truyền thanh ứng dụng công nghệ thông tin - viễn thông (IP)")
    FM = "fm", _("Truyền thanh không dây (FM)")
    WIRED = "wired", _("Truyền thanh hữu tuyến")


class Priority(models.TextChoices):
    """Thông tư 39/2020/TT-BTTTT: what each level means is dated data (``PriorityRule``)."""

    NORMAL = "normal", _("Thông thường")
    PRIORITY = "priority", _("Ưu tiên")
    EMERGENCY = "emergency", _("Khẩn cấp")


class Language(models.TextChoices):
    VIETNAMESE = "vi", _("Tiếng Việt")
    TAY = "tay", _("Tiếng Tày")
    NUNG = "nung", _("Tiếng Nùng")
    SAN_CHAY = "san_chay", _("Tiếng Sán Chay")
    SAN_DIU = "san_diu", _("Tiếng Sán Dìu")
    DAO = "dao", _("Tiếng Dao")
    HMONG = "hmong", _("Tiếng H’Mông")


class AudioSource(models.TextChoices):
    NONE = "", _("Chưa có âm thanh")
    GENERATED = "generated", _("Tạo tự động từ văn bản")
    UPLOADED = "uploaded", _("Bản thu tải lên")


class AiringOutcome(models.TextChoices):
    AIRED = "aired", _("Đã phát")
    NOT_AIRED = "not_aired", _("Không phát")


class ReminderKind(models.TextChoices):
    ACKNOWLEDGEMENT = "ack", _("Nhắc xác nhận đã nhận bản tin khẩn cấp")
    AIRING = "airing", _("Nhắc xác nhận kết quả phát sóng")


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã duyệt")
    SENT = "sent", _("Đã gửi đài xã")
    CLOSED = "closed", _("Đã kết thúc")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


# Editorial approval comes before sending (TT 39/2020: the commune airs only approved news); a
# bulletin sent is closed when its validity ends, or withdrawn at any point with a reason.
BULLETIN_WORKFLOW = Workflow(
    statuses=BulletinStatus,
    transitions={
        BulletinStatus.DRAFT: frozenset({BulletinStatus.APPROVED, BulletinStatus.WITHDRAWN}),
        BulletinStatus.APPROVED: frozenset({BulletinStatus.SENT, BulletinStatus.WITHDRAWN}),
        BulletinStatus.SENT: frozenset({BulletinStatus.CLOSED, BulletinStatus.WITHDRAWN}),
        BulletinStatus.CLOSED: frozenset(),
        BulletinStatus.WITHDRAWN: frozenset(),
    },
    stamps={
        BulletinStatus.APPROVED: "approved_at",
        BulletinStatus.SENT: "sent_at",
        BulletinStatus.CLOSED: "closed_at",
        BulletinStatus.WITHDRAWN: "withdrawn_at",
    },
    refusal=_("Không thể chuyển bản tin từ “%(from)s” sang “%(to)s”."),
)


class BroadcastAction(models.TextChoices):
    CREATED = "bulletin_created", _("Tạo bản tin")
    AUDIO = "bulletin_audio", _("Cập nhật âm thanh bản tin")
    AIRING = "bulletin_airing", _("Đài xã xác nhận phát sóng")
    ACKNOWLEDGED = "bulletin_ack", _("Đài xã xác nhận đã nhận bản tin khẩn cấp")


register_actions(BroadcastAction)
