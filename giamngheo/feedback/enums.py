"""Choices of the feedback app and the one map of allowed status transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from giamngheo.core.workflow import Workflow, register_actions


class FeedbackKind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh về việc thực hiện chính sách")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    QUESTION = "question", _("Hỏi về chính sách")
    WRONGDOING = "wrongdoing", _("Phản ánh sai phạm, trục lợi chính sách")


class IdentityMode(models.TextChoices):
    IDENTIFIED = "identified", _("Công khai họ tên với cơ quan xử lý")
    CONFIDENTIAL = "confidential", _("Đề nghị giữ bí mật danh tính")
    ANONYMOUS = "anonymous", _("Không cung cấp danh tính (ẩn danh)")


class Channel(models.TextChoices):
    WEB = "web", _("Trang thông tin điện tử")
    OPEN311 = "open311", _("Giao diện lập trình Open311")
    ZALO = "zalo", _("Zalo")
    PHONE = "phone", _("Điện thoại")
    LETTER = "letter", _("Thư, văn bản")
    IN_PERSON = "in_person", _("Trực tiếp")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    REFUSED = "refused", _("Không thụ lý")
    ASSIGNED = "assigned", _("Đã chuyển cơ quan xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
    INFO_SUPPLIED = "info_supplied", _("Đã bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", pgettext_lazy("feedback status", "Đã kết thúc")
    WITHDRAWN = "withdrawn", _("Người gửi đã rút")
    RETURNED = "returned", _("Trả lại cơ quan đầu mối")


S = FeedbackStatus

# The only map of allowed changes (FEEDBACK_WORKFLOW below); services.transition_feedback is the
# only writer of status, through core.workflow.transition.
TRANSITIONS: dict[str, frozenset[str]] = {
    # → ANSWERED: an item routed correctly is answered in one step by the body that holds it
    # ("Trả lời ngay"), without accepting, transferring to itself and starting first.
    S.RECEIVED: frozenset({S.ACCEPTED, S.REFUSED, S.ANSWERED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.ASSIGNED, S.ANSWERED, S.WITHDRAWN}),
    # ASSIGNED → ASSIGNED: a body transfers the item to another body, or the lead department
    # reassigns it; RETURNED: the body gives it back to the lead department (with its reason).
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.ASSIGNED, S.RETURNED, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.INFO_REQUESTED, S.ANSWERED, S.ASSIGNED, S.RETURNED, S.WITHDRAWN}),
    S.INFO_REQUESTED: frozenset({S.INFO_SUPPLIED, S.WITHDRAWN}),
    S.INFO_SUPPLIED: frozenset(
        {S.IN_PROGRESS, S.INFO_REQUESTED, S.ANSWERED, S.ASSIGNED, S.RETURNED, S.WITHDRAWN}
    ),
    S.RETURNED: frozenset({S.ASSIGNED, S.REFUSED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.REFUSED: frozenset(),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# A change into these needs a written reason (QĐ 31/2021/QĐ-TTg: a refusal states its grounds).
REASON_REQUIRED = frozenset({S.REFUSED, S.INFO_REQUESTED, S.WITHDRAWN, S.RETURNED})
# No further handling: the deadline no longer runs.
FINAL_STATUSES = frozenset({S.REFUSED, S.CLOSED, S.WITHDRAWN})
# Open311 "open" / "closed".
OPEN311_CLOSED = frozenset({S.ANSWERED, S.REFUSED, S.CLOSED, S.WITHDRAWN})
# Transitions the citizen makes (through the private link), not a handler.
CITIZEN_TRANSITIONS = frozenset({S.INFO_SUPPLIED, S.WITHDRAWN})

assert set(TRANSITIONS) == set(S.values)  # every status has a row
# The states an answer may be written from (the answer form is offered only there).
ANSWERABLE = frozenset(status for status, targets in TRANSITIONS.items() if S.ANSWERED in targets)
# Answered items are done for the handler: no longer overdue, no reminder.
NOT_RUNNING = FINAL_STATUSES | {S.ANSWERED}


class EventAction(models.TextChoices):
    """What a feedback item's ``core.StatusEvent`` records: a status change (with its flavour
    of routing) or an act of moderation, publication or redaction that leaves the status
    alone."""

    STATUS = "status", _("Chuyển trạng thái")
    TRANSFER = "transfer", _("Chuyển cơ quan khác xử lý")
    RETURN = "return", _("Trả lại cơ quan đầu mối")
    REASSIGN = "reassign", _("Cơ quan đầu mối giao lại cơ quan xử lý")
    HIDE = "hide", _("Ẩn khỏi trang công khai")
    UNHIDE = "unhide", _("Hiện lại trên trang công khai")
    SPAM = "spam", _("Đánh dấu tin rác")
    UNSPAM = "unspam", _("Bỏ đánh dấu tin rác")
    BAN = "ban", _("Chặn người gửi")
    PROPOSE = "propose", _("Đề nghị công khai câu trả lời")
    PUBLISH = "publish", _("Công khai câu hỏi và trả lời")
    UNPUBLISH = "unpublish", _("Thôi công khai câu hỏi và trả lời")
    REDACT = "redact", _("Xử lý tệp đính kèm trước khi công khai")
    LOCATE = "locate", _("Xác định xã, phường của phản ánh")


# The citizen's timeline shows these; moderation and redaction are the handlers' business.
CITIZEN_VISIBLE_ACTIONS = frozenset(
    {EventAction.STATUS, EventAction.TRANSFER, EventAction.RETURN, EventAction.REASSIGN}
)
register_actions(EventAction)
# Reasons written to the sender; every other note (accepting, assigning, transferring) is the
# handlers' own and stays off the citizen's pages.
CITIZEN_REASON_STATUSES = frozenset({S.REFUSED, S.INFO_REQUESTED, S.WITHDRAWN})

# A final status stamps ``closed_at`` (the deadline no longer runs); each event names the body
# in charge after it.
FEEDBACK_WORKFLOW = Workflow(
    statuses=FeedbackStatus,
    transitions=TRANSITIONS,
    stamps={status: "closed_at" for status in FINAL_STATUSES},
    organisation_field="organisation",
)


class BanKind(models.TextChoices):
    PHONE = "phone", _("Số điện thoại")
    EMAIL = "email", _("Thư điện tử")
    CLIENT = "client", _("Địa chỉ mạng (IP)")


class Redaction(models.TextChoices):
    NONE = "none", _("Công khai nguyên ảnh (đã xóa siêu dữ liệu)")
    BOXES = "boxes", _("Che các vùng đã chọn bằng ô đen")
    BLUR = "blur", _("Làm mờ toàn bộ ảnh")


class StatsGroup(models.TextChoices):
    ORGANISATION = "organisation", _("Cơ quan xử lý")
    UNIT = "unit", _("Địa bàn")
    CATEGORY = "category", _("Lĩnh vực")
    MONTH = "month", _("Tháng")
    YEAR = "year", _("Năm tiếp nhận")
