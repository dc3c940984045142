from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .enums import CalendarExceptionKind
from .text import clean_name


class StatusEvent(models.Model):
    """One row of the status history of any entity of the project: who moved it, from which
    status to which, why and when. ``core.workflow.transition`` is the only writer of status
    changes; an app may also record an act that leaves the status alone (``action`` other than
    ``"status"``, e.g. feedback's moderation) with ``core.workflow.record_event``.

    The entity is referenced by content type and id (indexed with the time, so one entity's
    history is one index range); each entity model declares
    ``events = GenericRelation("core.StatusEvent")`` to read it as ``obj.events`` and to have
    its history deleted with it. Labels come from the entity's own status field and from the
    actions its app registered (``core.workflow.register_actions``), so this table needs no
    choices of its own.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    subject = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("từ trạng thái"), max_length=32, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=32)
    action = models.CharField(_("thao tác"), max_length=32, default="status")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The body in charge after the step (feedback routing names it; QĐ 31/2021/QĐ-TTg asks the
    # record of who handled what). Every entity of the project belongs to an organisation, so
    # the audit keeps it as a real key; a string reference, not an import.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "at"], name="core_statusevent_subject"
            )
        ]
        verbose_name = _("lịch sử trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"

    def _status_label(self, value: str) -> str:
        if not value:
            return ""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        choices = dict(model._meta.get_field("status").flatchoices) if model else {}
        return str(choices.get(value, value))

    def get_from_status_display(self) -> str:
        return self._status_label(self.from_status)

    def get_to_status_display(self) -> str:
        return self._status_label(self.to_status)

    def get_action_display(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def label(self) -> str:
        """What happened, in words: the new status, or the act when it was not a plain change."""
        if self.action == STATUS_ACTION:
            return self.get_to_status_display()
        return self.get_action_display()


# What a StatusEvent's ``action`` means, for the actions that are not a plain status change;
# filled by ``core.workflow.register_actions`` from each app's enums (code → label).
STATUS_ACTION = "status"
ACTION_LABELS: dict[str, str] = {STATUS_ACTION: _("Chuyển trạng thái")}


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


class RateCount(models.Model):
    """One fixed window of a rate limit (core.antiabuse.hit): shared by every process and app
    server through the database, which the embedded default already has."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("đếm giới hạn tần suất")
        verbose_name_plural = _("đếm giới hạn tần suất")

    def __str__(self):
        return f"{self.key}: {self.count}"


class SubmissionOnce(models.Model):
    """A submission recognised as already made (core.antiabuse.once): a form's single-use token,
    an Open311 idempotency key or a keyless post's fingerprint, with the answer of the first."""

    key = models.CharField(max_length=200, unique=True)
    digest = models.CharField(max_length=64, blank=True)
    result = models.CharField(max_length=500)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lần gửi đã nhận")
        verbose_name_plural = _("lần gửi đã nhận")

    def __str__(self):
        return self.key
