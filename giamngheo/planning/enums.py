"""Choices of the planning app, with the allowed status transitions next to their statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from giamngheo.core.workflow import Workflow


class ItemKind(models.TextChoices):
    """The three numbered lists of section III of a plan."""

    CONTENT = "content", _("Nội dung")  # III.1: 1.1, 1.2 …
    FORM = "form", _("Hình thức")  # III.2: 2.1 … 2.6
    SOLUTION = "solution", _("Giải pháp")  # III.3: 3.1 … 3.5


# The number that opens each list in section III ("1." Nội dung, "2." Hình thức, "3." Giải pháp).
ITEM_KIND_NUMBER = {ItemKind.CONTENT: 1, ItemKind.FORM: 2, ItemKind.SOLUTION: 3}


class FormKind(models.TextChoices):
    """The communication forms of the programme, whatever number a plan gives them.

    A plan's form items (section III.2: "2.1" … "2.6" in the 2023 plan) map to one of these
    through ``PlanItem.form_kind``; output measures (``planning.registry``) and the form modules
    belong to a kind, never to a plan's numbering.
    """

    MASS_MEDIA = "mass_media", _("Báo chí, phát thanh và truyền hình")
    CONTEST = "contest", _("Cuộc thi")
    EMULATION = "emulation", _("Thi đua, khen thưởng")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    PUBLICATIONS = "publications", _("Xuất bản phẩm, ấn phẩm truyền thông")
    COMMUNE_RADIO = "commune_radio", _("Truyền thanh cơ sở")
    DIGITAL = "digital", _("Truyền thông số")


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

SUBPLAN_WORKFLOW = Workflow(
    statuses=SubPlanStatus,
    transitions=SUBPLAN_TRANSITIONS,
    stamps={
        SubPlanStatus.SUBMITTED: "submitted_at",
        SubPlanStatus.APPROVED: "decided_at",
        SubPlanStatus.RETURNED: "decided_at",
    },
    refusal=_("Không thể chuyển kế hoạch cụ thể từ “%(from)s” sang “%(to)s”."),
)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Hủy bỏ")


A = ActivityStatus

# The moves services.update_activity accepts. Work not started may start, end or be called off;
# work under way may also be put back to "not started" (a start typed too early); a finished
# activity may be reopened to correct its record; a cancelled one is planned again or stays
# cancelled. A finished activity is never cancelled: its outputs are counted in reports.
ACTIVITY_TRANSITIONS: dict[str, frozenset[str]] = {
    A.PLANNED: frozenset({A.IN_PROGRESS, A.DONE, A.CANCELLED}),
    A.IN_PROGRESS: frozenset({A.PLANNED, A.DONE, A.CANCELLED}),
    A.DONE: frozenset({A.IN_PROGRESS}),
    A.CANCELLED: frozenset({A.PLANNED}),
}

ACTIVITY_WORKFLOW = Workflow(
    statuses=ActivityStatus,
    transitions=ACTIVITY_TRANSITIONS,
    refusal=_("Không thể chuyển hoạt động từ “%(from)s” sang “%(to)s”."),
)


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
