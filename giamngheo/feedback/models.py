"""The register of feedback (phản ánh, kiến nghị, hỏi đáp) and how it is routed.

Status is written only by ``services.transition_feedback``; every change leaves a
``core.StatusEvent`` (``Feedback.events``). Reporter details are personal data (registered in ``personal_data.py``) and
never leave the handlers' screens.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import clean_name, fold, normalize_text
from giamngheo.organisations.models import AdministrativeUnit, Dated, DatedQuerySet, Organisation

from .enums import (
    NOT_RUNNING,
    BanKind,
    Channel,
    FeedbackKind,
    FeedbackStatus,
    IdentityMode,
    Redaction,
)

# Mainland, the Hoàng Sa and Trường Sa archipelagos included; anything outside is a typo or junk.
LAT_MIN, LAT_MAX = Decimal("6"), Decimal("24")
LONG_MIN, LONG_MAX = Decimal("102"), Decimal("118")
SUBJECT_MAX = 200
DESCRIPTION_MAX = 4000  # the Open311 limit, so a request fits either channel


class Category(models.Model):
    code = models.SlugField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=160)
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")
        self.description = normalize_text(self.description or "").strip()


class RoutingRule(Dated):
    """Category × unit subtree → responsible organisation. The most specific rule in force on
    the day wins: a rule for the category beats one for every category (``category`` empty),
    then the deepest unit wins. An item about a commune goes first to that commune's People's
    Committee unless a rule for its category or for the commune itself says otherwise
    (selectors.routed_organisation_id)."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routing_rules",
        help_text=_("Để trống để áp dụng cho mọi lĩnh vực."),
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="feedback_routing_rules",
        help_text=_("Áp dụng cho địa bàn này và các đơn vị trực thuộc."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan xử lý"),
        on_delete=models.PROTECT,
        related_name="feedback_routing_rules",
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "category__sort_order"]
        verbose_name = _("quy tắc chuyển xử lý")
        verbose_name_plural = _("quy tắc chuyển xử lý")

    def __str__(self) -> str:
        return f"{self.category or _('Mọi lĩnh vực')} — {self.unit} → {self.organisation}"

    def clean(self):
        self.clean_dates()


class ApiKey(models.Model):
    """An Open311 client (an app, a partner portal). Only the key's sha256 is stored."""

    name = models.CharField(_("tên ứng dụng"), max_length=120, unique=True)
    prefix = models.CharField(_("tiền tố khóa"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("khóa API Open311")
        verbose_name_plural = _("khóa API Open311")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Feedback(models.Model):
    # Not in Wagtail's reference index ("usage"): it points at nothing an editor reuses, and an
    # index task on every save costs each citizen's submission a write.
    wagtail_reference_index_ignore = True
    tracking_code = models.CharField(_("mã tra cứu"), max_length=16, unique=True, editable=False)
    # sha256 of the private link's token: the link itself is only ever in the citizen's hands.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=FeedbackKind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="feedback"
    )
    subject = models.CharField(_("tiêu đề"), max_length=SUBJECT_MAX)
    description = models.TextField(_("nội dung"), max_length=DESCRIPTION_MAX)
    # Empty while nobody could tell the commune (an Open311 client sent only a point or an
    # address, with no boundary data to place it): the item waits in the lead department's
    # triage queue, which assigns the commune (services.locate_feedback).
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn (xã, phường)"),
        on_delete=models.PROTECT,
        related_name="feedback",
        null=True,
        blank=True,
    )
    address = models.CharField(
        _("địa chỉ do người gửi ghi"), max_length=255, blank=True, default=""
    )
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LAT_MIN), MaxValueValidator(LAT_MAX)],
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONG_MIN), MaxValueValidator(LONG_MAX)],
    )
    identity_mode = models.CharField(
        _("danh tính người gửi"), max_length=16, choices=IdentityMode.choices
    )
    reporter_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("thư điện tử"), blank=True)
    consent_processing = models.BooleanField(_("đồng ý xử lý dữ liệu cá nhân"), default=False)
    consent_publish = models.BooleanField(_("đồng ý công khai câu hỏi và trả lời"), default=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
        editable=False,
    )
    # The status history (core.StatusEvent), deleted with the row.
    events = GenericRelation("core.StatusEvent")
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    deadline = models.DateField(_("hạn xử lý"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("mức hài lòng của người gửi"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    # Open311: a link the client supplied; stored and shown as a link, never fetched.
    media_url = models.URLField(_("đường dẫn ảnh (Open311)"), max_length=500, blank=True)
    api_key = models.ForeignKey(
        ApiKey,
        verbose_name=_("khóa API"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        editable=False,
    )
    idempotency_key = models.CharField(max_length=100, blank=True, editable=False)
    # The reporter's id in the channel it came by (a Zalo follower id): personal data, used only
    # to send the receipt and the answer back through that channel.
    channel_user_id = models.CharField(max_length=64, blank=True, editable=False)
    # Folded subject, description and published answer: diacritic-free search of the Q&A.
    search_folded = models.TextField(editable=False, blank=True)
    # Moderation: hidden or spam items are kept (never deleted) but leave every public page.
    is_hidden = models.BooleanField(_("ẩn khỏi trang công khai"), default=False, editable=False)
    is_spam = models.BooleanField(_("tin rác"), default=False, editable=False)
    moderation_reason = models.TextField(_("lý do ẩn, đánh dấu"), blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("kiểm duyệt lúc"), null=True, blank=True, editable=False)
    # Keyed hash of the sender's network address (web form): lets a handler ban an abuser
    # without the address itself being stored.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The deadline a due-date reminder was sent for: one reminder per deadline, however often
    # the job runs.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["unit", "category", "status"]),
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=LAT_MIN, latitude__lte=LAT_MAX),
                name="feedback_latitude_in_vietnam",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=LONG_MIN, longitude__lte=LONG_MAX),
                name="feedback_longitude_in_vietnam",
            ),
            models.UniqueConstraint(
                "api_key",
                "idempotency_key",
                condition=~Q(idempotency_key=""),
                name="feedback_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=~Q(identity_mode=IdentityMode.ANONYMOUS)
                | Q(reporter_name="", reporter_phone="", reporter_email=""),
                name="feedback_anonymous_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.subject}"

    @property
    def is_overdue(self) -> bool:
        return self.status not in NOT_RUNNING and timezone.localdate() > self.deadline

    def clean(self):
        self.subject = clean_name(self.subject or "")
        self.description = normalize_text(self.description or "").strip()
        self.reporter_name = clean_name(self.reporter_name or "")
        self.reporter_phone = clean_name(self.reporter_phone or "")
        self.reporter_email = (self.reporter_email or "").strip().lower()
        errors = {}
        if not self.subject:
            errors["subject"] = _("Vui lòng nhập tiêu đề.")
        if not self.description:
            errors["description"] = _("Vui lòng nhập nội dung.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Vui lòng nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.")
        if self.identity_mode == IdentityMode.ANONYMOUS:
            self.reporter_name = self.reporter_phone = self.reporter_email = ""
        elif self.identity_mode:
            if not self.reporter_name:
                errors["reporter_name"] = _("Vui lòng nhập họ và tên.")
            if not (self.reporter_phone or self.reporter_email or self.channel_user_id):
                errors["reporter_phone"] = _(
                    "Vui lòng nhập số điện thoại hoặc thư điện tử để cơ quan liên hệ trả lời."
                )
            if not self.consent_processing:
                errors["consent_processing"] = _(
                    "Cần có sự đồng ý xử lý dữ liệu cá nhân khi cung cấp thông tin liên hệ."
                )
        if self.unit_id and self.unit.level != "commune":
            errors["unit"] = _("Vui lòng chọn xã, phường, thị trấn.")
        if errors:
            raise ValidationError(errors)
        self.search_folded = fold(f"{self.subject}\n{self.description}")


def attachment_path(instance, filename: str) -> str:
    # The name was generated by core.uploads; nothing of the client's file name survives.
    return f"feedback/{timezone.now():%Y/%m}/{filename}"


class FeedbackAttachment(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=200)
    kind = models.CharField(_("loại tệp"), max_length=8)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(default=timezone.now)
    # What the public may see once the answer is published: never the original, only this
    # copy made by services.redact_attachment (re-encoded, regions blacked out or blurred).
    public_file = models.FileField(
        _("bản công khai"), upload_to=attachment_path, max_length=200, blank=True, editable=False
    )
    redaction = models.CharField(
        _("cách xử lý trước khi công khai"),
        max_length=8,
        choices=Redaction.choices,
        blank=True,
        editable=False,
    )
    is_hidden_from_public = models.BooleanField(_("không công khai"), default=False, editable=False)
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    redacted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_public(self) -> bool:
        return bool(self.public_file) and not self.is_hidden_from_public


class Answer(models.Model):
    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="answer")
    body = models.TextField(_("nội dung trả lời"), max_length=20000)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), default=timezone.now)
    is_published = models.BooleanField(_("đã công khai"), default=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt công khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The handler proposes publication; an approver agrees (publish_answer).
    publish_proposed_at = models.DateTimeField(_("đề nghị công khai lúc"), null=True, blank=True)
    publish_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị công khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    template = models.ForeignKey(
        "AnswerTemplate",
        verbose_name=_("mẫu trả lời đã dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")

    def __str__(self) -> str:
        return str(self.feedback)

    def clean(self):
        self.body = normalize_text(self.body or "").strip()
        if not self.body:
            raise ValidationError({"body": _("Vui lòng nhập nội dung trả lời.")})


class ChannelMessage(models.Model):
    """A message received from an outside channel (a Zalo OA webhook event), kept as received.

    ``external_id`` is the channel's own message id: a webhook delivered twice files one item.
    """

    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    external_id = models.CharField(_("mã tin nhắn của kênh"), max_length=100)
    event = models.CharField(_("loại sự kiện"), max_length=40)
    sender_id = models.CharField(_("mã người gửi"), max_length=64, blank=True)
    payload = models.JSONField(_("nội dung nhận được"))
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("phản ánh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel_messages",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("tin nhắn từ kênh ngoài")
        verbose_name_plural = _("tin nhắn từ kênh ngoài")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="feedback_channelmessage_unique_external"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"


class DeadlinePolicy(models.Model):
    """Working days to answer, by kind of item, and when to remind the handlers. Without a row
    the defaults of ``settings.FEEDBACK_DEADLINE_DAYS`` apply."""

    kind = models.CharField(_("loại"), max_length=16, choices=FeedbackKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc để trả lời"),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    remind_before = models.PositiveSmallIntegerField(
        _("nhắc hạn trước (ngày làm việc)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_("Gửi thư nhắc cán bộ xử lý khi còn số ngày làm việc này đến hạn."),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("thời hạn xử lý theo loại")
        verbose_name_plural = _("thời hạn xử lý theo loại")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


class AnswerTemplate(models.Model):
    title = models.CharField(_("tên mẫu"), max_length=160)
    body = models.TextField(_("nội dung mẫu"), max_length=20000)
    category = models.ForeignKey(
        Category,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer_templates",
        help_text=_("Để trống để dùng cho mọi lĩnh vực."),
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("mẫu trả lời")
        verbose_name_plural = _("mẫu trả lời")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = clean_name(self.title or "")
        self.body = normalize_text(self.body or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("Vui lòng nhập tên mẫu.")
        if not self.body:
            errors["body"] = _("Vui lòng nhập nội dung mẫu.")
        if errors:
            raise ValidationError(errors)


class Ban(models.Model):
    """A sender refused: only a keyed hash of the phone, e-mail or network address is kept."""

    kind = models.CharField(_("loại"), max_length=8, choices=BanKind.choices)
    value_hash = models.CharField(max_length=64, editable=False, db_index=True)
    hint = models.CharField(_("gợi nhớ"), max_length=20, blank=True, editable=False)
    until = models.DateField(_("chặn đến hết ngày"), null=True, blank=True)
    reason = models.TextField(_("lý do"))
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chặn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("chặn lúc"), default=timezone.now, editable=False)
    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("phản ánh liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("người gửi bị chặn")
        verbose_name_plural = _("danh sách chặn")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.hint}"

    def clean(self):
        self.reason = normalize_text(self.reason or "").strip()
        if not self.reason:
            raise ValidationError({"reason": _("Vui lòng nêu lý do.")})
