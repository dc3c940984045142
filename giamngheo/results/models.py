"""Results of the program for the public (plan III.3.5): the annual poverty review per commune
and the Wagtail pages that read it.

A review row is about one commune *as it was that year*: it stays attached to that unit after a
reform, and views roll it into today's map through the successions (selectors).
Rates are computed from the counts, never typed, so they cannot disagree with them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from giamngheo.core.text import clean_name
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.portal.models import PortalPage

MIN_YEAR = 2000
MAX_YEAR = 2100
# More households than any commune of Vietnam has, far below the column's limit.
MAX_HOUSEHOLDS = 1_000_000
SAMPLE_LABEL = _("Số liệu mẫu minh họa, không phải số liệu chính thức")


def rate(part: int, total: int) -> Decimal | None:
    """Percentage with two decimals (half up, as in official tables); None without households."""
    if not total:
        return None
    return (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _count(label):
    return models.PositiveIntegerField(
        label,
        validators=[
            MinValueValidator(0, message=_("Số hộ không được âm.")),
            MaxValueValidator(
                MAX_HOUSEHOLDS, message=_("Số hộ vượt quá mức cho phép (1.000.000 hộ).")
            ),
        ],
    )


class PovertyReview(models.Model):
    """Kết quả rà soát hộ nghèo, hộ cận nghèo of one commune in one year."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính cấp xã"),
        on_delete=models.PROTECT,
        related_name="poverty_reviews",
    )
    year = models.PositiveSmallIntegerField(
        _("năm rà soát"),
        validators=[
            MinValueValidator(MIN_YEAR, message=_("Năm rà soát không hợp lệ.")),
            MaxValueValidator(MAX_YEAR, message=_("Năm rà soát không hợp lệ.")),
        ],
    )
    total_households = _count(_("tổng số hộ"))
    poor = _count(_("số hộ nghèo"))
    near_poor = _count(_("số hộ cận nghèo"))
    escaped = _count(_("số hộ thoát nghèo"))
    newly_poor = _count(_("số hộ nghèo phát sinh"))
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=255,
        help_text=_("Văn bản công bố kết quả rà soát, ví dụ: Quyết định số …/QĐ-UBND."),
    )
    source_organisation = models.CharField(_("cơ quan công bố"), max_length=255)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    is_sample = models.BooleanField(_("số liệu mẫu"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["year", "unit__path"]
        verbose_name = _("kết quả rà soát hộ nghèo")
        verbose_name_plural = _("kết quả rà soát hộ nghèo")
        constraints = [
            models.UniqueConstraint("unit", "year", name="poverty_review_unit_year_unique"),
            models.CheckConstraint(
                condition=Q(poor__lte=F("total_households"))
                & Q(near_poor__lte=F("total_households")),
                name="poverty_review_counts_within_total",
            ),
        ]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"

    @property
    def poor_rate(self) -> Decimal | None:
        return rate(self.poor, self.total_households)

    @property
    def near_poor_rate(self) -> Decimal | None:
        return rate(self.near_poor, self.total_households)

    def clean(self):
        self.source = clean_name(self.source or "")
        self.source_organisation = clean_name(self.source_organisation or "")
        errors: dict[str, str] = {}
        total = self.total_households or 0
        if self.poor is not None and self.poor > total:
            errors["poor"] = _("Số hộ nghèo không được lớn hơn tổng số hộ.")
        if self.near_poor is not None and self.near_poor > total:
            errors["near_poor"] = _("Số hộ cận nghèo không được lớn hơn tổng số hộ.")
        elif (self.poor or 0) + (self.near_poor or 0) > total:
            errors["near_poor"] = _("Tổng số hộ nghèo và cận nghèo vượt quá tổng số hộ.")
        if self.unit_id and self.year:
            unit = self.unit
            if unit.level != UnitLevel.COMMUNE:
                errors["unit"] = _("Số liệu rà soát được nhập theo đơn vị cấp xã.")
            elif (unit.valid_from and unit.valid_from.year > self.year) or (
                unit.valid_to and unit.valid_to.year < self.year
            ):
                errors["unit"] = _("Đơn vị không còn hoặc chưa có hiệu lực trong năm %(year)s.") % {
                    "year": self.year
                }
        if self.as_of and self.year and self.as_of.year < self.year:
            errors["as_of"] = _("Ngày tính số liệu không được trước năm rà soát.")
        if errors:
            raise ValidationError(errors)


class ResultsIndexPage(RoutablePageMixin, PortalPage):
    """Province overview; the breakdown by unit is a sub-route (``don-vi/``)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tỉnh có số liệu được trình bày (theo địa giới năm của số liệu)."),
    )
    plan = models.ForeignKey(
        "planning.Plan",
        verbose_name=_("kế hoạch truyền thông"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kết quả truyền thông được tổng hợp từ các hoạt động của kế hoạch này."),
    )
    rich_text_fields = ("intro",)
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("intro"),
        FieldPanel("unit"),
        FieldPanel("plan"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang kết quả thực hiện chương trình")

    def clean(self):
        super().clean()
        if self.unit_id and self.unit.level != UnitLevel.PROVINCE:
            raise ValidationError({"unit": _("Hãy chọn đơn vị cấp tỉnh.")})

    # The routes' handlers are results.views, which read through selectors that import this
    # module: ResultsConfig.ready() hands them to the page, so that models never import views.
    route_handlers: ClassVar[dict[str, Callable]] = {}

    @path("")
    def overview(self, request):
        return self.route_handlers["overview"](request, page=self)

    @path("don-vi/")
    def breakdown(self, request):
        return self.route_handlers["breakdown"](request, page=self)
