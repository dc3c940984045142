"""Choices of the reporting app, with the allowed submission transitions next to their statuses.

The vocabulary follows DHIS2's aggregate reporting (data elements, data sets, periods,
completeness, timeliness, approval), in the administrative wording of a Vietnamese report.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow


class Measure(models.TextChoices):
    """What an indicator's value is; it decides the field's bounds and how it is shown."""

    COUNT = "count", _("Số lượng")
    PEOPLE = "people", _("Số người, lượt người")
    MONEY = "money", _("Số tiền (đồng)")
    PERCENT = "percent", _("Tỷ lệ (%)")
    TEXT = "text", _("Nội dung (văn bản)")


class Aggregation(models.TextChoices):
    """How the values of several organisations (or units) combine into one."""

    SUM = "sum", _("Cộng dồn")
    AVERAGE = "average", _("Bình quân")
    MAX = "max", _("Lớn nhất")
    NONE = "none", _("Không tổng hợp")


class Disaggregation(models.TextChoices):
    """The categories an indicator is reported by (DHIS2's category combination)."""

    NONE = "none", _("Không phân tổ")
    FORM = "form", _("Theo hình thức (mục 2.x)")
    CONTENT = "content", _("Theo nội dung (mục 1.x)")
    FUNDING_SOURCE = "funding_source", _("Theo nguồn kinh phí")


class PrefillSource(models.TextChoices):
    """Where a pre-filled value comes from: the records of the plan, never retyped numbers."""

    NONE = "none", _("Đơn vị tự nhập")
    OUTPUT = "output", _("Sản phẩm truyền thông (theo danh mục đo đếm)")
    ACTIVITY_COUNT = "activity_count", _("Số hoạt động đã thực hiện")
    BUDGET_PLANNED = "budget_planned", _("Kinh phí dự kiến")
    BUDGET_SPENT = "budget_spent", _("Kinh phí đã chi")
    AREA = "area", _("Số liệu trên địa bàn của đơn vị (theo danh mục đo đếm)")


class PeriodType(models.TextChoices):
    YEARLY = "yearly", _("Năm")
    SIX_MONTHLY = "six_monthly", _("6 tháng")
    QUARTERLY = "quarterly", _("Quý")
    MONTHLY = "monthly", _("Tháng")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại để hoàn thiện")


# The only moves services.transition_submission accepts. A returned report is corrected and
# sent again; an approved one may be reopened (returned) by the lead department only, with a
# reason, as DHIS2's "unapprove".
SUBMISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SubmissionStatus.DRAFT: frozenset({SubmissionStatus.SUBMITTED}),
    SubmissionStatus.SUBMITTED: frozenset({SubmissionStatus.APPROVED, SubmissionStatus.RETURNED}),
    SubmissionStatus.RETURNED: frozenset({SubmissionStatus.SUBMITTED}),
    SubmissionStatus.APPROVED: frozenset({SubmissionStatus.RETURNED}),
}

# Moves only the lead department (province administrator or approver of the lead) may make.
SUBMISSION_REVIEW_TARGETS = frozenset({SubmissionStatus.APPROVED, SubmissionStatus.RETURNED})

# A report sent again after being returned is timed by its latest sending: what counts for
# timeliness is when the lead department received a report it could accept.
SUBMISSION_WORKFLOW = Workflow(
    statuses=SubmissionStatus,
    transitions=SUBMISSION_TRANSITIONS,
    stamps={
        SubmissionStatus.SUBMITTED: "submitted_at",
        SubmissionStatus.APPROVED: "decided_at",
        SubmissionStatus.RETURNED: "decided_at",
    },
    refusal=_("Không thể chuyển báo cáo từ “%(from)s” sang “%(to)s”."),
)

# Statuses in which the reporting organisation may still change values.
SUBMISSION_EDITABLE = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.RETURNED})

# Statuses that count as "reported" for completeness (DHIS2: a complete registration).
SUBMISSION_REPORTED = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED})


class ReminderKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Nhắc tự động trước hạn")
    MANUAL = "manual", _("Nhắc trực tiếp từ cơ quan thường trực")
