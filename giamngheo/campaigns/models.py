"""Digital campaigns of plan item 2.6: a campaign on an activity of a sub-plan, the platforms it
invites (editable data), citizens' submissions of their posts and videos (links, or files they
upload), pre-moderated; public reports, declared reach, and the one-time codes that verify a
submitter's contact.

The server never fetches a submitted URL: a link is parsed and checked against the platform's
pattern only (``Platform.match``). Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import clean_name, normalize_text
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.enums import ItemKind
from giamngheo.planning.models import Activity, PlanItem

from .enums import (
    ContactChannel,
    Declarer,
    ReportReason,
    SubmissionKind,
    SubmissionStatus,
)

TITLE_MAX = 200
DESCRIPTION_MAX = 1000
URL_MAX = 500
# Reach figures above this are refused as typing mistakes (a province-wide campaign).
MAX_REACH = 1_000_000_000
HASHTAG = re.compile(r"^#[\w]{2,60}$")


def upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads); the folder groups a campaign's files.
    campaign_id = getattr(instance, "campaign_id", None) or getattr(
        getattr(instance, "submission", None), "campaign_id", "new"
    )
    return f"campaigns/{campaign_id}/{filename}"


class Platform(models.Model):
    """A digital platform a campaign may invite (Facebook, Zalo, TikTok, YouTube, a news site).

    Editable data: ``hosts`` are the host names its links live on (one per line; a sub-domain of
    one is accepted), ``url_pattern`` a regular expression a link's path and query must match,
    with an optional group ``id`` used by ``embed_template`` (``{id}``) to build the player
    address loaded only after the visitor clicks. A platform without a template is only linked.
    """

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên nền tảng"), max_length=80)
    hosts = models.TextField(_("tên miền (mỗi dòng một tên)"))
    url_pattern = models.CharField(
        _("mẫu đường dẫn (biểu thức chính quy)"), max_length=300, blank=True
    )
    embed_template = models.CharField(
        _("địa chỉ trình phát nhúng"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: https://www.youtube-nocookie.com/embed/{id}"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("nền tảng số")
        verbose_name_plural = _("nền tảng số")

    def __str__(self) -> str:
        return self.name

    @property
    def host_list(self) -> list[str]:
        return [h.strip().lower().lstrip(".") for h in self.hosts.splitlines() if h.strip()]

    @property
    def embed_host(self) -> str:
        return urlsplit(self.embed_template).hostname or "" if self.embed_template else ""

    def owns_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.host_list)

    def match(self, path_and_query: str) -> re.Match | None:
        if not self.url_pattern:
            return re.match(r"^/.+", path_and_query)
        return re.fullmatch(self.url_pattern, path_and_query)

    def clean(self):
        self.name = clean_name(self.name or "")
        if not self.host_list:
            raise ValidationError({"hosts": _("Cần ít nhất một tên miền.")})
        if self.url_pattern:
            try:
                compiled = re.compile(self.url_pattern)
            except re.error:
                raise ValidationError(
                    {"url_pattern": _("Biểu thức chính quy không hợp lệ.")}
                ) from None
            if "{id}" in self.embed_template and "id" not in compiled.groupindex:
                raise ValidationError(
                    {"url_pattern": _("Mẫu đường dẫn cần nhóm (?P<id>…) cho trình phát nhúng.")}
                )
        if self.embed_template and not self.embed_template.startswith("https://"):
            raise ValidationError(
                {"embed_template": _("Địa chỉ trình phát nhúng phải bắt đầu bằng https://.")}
            )


class Campaign(models.Model):
    """One campaign (chiến dịch) run by the body of an activity of plan item 2.6."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("hoạt động"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    name = models.CharField(_("tên chiến dịch"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    hashtags = models.CharField(
        _("hashtag"),
        max_length=300,
        help_text=_("Cách nhau bằng dấu cách, ví dụ: #GiamNgheoBenVung #KhongDeAiBiBoLai"),
    )
    themes = models.ManyToManyField(
        PlanItem,
        verbose_name=_("nội dung tuyên truyền (mục 1.x)"),
        related_name="campaigns",
        limit_choices_to={"kind": ItemKind.CONTENT},
        blank=True,
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    description = models.TextField(_("giới thiệu"))
    rules = models.TextField(_("thể lệ, cách tham gia"))
    platforms = models.ManyToManyField(
        Platform, verbose_name=_("nền tảng mời tham gia"), related_name="campaigns"
    )
    communes = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("địa bàn hướng tới"),
        related_name="campaigns",
        blank=True,
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        related_name="moderated_campaigns",
        blank=True,
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("số lượt báo cáo để đưa lại kiểm duyệt"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("chiến dịch truyền thông số")
        verbose_name_plural = _("chiến dịch truyền thông số")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def hashtag_list(self) -> list[str]:
        return self.hashtags.split()

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def clean(self):
        self.name = clean_name(self.name or "")
        self.description = normalize_text(self.description or "").strip()
        self.rules = normalize_text(self.rules or "").strip()
        tags = normalize_text(self.hashtags or "").split()
        if not tags:
            raise ValidationError({"hashtags": _("Cần ít nhất một hashtag.")})
        bad = [t for t in tags if not HASHTAG.match(t)]
        if bad:
            raise ValidationError(
                {
                    "hashtags": _(
                        "Hashtag không hợp lệ: %(tags)s (bắt đầu bằng # và không có dấu cách)."
                    )
                    % {"tags": ", ".join(bad)}
                }
            )
        self.hashtags = " ".join(dict.fromkeys(tags))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Submission(models.Model):
    """A citizen's post, article, photo, video or reportage: a link to it on an invited
    platform, or the file itself uploaded; shown in the gallery only once approved."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("chiến dịch"), on_delete=models.PROTECT, related_name="submissions"
    )
    platform = models.ForeignKey(
        Platform,
        verbose_name=_("nền tảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    url = models.CharField(_("liên kết bài đăng"), max_length=URL_MAX, blank=True)
    embed_id = models.CharField(max_length=120, blank=True, editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=SubmissionKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=TITLE_MAX)
    description = models.TextField(_("mô tả ngắn"), max_length=DESCRIPTION_MAX, blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="campaign_submissions",
    )
    file = models.FileField(_("tệp ảnh, video"), upload_to=upload_to, blank=True, max_length=200)
    file_kind = models.CharField(max_length=8, blank=True, editable=False)
    thumbnail = models.FileField(_("ảnh đại diện"), upload_to=upload_to, blank=True, max_length=200)
    author_name = models.CharField(_("tên hiển thị"), max_length=120, blank=True)
    consent_show = models.BooleanField(_("đồng ý công khai trên cổng"), default=False)
    consent_people = models.BooleanField(
        _("người xuất hiện trong ảnh, video đã đồng ý"), default=False
    )
    # The verified contact: personal data, never shown in the gallery (personal_data.py).
    contact_channel = models.CharField(
        _("kênh xác minh"), max_length=8, choices=ContactChannel.choices
    )
    contact = models.CharField(_("liên hệ đã xác minh"), max_length=254, blank=True)
    # A keyed hash of the contact: counts distinct participants, survives erasure of the contact.
    contact_hash = models.CharField(max_length=64, db_index=True, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    private_token = models.CharField(max_length=43, unique=True, editable=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(_("lý do (người gửi được xem)"), blank=True)
    checks = models.JSONField(_("nội dung đã kiểm tra"), default=dict, blank=True)
    featured = models.BooleanField(_("nổi bật"), default=False)
    report_count = models.PositiveIntegerField(_("số lượt báo cáo"), default=0)
    submitted_at = models.DateTimeField(_("thời điểm gửi"))
    decided_at = models.DateTimeField(_("thời điểm kiểm duyệt"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("thời điểm ẩn"), null=True, blank=True)
    takedown_requested_at = models.DateTimeField(
        _("thời điểm nhận yêu cầu gỡ"), null=True, blank=True
    )
    taken_down_at = models.DateTimeField(_("thời điểm gỡ"), null=True, blank=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    events = GenericRelation("core.StatusEvent")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("bài tham gia chiến dịch")
        verbose_name_plural = _("bài tham gia chiến dịch")
        indexes = [
            # The moderation queue: one campaign's items of a status, in the queue's order
            # (submitted_at, then id), so that a page is read in index order and stops at its
            # 50th row — with the id as well, PostgreSQL joined and sorted every pending item
            # before the LIMIT.
            models.Index(
                fields=["campaign", "status", "submitted_at", "id"],
                name="submission_queue_order_idx",
            ),
            # The same queue over all the campaigns a moderator reaches (the screen's default).
            models.Index(
                fields=["status", "submitted_at", "id"], name="submission_status_order_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="submission_link_or_file"
            ),
            models.CheckConstraint(
                condition=Q(taken_down_at__isnull=True) | Q(takedown_requested_at__isnull=False),
                name="submission_takedown_has_request",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def embed_url(self) -> str:
        if not (self.platform_id and self.embed_id and self.platform.embed_template):
            return ""
        return self.platform.embed_template.replace("{id}", self.embed_id)

    @property
    def takedown_hours(self) -> float | None:
        """Hours from the request to the takedown (the 24-hour rule of Nghị định 147/2024)."""
        if self.taken_down_at is None or self.takedown_requested_at is None:
            return None
        return round((self.taken_down_at - self.takedown_requested_at).total_seconds() / 3600, 1)

    @property
    def contact_hint(self) -> str:
        value = self.contact
        if not value:
            return ""
        if "@" in value:
            name, _at, domain = value.partition("@")
            return f"{name[:2]}…@{domain}"
        return f"{value[:3]}…{value[-3:]}"


class SubmissionReport(models.Model):
    """A visitor's report on an approved item (one per visitor and item)."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("bài"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("lý do"), max_length=16, choices=ReportReason.choices)
    client_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("báo cáo vi phạm")
        verbose_name_plural = _("báo cáo vi phạm")
        constraints = [
            models.UniqueConstraint("submission", "client_hash", name="submission_report_once"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class ReachDeclaration(models.Model):
    """Views and shares of an item, as declared (an estimate, never counted as submissions),
    with a screenshot of the platform's figures as evidence."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("bài"), on_delete=models.CASCADE, related_name="reach"
    )
    declared_by = models.CharField(_("người khai"), max_length=16, choices=Declarer.choices)
    views = models.PositiveIntegerField(
        _("lượt xem"), validators=[MaxValueValidator(MAX_REACH)], default=0
    )
    shares = models.PositiveIntegerField(
        _("lượt chia sẻ"), validators=[MaxValueValidator(MAX_REACH)], default=0
    )
    evidence = models.FileField(_("ảnh chụp màn hình"), upload_to=upload_to, max_length=200)
    on = models.DateField(_("ngày ghi nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("khai báo lượt tiếp cận")
        verbose_name_plural = _("khai báo lượt tiếp cận")

    def __str__(self) -> str:
        return f"{self.views}/{self.shares}"


class ContactCode(models.Model):
    """A one-time code sent to a submitter's phone (SMS, Zalo) or e-mail. Only its hash is
    kept; it expires, and a few wrong tries spend it."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", verbose_name=_("chiến dịch")
    )
    channel = models.CharField(_("kênh"), max_length=8, choices=ContactChannel.choices)
    contact_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mã xác minh")
        verbose_name_plural = _("mã xác minh")

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at)
        return f"{self.get_channel_display()} {when:%d/%m/%Y %H:%M}"


class Ban(models.Model):
    """A submitter refused after abuse: only the keyed hash of the contact is kept."""

    contact_hash = models.CharField(max_length=64, db_index=True, editable=False)
    hint = models.CharField(_("gợi nhớ"), max_length=40, blank=True, editable=False)
    reason = models.TextField(_("lý do"))
    until = models.DateField(_("chặn đến hết ngày"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chặn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("người gửi bị chặn")
        verbose_name_plural = _("người gửi bị chặn")

    def __str__(self) -> str:
        return self.hint
