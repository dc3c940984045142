"""Plans, their structured items, sub-plans of the assigned organisations and their activities.

A ``Plan`` holds the issued document as data (sections I–V of a *kế hoạch* under Nghị định
30/2020/NĐ-CP), so the document can be generated again from it and every activity can point at
the item of section III it serves. Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import EvidenceRecord
from giamngheo.core.text import clean_name, normalize_text
from giamngheo.organisations.models import AdministrativeUnit, Organisation

from .enums import (
    ActivityStatus,
    AssignmentRole,
    EvidenceKind,
    FormKind,
    ItemKind,
    OutputKind,
    SubPlanStatus,
)

# 1,000 billion đồng: far above any communication budget of a province, far below the column's
# limit, so a mistyped or hostile figure is refused with a message instead of overflowing.
MAX_AMOUNT = 1_000_000_000_000
# A quantity of outputs (articles, broadcasts …) of one activity.
MAX_QUANTITY = 1_000_000


def _text(value: str) -> str:
    """NFC, without zero-width and bidi characters, trailing spaces trimmed on every line."""
    lines = [clean_name(line) for line in normalize_text(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


def _lines(value: str) -> list[str]:
    return [line for line in (value or "").splitlines() if line.strip()]


class Plan(models.Model):
    # --- the header of the document (Nghị định 30/2020, Phụ lục I) ---
    issuing_body = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
    )
    issuing_body_name = models.CharField(
        _("tên cơ quan ban hành (trên văn bản)"),
        max_length=160,
        help_text=_("Viết như trên văn bản, ví dụ: UBND TỈNH BẮC GIANG."),
    )
    number = models.CharField(
        _("số"),
        max_length=20,
        blank=True,
        help_text=_("Để trống khi chưa cấp số; văn bản in ra chừa chỗ để ghi số."),
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    place = models.CharField(_("địa danh"), max_length=80, help_text=_("Ví dụ: Bắc Giang."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(
        _("trích yếu nội dung"),
        max_length=300,
        help_text=_(
            "Ví dụ: Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững "
            "tỉnh Bắc Giang năm 2023."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("năm kế hoạch"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # --- the body ---
    legal_bases = models.TextField(_("căn cứ ban hành"), help_text=_("Mỗi đoạn một dòng."))
    purposes = models.TextField(_("mục đích"), help_text=_("Mỗi ý một dòng, bắt đầu bằng “- ”."))
    requirements = models.TextField(_("yêu cầu"), help_text=_("Mỗi ý một dòng, bắt đầu bằng “- ”."))
    audience = models.TextField(_("đối tượng truyền thông"))
    scope = models.TextField(_("phạm vi thực hiện"))
    period_text = models.CharField(_("thời gian thực hiện"), max_length=200)
    period_start = models.DateField(_("thực hiện từ ngày"))
    period_end = models.DateField(_("thực hiện đến hết ngày"))
    report_deadline = models.DateField(
        _("hạn báo cáo kết quả"),
        help_text=_("Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày này."),
    )
    closing = models.TextField(_("phần kết"), blank=True, help_text=_("Mỗi đoạn một dòng."))
    recipients = models.TextField(
        _("nơi nhận"), help_text=_("Mỗi nơi nhận một dòng, theo thứ tự trên văn bản.")
    )
    # --- the signature block ---
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=80,
        blank=True,
        help_text=_("Ví dụ: KT. CHỦ TỊCH; để trống khi người đứng đầu ký."),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=80)
    signer_name = models.CharField(_("họ và tên người ký"), max_length=120)

    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
            # One number per symbol, body and year once issued; drafts have no number yet.
            models.UniqueConstraint(
                "issuing_body_name",
                "symbol",
                "number",
                "year",
                condition=~Q(number=""),
                name="plan_number_unique",
                violation_error_message=_("Số, ký hiệu này đã được dùng cho một kế hoạch khác."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_and_symbol} — {self.title}"

    @property
    def number_and_symbol(self) -> str:
        """``4186/KH-UBND``; a plan not yet numbered leaves room for the number, as on paper."""
        return f"{self.number or '       '}/{self.symbol}"

    @property
    def recipient_lines(self) -> list[str]:
        return _lines(self.recipients)

    def clean(self):
        for name in (
            "issuing_body_name",
            "number",
            "symbol",
            "place",
            "title",
            "period_text",
            "signer_authority",
            "signer_title",
            "signer_name",
        ):
            setattr(self, name, clean_name(getattr(self, name) or ""))
        for name in (
            "legal_bases",
            "purposes",
            "requirements",
            "audience",
            "scope",
            "closing",
            "recipients",
        ):
            setattr(self, name, _text(getattr(self, name)))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("Ngày kết thúc không được trước ngày bắt đầu thực hiện.")}
            )
        if self.period_start and self.year and self.period_start.year != self.year:
            raise ValidationError(
                {"period_start": _("Thời gian thực hiện phải bắt đầu trong năm kế hoạch.")}
            )
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            raise ValidationError({"issued_on": _("Ngày ban hành không phù hợp với năm kế hoạch.")})


class PlanItem(models.Model):
    """One numbered item of section III: a content (1.x), a form (2.x) or a solution (3.x)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ItemKind.choices)
    code = models.CharField(_("số thứ tự"), max_length=8, help_text=_("Ví dụ: 2.1"))
    text = models.TextField(_("nội dung"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    form_kind = models.CharField(
        _("loại hình truyền thông"),
        max_length=16,
        choices=FormKind.choices,
        blank=True,
        help_text=_("Chỉ với mục hình thức: loại hình mà các chỉ số đầu ra được đếm theo."),
    )

    class Meta:
        ordering = ["plan_id", "kind", "position", "pk"]
        verbose_name = _("mục của kế hoạch")
        verbose_name_plural = _("mục của kế hoạch")
        constraints = [
            models.UniqueConstraint("plan", "code", name="plan_item_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.short_text}"

    @property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:89].rstrip() + "…"

    def clean(self):
        self.code = clean_name(self.code or "").rstrip(".")
        self.text = _text(self.text)
        if self.form_kind and self.kind != ItemKind.FORM:
            raise ValidationError(
                {"form_kind": _("Chỉ mục hình thức mới gắn với một loại hình truyền thông.")}
            )


class FundingSource(models.Model):
    """One source of section IV (Kinh phí thực hiện); activities' budget lines point at it."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    code = models.CharField(_("số thứ tự"), max_length=8)
    name = models.CharField(_("tên ngắn"), max_length=160)
    text = models.TextField(_("nội dung trên văn bản"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["plan_id", "position", "pk"]
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        constraints = [
            models.UniqueConstraint("plan", "code", name="funding_source_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.code = clean_name(self.code or "").rstrip(".")
        self.name = clean_name(self.name or "")
        self.text = _text(self.text)


class Assignment(models.Model):
    """One heading of section V (Tổ chức thực hiện): who, in which role, which tasks.

    A heading may name one organisation ("Sở Thông tin và Truyền thông") or a group ("UBND
    huyện, thành phố"): ``organisations`` holds every organisation it covers, and each of them
    files its own sub-plan.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="assignments"
    )
    code = models.CharField(_("số thứ tự"), max_length=8)
    heading = models.CharField(_("tên trên văn bản"), max_length=255)
    role = models.CharField(_("vai trò"), max_length=16, choices=AssignmentRole.choices)
    tasks = models.TextField(
        _("nhiệm vụ"), help_text=_("Mỗi nhiệm vụ một dòng, bắt đầu bằng “- ”.")
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("cơ quan, đơn vị thực hiện"),
        blank=True,
        related_name="plan_assignments",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["plan_id", "position", "pk"]
        verbose_name = _("phân công thực hiện")
        verbose_name_plural = _("phân công thực hiện")
        constraints = [
            models.UniqueConstraint("plan", "code", name="assignment_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.heading}"

    @property
    def task_lines(self) -> list[str]:
        return _lines(self.tasks)

    def clean(self):
        self.code = clean_name(self.code or "").rstrip(".")
        self.heading = clean_name(self.heading or "")
        self.tasks = _text(self.tasks)


class SubPlan(models.Model):
    """An assigned organisation's own plan under a plan (*kế hoạch cụ thể*)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="subplans"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="subplans",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("theo phân công"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subplans",
    )
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    summary = models.TextField(_("nội dung chính"), blank=True)
    # Written only by services.transition_subplan.
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SubPlanStatus.choices,
        default=SubPlanStatus.DRAFT,
        editable=False,
    )
    # The status history (core.StatusEvent), deleted with the row.
    events = GenericRelation("core.StatusEvent")
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(
        _("ngày phê duyệt, trả lại"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "organisation__name", "pk"]
        verbose_name = _("kế hoạch cụ thể")
        verbose_name_plural = _("kế hoạch cụ thể")
        constraints = [
            models.UniqueConstraint("plan", "organisation", name="subplan_one_per_organisation"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = clean_name(self.title or "")
        self.summary = _text(self.summary)
        if self.assignment_id and self.plan_id and self.assignment.plan_id != self.plan_id:
            raise ValidationError({"assignment": _("Phân công không thuộc kế hoạch này.")})


class Activity(models.Model):
    subplan = models.ForeignKey(
        SubPlan,
        verbose_name=_("kế hoạch cụ thể"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    title = models.CharField(_("tên hoạt động"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    form = models.ForeignKey(
        PlanItem,
        verbose_name=_("hình thức (mục 2.x)"),
        on_delete=models.PROTECT,
        related_name="activities",
        # No limit_choices_to: clean() says in words why another item does not fit, where the
        # generic "not a valid choice" would say nothing; forms narrow the choices themselves.
    )
    contents = models.ManyToManyField(
        PlanItem,
        verbose_name=_("nội dung (mục 1.x)"),
        related_name="content_activities",
        limit_choices_to={"kind": ItemKind.CONTENT},
    )
    units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("địa bàn thực hiện"), related_name="activities"
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    # Required (services.activities) when a funding source's spent exceeds its planned amount.
    overspend_reason = models.TextField(_("lý do chi vượt dự kiến"), blank=True)
    # The status history (core.StatusEvent), deleted with the row.
    events = GenericRelation("core.StatusEvent")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["subplan_id", "start_date", "pk"]
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="activity_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = clean_name(self.title or "")
        self.description = _text(self.description)
        self.overspend_reason = _text(self.overspend_reason)
        errors: dict[str, list] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(
                _("Ngày kết thúc không được trước ngày bắt đầu.")
            )
        plan = self.subplan.plan if self.subplan_id else None
        if plan is not None:
            for name in ("start_date", "end_date"):
                day = getattr(self, name)
                if day and not (plan.period_start <= day <= plan.period_end):
                    errors.setdefault(name, []).append(
                        ValidationError(
                            _(
                                "Ngày phải nằm trong thời gian thực hiện kế hoạch (từ %(start)s đến "
                                "%(end)s)."
                            ),
                            code="outside_period",
                            params={
                                "start": f"{plan.period_start:%d/%m/%Y}",
                                "end": f"{plan.period_end:%d/%m/%Y}",
                            },
                        )
                    )
            if self.form_id and (self.form.plan_id != plan.pk or self.form.kind != ItemKind.FORM):
                errors.setdefault("form", []).append(
                    _("Hình thức phải là một mục 2.x của kế hoạch này.")
                )
        if errors:
            raise ValidationError(errors)


class BudgetLine(models.Model):
    """Money of one activity from one funding source, in đồng (planned and spent)."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("hoạt động"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    funding_source = models.ForeignKey(
        FundingSource,
        verbose_name=_("nguồn kinh phí"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    planned = models.PositiveBigIntegerField(
        _("kinh phí dự kiến (đồng)"),
        default=0,
        validators=[
            MinValueValidator(0, message=_("Số tiền không được âm.")),
            MaxValueValidator(
                MAX_AMOUNT, message=_("Số tiền vượt quá mức cho phép (1.000 tỷ đồng).")
            ),
        ],
    )
    spent = models.PositiveBigIntegerField(
        _("kinh phí đã chi (đồng)"),
        default=0,
        validators=[
            MinValueValidator(0, message=_("Số tiền không được âm.")),
            MaxValueValidator(
                MAX_AMOUNT, message=_("Số tiền vượt quá mức cho phép (1.000 tỷ đồng).")
            ),
        ],
    )

    class Meta:
        ordering = ["activity_id", "funding_source__position"]
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")
        constraints = [
            models.UniqueConstraint("activity", "funding_source", name="budget_line_unique"),
            models.CheckConstraint(
                condition=Q(planned__lte=MAX_AMOUNT) & Q(spent__lte=MAX_AMOUNT),
                name="budget_line_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funding_source_id}: {self.planned}/{self.spent}"

    def clean(self):
        if (
            self.activity_id
            and self.funding_source_id
            and self.funding_source.plan_id != self.activity.subplan.plan_id
        ):
            raise ValidationError(
                {"funding_source": _("Nguồn kinh phí không thuộc kế hoạch của hoạt động.")}
            )


class ActivityOutput(models.Model):
    """A mass-media output of an activity, counted by ``planning.registry``."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(_("loại sản phẩm"), max_length=16, choices=OutputKind.choices)
    quantity = models.PositiveIntegerField(
        _("số lượng"),
        validators=[
            MinValueValidator(1, message=_("Số lượng phải lớn hơn 0.")),
            MaxValueValidator(MAX_QUANTITY, message=_("Số lượng vượt quá mức cho phép.")),
        ],
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["activity_id", "kind", "pk"]
        verbose_name = _("sản phẩm truyền thông")
        verbose_name_plural = _("sản phẩm truyền thông")
        constraints = [
            models.UniqueConstraint("activity", "kind", name="activity_output_kind_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quantity}"

    def clean(self):
        self.note = clean_name(self.note or "")


def evidence_upload_to(instance, filename: str) -> str:
    # The name was generated by core.uploads.validate_upload; never the client's.
    return f"planning/evidence/{filename}"


class Evidence(EvidenceRecord):
    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("loại minh chứng"), max_length=8, choices=EvidenceKind.choices)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, blank=True, max_length=200)
    file_kind = models.CharField(_("định dạng tệp"), max_length=8, blank=True, editable=False)

    class Meta:
        ordering = ["activity_id", "pk"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def clean(self):
        super().clean()
        if self.kind == EvidenceKind.LINK:
            if not self.url:
                raise ValidationError({"url": _("Hãy nhập đường dẫn.")})
            if not self.url.lower().startswith(("https://", "http://")):
                raise ValidationError(
                    {"url": _("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")}
                )
        elif self.kind == EvidenceKind.FILE and not self.file:
            raise ValidationError({"file": _("Hãy chọn tệp.")})
