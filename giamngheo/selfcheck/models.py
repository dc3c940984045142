"""The multidimensional poverty standard as versioned data, the support policies shown with a
self-check result, and the contact requests of households that asked to be called back.

A standard is chosen by date (``selectors.standard_for``): the next standard is a new row with its
own dimensions and indicators, entered in the admin, not a code change. Only *published*
standards are used, so a draft (e.g. the 2027–2030 figures still under discussion) can be
prepared without reaching the public.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import AdministrativeUnit

from .enums import Area, Classification, ContactStatus

# đồng per person per month: anything above is a typing error, not an income line.
MAX_AMOUNT = 1_000_000_000


class PovertyStandard(models.Model):
    name = models.CharField(_("tên chuẩn nghèo"), max_length=200)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    is_published = models.BooleanField(
        _("đã ban hành, được áp dụng"),
        default=False,
        help_text=_("Chỉ chuẩn đã ban hành chính thức mới được dùng cho trang tự đánh giá."),
    )
    rural_income_line = models.PositiveIntegerField(
        _("chuẩn thu nhập khu vực nông thôn (đồng/người/tháng)"),
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    urban_income_line = models.PositiveIntegerField(
        _("chuẩn thu nhập khu vực thành thị (đồng/người/tháng)"),
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    rural_average_upper = models.PositiveIntegerField(
        _("mức trên của hộ có mức sống trung bình, nông thôn (đồng/người/tháng)"),
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    urban_average_upper = models.PositiveIntegerField(
        _("mức trên của hộ có mức sống trung bình, thành thị (đồng/người/tháng)"),
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    poor_min_lacking = models.PositiveSmallIntegerField(
        _("số chỉ số thiếu hụt tối thiểu của hộ nghèo"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("chuẩn nghèo đa chiều")
        verbose_name_plural = _("chuẩn nghèo đa chiều")

    def __str__(self) -> str:
        return self.name

    def income_line(self, area: str) -> int:
        return self.urban_income_line if area == Area.URBAN else self.rural_income_line

    def average_upper(self, area: str) -> int:
        return self.urban_average_upper if area == Area.URBAN else self.rural_average_upper

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày kết thúc áp dụng phải sau ngày bắt đầu.")
        for area, line, upper in (
            ("rural", self.rural_income_line, self.rural_average_upper),
            ("urban", self.urban_income_line, self.urban_average_upper),
        ):
            if line is not None and upper is not None and upper <= line:
                errors[f"{area}_average_upper"] = _(
                    "Mức trên của hộ có mức sống trung bình phải cao hơn chuẩn thu nhập."
                )
        if errors:
            raise ValidationError(errors)
        if self.is_published and self.valid_from:
            # Two published standards on the same day would make the choice by date ambiguous.
            overlap = PovertyStandard.objects.filter(is_published=True).exclude(pk=self.pk)
            overlap = overlap.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            if self.valid_to:
                overlap = overlap.filter(valid_from__lte=self.valid_to)
            clash = overlap.first()
            if clash is not None:
                raise ValidationError(
                    {
                        "valid_from": _("Thời gian áp dụng trùng với chuẩn đã ban hành “%(name)s”.")
                        % {"name": clash.name}
                    }
                )


class Dimension(models.Model):
    standard = models.ForeignKey(
        PovertyStandard,
        verbose_name=_("chuẩn nghèo"),
        on_delete=models.CASCADE,
        related_name="dimensions",
    )
    name = models.CharField(_("tên chiều thiếu hụt"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        ordering = ["standard", "order", "pk"]
        verbose_name = _("chiều thiếu hụt")
        verbose_name_plural = _("chiều thiếu hụt")

    def __str__(self) -> str:
        return f"{self.name} ({self.standard})"


class Indicator(models.Model):
    dimension = models.ForeignKey(
        Dimension,
        verbose_name=_("chiều thiếu hụt"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.PositiveSmallIntegerField(
        _("số thứ tự chỉ số"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    name = models.CharField(_("tên chỉ số"), max_length=160)
    question = models.TextField(
        _("câu hỏi cho người dân"),
        help_text=_("Viết đơn giản; trả lời “Có” nghĩa là hộ thiếu hụt chỉ số này."),
    )
    criterion = models.TextField(_("tiêu chí thiếu hụt theo văn bản"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        ordering = ["dimension__order", "order", "code"]
        verbose_name = _("chỉ số đo lường mức thiếu hụt")
        verbose_name_plural = _("chỉ số đo lường mức thiếu hụt")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def clean(self):
        super().clean()
        if self.dimension_id and self.code:
            taken = (
                Indicator.objects.filter(dimension__standard_id=self.dimension.standard_id)
                .filter(code=self.code)
                .exclude(pk=self.pk)
            )
            if taken.exists():
                raise ValidationError(
                    {"code": _("Chuẩn nghèo này đã có chỉ số số %(code)s.") % {"code": self.code}}
                )


class SupportPolicy(models.Model):
    title = models.CharField(_("tên chính sách"), max_length=200)
    description = models.TextField(_("nội dung tóm tắt"))
    for_poor = models.BooleanField(_("áp dụng cho hộ nghèo"), default=False)
    for_near_poor = models.BooleanField(_("áp dụng cho hộ cận nghèo"), default=False)
    for_average = models.BooleanField(_("áp dụng cho hộ có mức sống trung bình"), default=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang văn bản trên Cổng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("đường dẫn khác"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang hiển thị"), default=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("chính sách hỗ trợ")
        verbose_name_plural = _("chính sách hỗ trợ")

    def __str__(self) -> str:
        return self.title

    def applies_to(self, classification: str) -> bool:
        return {
            Classification.POOR: self.for_poor,
            Classification.NEAR_POOR: self.for_near_poor,
            Classification.AVERAGE: self.for_average,
        }.get(classification, False)


class ContactRequest(models.Model):
    """A household that asked the commune to contact it after a self-check. Personal data
    (registered in personal_data.py); nothing of a self-check is stored without this request."""

    # Not in Wagtail's reference index ("usage"): it points at nothing an editor reuses, and an
    # index task on every save costs each citizen's submission a write.
    wagtail_reference_index_ignore = True

    created_at = models.DateTimeField(_("thời điểm gửi"), db_index=True)
    name = models.CharField(_("họ và tên"), max_length=120)
    phone = models.CharField(_("số điện thoại"), max_length=20, db_index=True)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường, đặc khu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("lời nhắn"), blank=True, max_length=1000)
    standard = models.ForeignKey(
        PovertyStandard,
        verbose_name=_("chuẩn nghèo áp dụng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.CharField(_("khu vực"), max_length=16, choices=Area.choices)
    classification = models.CharField(
        _("kết quả tự đánh giá"), max_length=32, choices=Classification.choices
    )
    lacking_codes = models.CharField(
        _("các chỉ số thiếu hụt (số thứ tự)"), max_length=120, blank=True
    )
    consent_given_at = models.DateTimeField(_("thời điểm đồng ý xử lý dữ liệu"))
    status = models.CharField(
        _("tình trạng"), max_length=24, choices=ContactStatus.choices, default=ContactStatus.NEW
    )
    # The status history (core.StatusEvent), deleted with the row.
    events = GenericRelation("core.StatusEvent")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("thời điểm cập nhật"), null=True, blank=True)
    consent = models.ForeignKey(
        "organisations.ConsentRecord",
        verbose_name=_("bản ghi sự đồng ý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đề nghị liên hệ sau tự đánh giá")
        verbose_name_plural = _("đề nghị liên hệ sau tự đánh giá")

    def __str__(self) -> str:
        return f"{self.name} — {timezone.localtime(self.created_at):%d/%m/%Y}"

    @property
    def lacking_list(self) -> list[int]:
        return [int(c) for c in self.lacking_codes.split(",") if c]
