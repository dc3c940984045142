"""Commune radio (plan item 2.1): each commune's station, bulletins on a ``planning.Activity``
with their priority (Thông tư 39/2020/TT-BTTTT, kept as dated data), language versions with
their audio, the delivery of a sent bulletin to each target station, and each station's airing
confirmations. What was **scheduled** (the bulletin's schedule) is kept apart from what was
**aired** (``Airing``), as LibreTime keeps ``Schedule`` apart from ``PlayoutHistory``.

Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import AdministrativeUnit, Dated, DatedQuerySet, Organisation
from giamngheo.planning.models import Activity, PlanItem

from .enums import (
    AiringOutcome,
    AudioSource,
    BulletinStatus,
    Language,
    Priority,
    ReminderKind,
    StationKind,
)

MAX_TIMES_PER_DAY = 10


def audio_upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads or the speech backend).
    return f"broadcasts/audio/{instance.bulletin_id}/{filename}"


def evidence_upload_to(instance, filename: str) -> str:
    return f"broadcasts/evidence/{instance.delivery_id}/{filename}"


class PriorityRule(Dated):
    """What a priority means in force on a day: its airing order and, for an emergency, how
    long a station has to acknowledge it (the province sets it). A rule with legal weight is
    data chosen by the bulletin's date, never a constant (DESIGN §8.4)."""

    priority = models.CharField(_("mức ưu tiên"), max_length=16, choices=Priority.choices)
    rank = models.PositiveSmallIntegerField(_("thứ tự phát"), help_text=_("1 phát trước nhất."))
    meaning = models.CharField(_("ý nghĩa"), max_length=255)
    ack_minutes = models.PositiveIntegerField(
        _("thời hạn xác nhận (phút)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không yêu cầu đài xã xác nhận đã nhận."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["rank", "-valid_from"]
        verbose_name = _("quy định mức ưu tiên")
        verbose_name_plural = _("quy định mức ưu tiên")

    def __str__(self) -> str:
        return f"{self.get_priority_display()} ({self.meaning})"

    def clean(self):
        self.clean_dates()


class Station(Dated):
    """A commune's radio station. Dated like units: a 2025 merger closes stations and opens
    the station of the commune that succeeded them."""

    name = models.CharField(_("tên đài"), max_length=200)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường, thị trấn"),
        on_delete=models.PROTECT,
        related_name="radio_stations",
    )
    kind = models.CharField(_("loại hình"), max_length=8, choices=StationKind.choices)
    operator_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan vận hành"),
        on_delete=models.PROTECT,
        related_name="radio_stations",
    )
    contact_name = models.CharField(_("người phụ trách"), max_length=120, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    contact_zalo_id = models.CharField(
        _("mã người quan tâm Zalo OA"),
        max_length=64,
        blank=True,
        help_text=_(
            "Mã người quan tâm (user_id) của điện thoại trực đài trên Zalo OA của tỉnh: bản tin "
            "khẩn cấp được báo qua Zalo ngoài thư điện tử và tin nhắn SMS."
        ),
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người vận hành"),
        related_name="radio_stations",
        blank=True,
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["commune__path", "name"]
        verbose_name = _("đài truyền thanh cơ sở")
        verbose_name_plural = _("đài truyền thanh cơ sở")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.clean_dates()


class Bulletin(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.PROTECT, related_name="bulletins"
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung (tiếng Việt)"))
    themes = models.ManyToManyField(
        PlanItem, verbose_name=_("nội dung (mục 1.x)"), related_name="bulletins", blank=True
    )
    priority = models.CharField(
        _("mức ưu tiên"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    communes = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("xã nhận"), related_name="radio_bulletins"
    )
    air_from = models.DateField(_("phát từ ngày"))
    air_to = models.DateField(_("phát đến ngày"))
    times_per_day = models.PositiveSmallIntegerField(
        _("số lần phát mỗi ngày"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TIMES_PER_DAY)],
    )
    at_once = models.BooleanField(_("phát ngay khi nhận"), default=False)
    valid_until = models.DateField(_("có giá trị đến ngày"))
    is_public = models.BooleanField(_("công bố trên cổng thông tin"), default=True)
    source_feedback = models.CharField(
        _("mã phản ánh, kiến nghị được trả lời"), max_length=40, blank=True
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=BulletinStatus.choices,
        default=BulletinStatus.DRAFT,
    )
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-air_from", "-pk"]
        verbose_name = _("bản tin truyền thanh")
        verbose_name_plural = _("bản tin truyền thanh")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(air_to__gte=models.F("air_from")),
                name="bulletin_air_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def vietnamese(self) -> BulletinVersion | None:
        for version in self.versions.all():
            if version.language == Language.VIETNAMESE:
                return version
        return None


class BulletinVersion(models.Model):
    """One language of a bulletin: its text and its audio (generated from the Vietnamese text,
    or an uploaded recording that replaces it; ethnic-language versions are recordings)."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bản tin"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("ngôn ngữ"), max_length=16, choices=Language.choices)
    text = models.TextField(_("nội dung"), blank=True)
    audio = models.FileField(_("tệp âm thanh"), upload_to=audio_upload_to, blank=True)
    audio_source = models.CharField(
        _("nguồn âm thanh"), max_length=16, choices=AudioSource.choices, blank=True
    )
    audio_bytes = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    duration_seconds = models.FloatField(_("thời lượng (giây)"), null=True, blank=True)
    loudness_lufs = models.FloatField(_("độ lớn (LUFS)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["bulletin_id", "language"]
        verbose_name = _("bản ngôn ngữ")
        verbose_name_plural = _("bản ngôn ngữ")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "language"], name="bulletin_one_language")
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} ({self.get_language_display()})"


class Delivery(models.Model):
    """A sent bulletin at one station: written for every target station when it is sent."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bản tin"), on_delete=models.CASCADE, related_name="deliveries"
    )
    station = models.ForeignKey(
        Station, verbose_name=_("đài"), on_delete=models.PROTECT, related_name="deliveries"
    )
    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    delivered_at = models.DateTimeField(_("thời điểm gửi"))
    ack_due_at = models.DateTimeField(_("hạn xác nhận đã nhận"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    class Meta:
        ordering = ["bulletin_id", "commune__path"]
        verbose_name = _("bản tin gửi đài xã")
        verbose_name_plural = _("bản tin gửi đài xã")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "station"], name="delivery_one_station")
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} → {self.station}"


class Airing(models.Model):
    """What a station says it aired (or did not), the legal log the operators are asked for."""

    delivery = models.ForeignKey(
        Delivery,
        verbose_name=_("bản tin gửi đài"),
        on_delete=models.CASCADE,
        related_name="airings",
    )
    outcome = models.CharField(_("kết quả"), max_length=16, choices=AiringOutcome.choices)
    aired_at = models.DateTimeField(_("thời điểm phát"), null=True, blank=True)
    times = models.PositiveSmallIntegerField(_("số lần phát"), default=0)
    seconds_aired = models.PositiveIntegerField(_("thời lượng đã phát (giây)"), default=0)
    reason = models.TextField(_("lý do không phát"), blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_upload_to, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("xác nhận phát sóng")
        verbose_name_plural = _("xác nhận phát sóng")
        # Covering the coverage report and the measures: the airings of a period read from the
        # index alone, with the delivery they belong to and the seconds aired.
        indexes = [
            models.Index(
                fields=["outcome", "aired_at", "delivery", "seconds_aired"],
                name="airing_outcome_day_cover",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delivery} — {self.get_outcome_display()}"


class DeliveryReminder(models.Model):
    """A reminder sent to a station's operators about a delivery whose confirmation is overdue
    (an emergency not acknowledged in time, or airings not reported after the airing period):
    one per delivery, kind and day at most, so a job run twice sends nothing twice."""

    delivery = models.ForeignKey(
        Delivery,
        verbose_name=_("bản tin gửi đài"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("loại nhắc"), max_length=8, choices=ReminderKind.choices)
    sent_on = models.DateField(_("ngày nhắc"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        ordering = ["delivery_id", "kind", "sent_on"]
        verbose_name = _("thư nhắc đài xã")
        verbose_name_plural = _("thư nhắc đài xã")
        constraints = [
            models.UniqueConstraint(
                "delivery", "kind", "sent_on", name="delivery_reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.get_kind_display()} {self.sent_on:%d/%m/%Y}"
