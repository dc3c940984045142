from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .enums import CalendarExceptionKind
from .text import clean_name


class StatusEvent(models.Model):
    """One row of an entity's status history: who moved it, why, when. Each history model adds
    the entity's foreign key and its own ``from_status``/``to_status`` choices."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        abstract = True


class EvidenceRecord(models.Model):
    """A piece of evidence an officer attached (an activity's, a report's): its title, who sent
    it and when. Each model adds its owner's foreign key and its own ``file`` field."""

    title = models.CharField(_("tên minh chứng"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = clean_name(self.title or "")


class CalendarException(models.Model):
    """A day the national calendar from the ``holidays`` package does not know.

    The Government moves days every year (a Saturday worked to bridge a holiday, an extra day off
    decided by the Prime Minister), so these are data an administrator enters, not code.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=CalendarExceptionKind.choices)
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ bù, làm bù")
        verbose_name_plural = _("ngày nghỉ bù, làm bù")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who publishes the portal (Nghị định 42/2022: the body and its focal point are shown)."""

    province_name = models.CharField(_("tên tỉnh"), max_length=120, default="Tỉnh Bắc Giang")
    portal_name = models.CharField(
        _("tên cổng thông tin"),
        max_length=200,
        default="Trang thông tin điện tử về giảm nghèo bền vững",
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, default="Ủy ban nhân dân tỉnh Bắc Giang"
    )
    operating_body = models.CharField(
        _("cơ quan thường trực"),
        max_length=200,
        default="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm nội dung"), max_length=200, blank=True
    )
    licence = models.CharField(_("giấy phép"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thông tin cổng")
