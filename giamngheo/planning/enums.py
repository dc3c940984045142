"""Choices of the planning app, with the allowed status transitions next to their statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemKind(models.TextChoices):
    """The three numbered lists of section III of a plan."""

    CONTENT = "content", _("Nội dung")  # III.1: 1.1, 1.2 …
    FORM = "form", _("Hình thức")  # III.2: 2.1 … 2.6
    SOLUTION = "solution", _("Giải pháp")  # III.3: 3.1 … 3.5


# The number that opens each list in section III ("1." Nội dung, "2." Hình thức, "3." Giải pháp).
ITEM_KIND_NUMBER = {ItemKind.CONTENT: 1, ItemKind.FORM: 2, ItemKind.SOLUTION: 3}


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")


class SubPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi, chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Trả lại để hoàn thiện")


# The only moves services.transition_subplan accepts. A returned sub-plan is corrected and sent
# again; an approved one is final (a change is a new sub-plan, as with a signed document).
SUBPLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    SubPlanStatus.DRAFT: frozenset({SubPlanStatus.SUBMITTED}),
    SubPlanStatus.SUBMITTED: frozenset({SubPlanStatus.APPROVED, SubPlanStatus.RETURNED}),
    SubPlanStatus.RETURNED: frozenset({SubPlanStatus.SUBMITTED}),
    SubPlanStatus.APPROVED: frozenset(),
}

# Moves that only the lead department (province administrator) may make.
SUBPLAN_REVIEW_TARGETS = frozenset({SubPlanStatus.APPROVED, SubPlanStatus.RETURNED})


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Hủy bỏ")


class OutputKind(models.TextChoices):
    """Outputs typed on an activity itself: the mass-media products of form 2.1 and 2.6.

    Form modules added later (contests, training, publications, radio) count their own records
    through ``planning.registry`` instead of asking officers to type the numbers again.
    """

    ARTICLE = "article", _("Tin, bài")
    BROADCAST = "broadcast", _("Chương trình phát thanh, truyền hình")
    REPORTAGE = "reportage", _("Phóng sự")
    VIDEO = "video", _("Video clip")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp đính kèm")
    LINK = "link", _("Đường dẫn")
