"""Choices of the publications app, with the allowed dispatch transitions beside their statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow


class MovementKind(models.TextChoices):
    """Typed movements of the distribution ledger (sổ theo dõi phát hành), as in a stock history.

    The sign of each kind is fixed (``MOVEMENT_SIGN``); a stock count and a correction carry
    their own sign, given by the difference they record.
    """

    PRINTED_IN = "printed_in", _("Nhập kho từ cơ sở in")
    DISPATCHED = "dispatched", _("Xuất giao cho đơn vị nhận")
    RECEIVED = "received", _("Nhận (đã xác nhận)")
    HANDED_OUT = "handed_out", _("Cấp phát tại cơ sở")
    DAMAGED = "damaged", _("Hư hỏng")
    LOST = "lost", _("Thất lạc")
    STOCK_COUNT = "stock_count", _("Kiểm kê (chênh lệch)")
    CORRECTION = "correction", _("Bút toán điều chỉnh")


# +1: copies come in; -1: copies go out; 0: the signed difference is given by the service.
MOVEMENT_SIGN: dict[str, int] = {
    MovementKind.PRINTED_IN: 1,
    MovementKind.DISPATCHED: -1,
    MovementKind.RECEIVED: 1,
    MovementKind.HANDED_OUT: -1,
    MovementKind.DAMAGED: -1,
    MovementKind.LOST: -1,
    MovementKind.STOCK_COUNT: 0,
    MovementKind.CORRECTION: 0,
}

# Kinds an officer records directly on the stock they hold (the others come from a print run,
# a dispatch or its receipt).
LOCAL_KINDS = (MovementKind.HANDED_OUT, MovementKind.DAMAGED, MovementKind.LOST)


class DispatchStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", _("Đang giao, chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận nhận")


# A dispatch is in transit until the recipient's officer confirms what arrived; the receipt is
# the proof and is final (a later shortfall is recorded as damaged or lost, with a reason).
DISPATCH_WORKFLOW = Workflow(
    statuses=DispatchStatus,
    transitions={
        DispatchStatus.IN_TRANSIT: frozenset({DispatchStatus.CONFIRMED}),
        DispatchStatus.CONFIRMED: frozenset(),
    },
    stamps={DispatchStatus.CONFIRMED: "confirmed_at"},
    refusal=_("Không thể chuyển phiếu giao từ “%(from)s” sang “%(to)s”."),
    organisation_field="recipient",
)


class AllocationRule(models.TextChoices):
    EQUAL = "equal", _("Chia đều cho các xã")
    HOUSEHOLDS = "households", _("Theo số hộ nghèo và cận nghèo")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Công khai trên cổng thông tin")
    INTERNAL = "internal", _("Sử dụng nội bộ")


class Language(models.TextChoices):
    """Editions of one title: Vietnamese and the ethnic-minority languages of the province."""

    VIETNAMESE = "vi", _("Tiếng Việt")
    TAY = "tay", _("Tiếng Tày")
    NUNG = "nung", _("Tiếng Nùng")
    SAN_CHAY = "san_chay", _("Tiếng Sán Chay")
    SAN_DIU = "san_diu", _("Tiếng Sán Dìu")
    DAO = "dao", _("Tiếng Dao")
    HMONG = "hmong", _("Tiếng H’Mông")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự kiến, chưa giao")
    DISPATCHED = "dispatched", _("Đã giao theo kế hoạch")


# A dispatch plan is edited while a draft, and sent once: each commune's line becomes a dispatch.
PLAN_WORKFLOW = Workflow(
    statuses=PlanStatus,
    transitions={
        PlanStatus.DRAFT: frozenset({PlanStatus.DISPATCHED}),
        PlanStatus.DISPATCHED: frozenset(),
    },
    stamps={PlanStatus.DISPATCHED: "dispatched_at"},
    refusal=_("Không thể chuyển kế hoạch phân bổ từ “%(from)s” sang “%(to)s”."),
    organisation_field="sender",
)
