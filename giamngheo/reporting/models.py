"""Aggregate reporting as in DHIS2: indicators, data sets, periods, submissions and their values.

- ``Indicator`` — one figure (a DHIS2 data element): code, name, measure, how it aggregates, the
  categories it is broken down by, and where its pre-filled value comes from (the plan's records).
- ``DataSet`` — a reporting form: ordered indicators, a period type, the organisations that
  report, the due rule (a fixed day and month, e.g. 15/11, or days after the period), the days
  of grace after which a report is late, the days after which entry closes, reminders.
- ``Period`` — one reporting period of a data set with its due date (configurable: the plan's
  "before 15/11" is data, not a constant).
- ``Submission`` — one organisation's report for (data set, period): draft → submitted →
  approved / returned with a reason; ``version`` for optimistic locking.
- ``DataValue`` — a value of (submission, indicator, category), with the pre-filled value and the
  reason of any correction.

Completeness and timeliness are computed (selectors), never typed. Writes go through services.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import EvidenceRecord
from giamngheo.core.text import clean_name, normalize_text
from giamngheo.organisations.models import Organisation
from giamngheo.planning import registry
from giamngheo.planning.models import MAX_AMOUNT, Plan

from .enums import (
    Aggregation,
    Disaggregation,
    Measure,
    PeriodType,
    PrefillSource,
    ReminderKind,
    SubmissionStatus,
)

# Sane upper bounds per measure: a figure above them is a typo or an attack, refused with a
# message rather than stored. Money follows planning (1.000 tỷ đồng per figure).
MEASURE_MAX: dict[str, Decimal] = {
    Measure.COUNT: Decimal(10_000_000),
    Measure.PEOPLE: Decimal(200_000_000),
    Measure.MONEY: Decimal(MAX_AMOUNT),
    Measure.PERCENT: Decimal(100),
}
# The database column: 18 digits, 2 after the point (a percentage 87,50; money in whole đồng).
VALUE_DIGITS, VALUE_PLACES = 18, 2
MAX_TEXT_VALUE = 2000

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
    message=_("Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới."),
)


def _text(value: str) -> str:
    lines = [clean_name(line) for line in normalize_text(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


class Indicator(models.Model):
    code = models.CharField(
        _("mã chỉ tiêu"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    description = models.TextField(_("giải thích"), blank=True)
    measure = models.CharField(_("loại số liệu"), max_length=16, choices=Measure.choices)
    unit_label = models.CharField(
        _("đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: tin, bài; người; đồng.")
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    disaggregation = models.CharField(
        _("phân tổ"), max_length=16, choices=Disaggregation.choices, default=Disaggregation.NONE
    )
    prefill_source = models.CharField(
        _("lấy số liệu từ"),
        max_length=16,
        choices=PrefillSource.choices,
        default=PrefillSource.NONE,
    )
    prefill_key = models.CharField(
        _("mã đo đếm"),
        max_length=80,
        blank=True,
        help_text=_("Mã trong danh mục đo đếm sản phẩm của kế hoạch, ví dụ: mass_media.article."),
    )
    max_value = models.DecimalField(
        _("giá trị tối đa"),
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        null=True,
        blank=True,
        help_text=_("Để trống để dùng mức tối đa theo loại số liệu."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def upper_bound(self) -> Decimal | None:
        if self.max_value is not None:
            return self.max_value
        return MEASURE_MAX.get(self.measure)

    @property
    def is_text(self) -> bool:
        return self.measure == Measure.TEXT

    def clean(self):
        self.code = clean_name(self.code or "")
        self.name = clean_name(self.name or "")
        self.unit_label = clean_name(self.unit_label or "")
        self.legal_basis = clean_name(self.legal_basis or "")
        self.description = _text(self.description)
        self.prefill_key = (self.prefill_key or "").strip()
        errors: dict[str, list] = {}
        if self.prefill_source == PrefillSource.OUTPUT:
            if not self.prefill_key:
                errors.setdefault("prefill_key", []).append(_("Hãy nhập mã đo đếm."))
            else:
                try:
                    registry.get_measure(self.prefill_key)
                except KeyError:
                    errors.setdefault("prefill_key", []).append(
                        _("Mã đo đếm không có trong danh mục.")
                    )
        if self.prefill_source == PrefillSource.AREA:
            try:
                registry.get_area_measure(self.prefill_key)
            except KeyError:
                errors.setdefault("prefill_key", []).append(
                    _("Mã đo đếm không có trong danh mục số liệu theo địa bàn.")
                )
            if self.disaggregation != Disaggregation.NONE:
                # One figure of the reporting body's area: it has no share per form or source.
                errors.setdefault("disaggregation", []).append(
                    _("Số liệu theo địa bàn không phân tổ.")
                )
        if self.measure == Measure.TEXT and (
            self.aggregation != Aggregation.NONE or self.prefill_source != PrefillSource.NONE
        ):
            errors.setdefault("aggregation", []).append(
                _("Chỉ tiêu dạng văn bản không tổng hợp và không lấy số liệu tự động.")
            )
        if self.prefill_source in (PrefillSource.BUDGET_PLANNED, PrefillSource.BUDGET_SPENT) and (
            self.measure != Measure.MONEY
        ):
            errors.setdefault("measure", []).append(_("Số liệu kinh phí phải là số tiền (đồng)."))
        if self.max_value is not None and self.max_value <= 0:
            errors.setdefault("max_value", []).append(_("Giá trị tối đa phải lớn hơn 0."))
        if errors:
            raise ValidationError(errors)


class DataSet(models.Model):
    code = models.CharField(_("mã biểu"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("tên biểu báo cáo"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="datasets",
        help_text=_("Kế hoạch mà số liệu được lấy từ các hoạt động của nó."),
    )
    period_type = models.CharField(
        _("kỳ báo cáo"), max_length=16, choices=PeriodType.choices, default=PeriodType.YEARLY
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("chỉ tiêu"),
        through="DataSetIndicator",
        related_name="datasets",
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("cơ quan, đơn vị báo cáo"),
        blank=True,
        related_name="reporting_datasets",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_datasets",
        help_text=_("Cơ quan thường trực nhận, duyệt và tổng hợp báo cáo."),
    )
    # --- the due rule ---
    due_day = models.PositiveSmallIntegerField(
        _("ngày hạn báo cáo"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    due_month = models.PositiveSmallIntegerField(
        _("tháng hạn báo cáo"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Hạn cố định hằng năm, ví dụ ngày 15 tháng 11."),
    )
    due_days_after_end = models.PositiveSmallIntegerField(
        _("số ngày sau khi hết kỳ"),
        default=15,
        validators=[MaxValueValidator(366)],
        help_text=_("Dùng khi không đặt ngày, tháng cố định."),
    )
    timely_days = models.PositiveSmallIntegerField(
        _("số ngày ân hạn"),
        default=0,
        validators=[MaxValueValidator(366)],
        help_text=_("Báo cáo gửi quá hạn cộng số ngày này được tính là muộn."),
    )
    expiry_days = models.PositiveSmallIntegerField(
        _("khóa nhập sau (ngày)"),
        default=0,
        validators=[MaxValueValidator(3660)],
        help_text=_(
            "Sau hạn báo cáo bao nhiêu ngày thì đơn vị không sửa được nữa; 0 là không khóa."
        ),
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày làm việc)"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("0 là không nhắc tự động."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("biểu báo cáo")
        verbose_name_plural = _("biểu báo cáo")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.code = clean_name(self.code or "")
        self.name = clean_name(self.name or "")
        self.description = _text(self.description)
        if (self.due_day is None) != (self.due_month is None):
            raise ValidationError(
                {"due_day": _("Hãy nhập cả ngày và tháng của hạn báo cáo, hoặc để trống cả hai.")}
            )
        if self.due_day and self.due_month:
            try:
                date(2024, self.due_month, self.due_day)  # a leap year: 29/2 is allowed
            except ValueError:
                raise ValidationError({"due_day": _("Ngày hạn báo cáo không có thật.")}) from None

    def due_date_for(self, *, end: date) -> date:
        """The due date of a period ending on ``end`` under this data set's rule."""
        if self.due_day and self.due_month:
            day = self.due_day
            while True:
                try:
                    return date(end.year, self.due_month, day)
                except ValueError:  # 29/2 in a common year → 28/2
                    day -= 1
        return end + timedelta(days=self.due_days_after_end)


class DataSetIndicator(models.Model):
    dataset = models.ForeignKey(
        DataSet, verbose_name=_("biểu báo cáo"), on_delete=models.CASCADE, related_name="elements"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+"
    )
    section = models.CharField(_("phần"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["dataset_id", "position", "pk"]
        verbose_name = _("chỉ tiêu của biểu")
        verbose_name_plural = _("chỉ tiêu của biểu")
        constraints = [
            models.UniqueConstraint("dataset", "indicator", name="dataset_indicator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.indicator_id}"


class Period(models.Model):
    dataset = models.ForeignKey(
        DataSet, verbose_name=_("biểu báo cáo"), on_delete=models.CASCADE, related_name="periods"
    )
    name = models.CharField(_("tên kỳ"), max_length=80, help_text=_("Ví dụ: Năm 2023."))
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến hết ngày"))
    due_date = models.DateField(
        _("hạn báo cáo"), help_text=_("Báo cáo gửi đến hết ngày này (giờ Việt Nam) là đúng hạn.")
    )

    class Meta:
        ordering = ["dataset_id", "-start"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [
            models.UniqueConstraint(
                "dataset",
                "start",
                name="period_start_unique",
                violation_error_message=_("Biểu đã có một kỳ báo cáo bắt đầu từ ngày này."),
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def late_after(self) -> date:
        """The last local day on which a report still counts as on time."""
        return self.due_date + timedelta(days=self.dataset.timely_days)

    @property
    def closes_on(self) -> date | None:
        """The first local day on which the reporting organisation can no longer edit."""
        days = self.dataset.expiry_days
        return self.due_date + timedelta(days=days) if days else None

    def clean(self):
        self.name = clean_name(self.name or "")
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Ngày kết thúc kỳ không được trước ngày bắt đầu.")})
        if self.start and self.due_date and self.due_date < self.start:
            raise ValidationError({"due_date": _("Hạn báo cáo không được trước ngày bắt đầu kỳ.")})


class Submission(models.Model):
    dataset = models.ForeignKey(
        DataSet,
        verbose_name=_("biểu báo cáo"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="submissions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan, đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    # Written only by services.transition_submission.
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        editable=False,
    )
    # The status history (core.StatusEvent), deleted with the row.
    events = GenericRelation("core.StatusEvent")
    # Optimistic locking: every write of values or status bumps it; a form posted with an older
    # number is refused ("reload"), so two officers never silently overwrite each other.
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    note = models.TextField(_("thuyết minh"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True, editable=False)
    prefilled_at = models.DateTimeField(
        _("thời điểm lấy số liệu"), null=True, blank=True, editable=False
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        ordering = ["dataset_id", "period_id", "organisation__name", "pk"]
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(
                "dataset",
                "period",
                "organisation",
                name="submission_one_per_organisation",
                violation_error_message=_("Đơn vị đã có báo cáo cho kỳ này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.period}"

    @property
    def title(self) -> str:
        return f"{self.dataset.name} — {self.period.name} — {self.organisation.name}"


class DataValue(models.Model):
    submission = models.ForeignKey(
        Submission, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    # "" when the indicator is not broken down; else the code of the form (2.1), the content
    # (1.2) or the funding source (1) of the data set's plan.
    category = models.CharField(_("phân tổ"), max_length=16, blank=True, default="")
    value = models.DecimalField(
        _("giá trị"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    text = models.TextField(_("nội dung"), blank=True, max_length=MAX_TEXT_VALUE)
    prefilled = models.DecimalField(
        _("số liệu lấy từ hoạt động"),
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    correction_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        ordering = ["submission_id", "indicator_id", "category"]
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(
                "submission", "indicator", "category", name="data_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}[{self.category}] = {self.value if self.value is not None else self.text}"

    @property
    def is_corrected(self) -> bool:
        return self.prefilled is not None and self.value != self.prefilled


def evidence_upload_to(instance, filename: str) -> str:
    # The name was generated by core.uploads.validate_upload; never the client's.
    return f"reporting/evidence/{filename}"


class SubmissionEvidence(EvidenceRecord):
    submission = models.ForeignKey(
        Submission, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, max_length=200)
    file_kind = models.CharField(_("định dạng tệp"), max_length=8, editable=False)

    class Meta:
        ordering = ["submission_id", "pk"]
        verbose_name = _("minh chứng của báo cáo")
        verbose_name_plural = _("minh chứng của báo cáo")


class Reminder(models.Model):
    """A reminder e-mail sent to an organisation that had not reported; ``key`` makes the
    scheduled reminder idempotent (one per period, organisation and day)."""

    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="reminders"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ReminderKind.choices)
    key = models.CharField(max_length=80, unique=True, editable=False)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        ordering = ["period_id", "-sent_at", "pk"]
        verbose_name = _("lời nhắc báo cáo")
        verbose_name_plural = _("lời nhắc báo cáo")

    def __str__(self) -> str:
        return self.key
