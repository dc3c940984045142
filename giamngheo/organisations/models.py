"""Administrative units, organisations and memberships, dated so that reforms never rewrite them.

A unit or an organisation is never edited across a reform: it is closed (``valid_to``) and a new
one opened, linked by a succession. Data stays attached to the unit it was about; roll-ups into
today's map follow the successions (selectors.successor_map).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin
from wagtail.search import index

from giamngheo.core.text import clean_name, fold

from .enums import (
    ALLOWED_PARENT_LEVELS,
    AccessPurpose,
    ConsentChannel,
    OrganisationKind,
    OrganisationSuccessionKind,
    PublicAccountKind,
    Role,
    SuccessionKind,
    UnitLevel,
)

# Stands in for "no start date" in uniqueness checks (a unit that existed before our records).
OPEN_START = date(1900, 1, 1)


class DatedQuerySet(models.QuerySet):
    def valid_on(self, on: date):
        """Rows in force on ``on``: started on or before it, not ended before it."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )


class Dated(models.Model):
    valid_from = models.DateField(
        _("hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đã có từ trước khi hệ thống ghi nhận."),
    )
    valid_to = models.DateField(
        _("hiệu lực đến hết ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đang còn hiệu lực."),
    )

    class Meta:
        abstract = True

    def is_valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    def clean_dates(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")}
            )


class AdministrativeUnit(RevisionMixin, Dated, index.Indexed):
    code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=16,
        help_text=_("Mã theo Danh mục đơn vị hành chính Việt Nam (Tổng cục Thống kê)."),
    )
    name = models.CharField(_("tên đơn vị"), max_length=160)
    unit_type = models.CharField(
        _("loại đơn vị"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: Tỉnh, Huyện, Thị xã, Thành phố, Xã, Phường, Thị trấn."),
    )
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/00000001/00000002/": the chain of ancestors' ids. Units never move (a reform closes them
    # and opens new ones), so the path is written once, and a subtree is one indexed prefix scan.
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    name_folded = models.CharField(max_length=160, editable=False, db_index=True)
    source = models.CharField(_("nguồn dữ liệu"), max_length=120, blank=True)
    source_key = models.CharField(_("khóa nguồn"), max_length=200, blank=True, db_index=True)

    objects = DatedQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_folded"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            # Codes are reused across reforms (ward 07210 is "Phường Hoàng Văn Thụ" until
            # 30/6/2025 and "Phường Bắc Giang" from 1/7/2025): unique per level and start date.
            models.UniqueConstraint(
                "code",
                "level",
                Coalesce("valid_from", models.Value(OPEN_START)),
                name="unit_code_level_start_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1 if self.path else 0

    def normalise(self) -> None:
        self.name = clean_name(self.name or "")
        self.unit_type = clean_name(self.unit_type or "")
        self.code = clean_name(self.code or "")
        self.name_folded = fold(self.name)

    def clean_structure(self) -> None:
        """Checks that need no query: dates in order, parent one level up."""
        self.clean_dates()
        parent = self.parent  # may be an unsaved instance during a bulk import
        parent_level = parent.level if parent is not None else None
        if self.level and parent_level not in ALLOWED_PARENT_LEVELS[self.level]:
            raise ValidationError({"parent": _("Đơn vị cấp trên không đúng cấp hành chính.")})

    def clean(self):
        self.normalise()
        self.clean_structure()
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Đơn vị không thể là cấp trên của chính nó.")})
        if self.code and self.level:
            clash = AdministrativeUnit.objects.filter(code=self.code, level=self.level).exclude(
                pk=self.pk
            )
            if self.valid_to:
                clash = clash.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
            if self.valid_from:
                clash = clash.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            if clash.exists():
                raise ValidationError(
                    {"code": _("Mã đơn vị đã được dùng cho một đơn vị khác trong cùng thời gian.")}
                )


class UnitSuccession(models.Model):
    """Old unit → new unit at a reform. A merge has several rows into one successor, a split
    several rows out of one predecessor (``is_primary`` marks the one that takes roll-ups)."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị trước"),
        on_delete=models.PROTECT,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        related_name="successions_in",
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=SuccessionKind.choices)
    date = models.DateField(_("ngày có hiệu lực"))
    is_primary = models.BooleanField(
        _("đơn vị kế thừa chính"),
        default=True,
        help_text=_("Khi chia tách, số liệu của đơn vị trước được tổng hợp vào đơn vị này."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)

    class Meta:
        ordering = ["date", "predecessor_id"]
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        constraints = [
            models.UniqueConstraint("predecessor", "successor", name="unit_succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"

    def clean(self):
        self.legal_basis = clean_name(self.legal_basis or "")
        if self.predecessor_id and self.successor_id and self.predecessor_id == self.successor_id:
            raise ValidationError(_("Đơn vị không thể kế thừa chính nó."))
        if (
            self.predecessor_id
            and self.predecessor.valid_to
            and self.date <= self.predecessor.valid_to
        ):
            raise ValidationError(
                {"date": _("Ngày kế thừa phải sau ngày đơn vị trước hết hiệu lực.")}
            )


class Organisation(RevisionMixin, Dated, index.Indexed):
    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại hình"), max_length=16, choices=OrganisationKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn phụ trách"),
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Cán bộ của cơ quan được truy cập địa bàn này và các đơn vị trực thuộc."),
    )
    is_lead = models.BooleanField(
        _("cơ quan thường trực"),
        default=False,
        help_text=_("Cơ quan chủ trì, tổng hợp kế hoạch và báo cáo (năm 2023: Sở LĐTBXH)."),
    )
    responsibilities = models.TextField(_("nhiệm vụ được giao"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    succession_kind = models.CharField(
        _("hình thức kế thừa"),
        max_length=16,
        choices=OrganisationSuccessionKind.choices,
        blank=True,
    )
    succession_note = models.TextField(
        _("ghi chú, căn cứ kế thừa"),
        blank=True,
        help_text=_(
            "Nêu căn cứ; ghi rõ nếu thông tin mới được báo chí đưa tin, chưa đối chiếu văn bản."
        ),
    )
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    objects = DatedQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_folded"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.UniqueConstraint(
                "name_folded",
                "unit",
                Coalesce("valid_from", models.Value(OPEN_START)),
                name="organisation_name_unit_start_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")
        self.short_name = clean_name(self.short_name or "")
        self.responsibilities = (self.responsibilities or "").strip()
        self.name_folded = fold(self.name)
        self.clean_dates()
        if self.successor_id:
            if self.pk and self.successor_id == self.pk:
                raise ValidationError({"successor": _("Cơ quan không thể kế thừa chính nó.")})
            if not self.succession_kind:
                raise ValidationError({"succession_kind": _("Hãy chọn hình thức kế thừa.")})
            if not self.valid_to:
                raise ValidationError(
                    {"valid_to": _("Cơ quan có cơ quan kế thừa phải có ngày hết hiệu lực.")}
                )
        if (
            self.unit_id
            and self.valid_from
            and self.unit.valid_to
            and self.valid_from > self.unit.valid_to
        ):
            raise ValidationError(
                {"unit": _("Địa bàn đã hết hiệu lực trước khi cơ quan bắt đầu hoạt động.")}
            )


class MembershipQuerySet(DatedQuerySet):
    pass


class Membership(RevisionMixin, Dated):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=24, choices=Role.choices)
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__username", "role"]
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")
        indexes = [models.Index(fields=["user", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def clean(self):
        self.position = clean_name(self.position or "")
        self.clean_dates()
        if not (self.user_id and self.organisation_id and self.role):
            return
        org = self.organisation
        if self.valid_from and org.valid_to and self.valid_from > org.valid_to:
            raise ValidationError(
                {"valid_from": _("Cơ quan đã hết hiệu lực trước ngày bắt đầu phân công.")}
            )
        overlapping = Membership.objects.filter(
            user_id=self.user_id, organisation_id=self.organisation_id, role=self.role
        ).exclude(pk=self.pk)
        if self.valid_to:
            overlapping = overlapping.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to)
            )
        if self.valid_from:
            overlapping = overlapping.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
            )
        if overlapping.exists():
            raise ValidationError(
                _("Tài khoản đã được phân công vai trò này tại cơ quan này trong cùng thời gian.")
            )


class PublicProfile(models.Model):
    """Citizen and journalist accounts: public, never members of an organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="public_profile",
    )
    kind = models.CharField(_("loại tài khoản"), max_length=16, choices=PublicAccountKind.choices)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    press_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan báo chí"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journalists",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản công khai")
        verbose_name_plural = _("tài khoản công khai")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"


class ConsentRecord(models.Model):
    """A data subject's consent to one stated purpose (Nghị định 13/2023, Luật 91/2025/QH15).

    ``subject_key`` is how the subject is found again without an account: a normalised e-mail
    address or phone number (see personal_data.subject_key). ``subject_hash`` is a keyed hash of
    the same key (``services.consent_subject_hash``): when the subject's data is erased the key is
    blanked and the record keeps only the hash, the purpose, the time and the notice version — the
    proof of consent, which the subject's identifier matches again, without the identifier.
    """

    # Not in Wagtail's reference index ("usage"): it points at nothing an editor reuses, and an
    # index task on every save costs each citizen's submission a write.
    wagtail_reference_index_ignore = True

    subject_key = models.CharField(
        _("định danh chủ thể"), max_length=254, db_index=True, blank=True
    )
    subject_hash = models.CharField(
        _("mã băm định danh"), max_length=64, db_index=True, blank=True, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    purpose_code = models.SlugField(_("mã mục đích"), max_length=80)
    purpose = models.TextField(_("mục đích xử lý dữ liệu"))
    notice_version = models.CharField(_("phiên bản thông báo"), max_length=40, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=16, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("thời điểm đồng ý"))
    withdrawn_at = models.DateTimeField(_("thời điểm rút lại"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("sự đồng ý xử lý dữ liệu cá nhân")
        verbose_name_plural = _("sự đồng ý xử lý dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"{self.purpose_code} — {timezone.localtime(self.given_at):%d/%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class PersonalDataAccess(models.Model):
    """One read of personal data by a staff member. Written only by audit.log_personal_data_access.

    It names the record by type and id, never copies the data itself, so the log holds no
    personal data beyond who read it.
    """

    # Not in Wagtail's reference index ("usage"): it points at nothing an editor reuses, and an
    # index task on every save costs each citizen's submission a write.
    wagtail_reference_index_ignore = True

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người truy cập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("tên đăng nhập"), max_length=150)
    accessed_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại dữ liệu"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("mã bản ghi"), max_length=64)
    purpose = models.CharField(_("mục đích"), max_length=24, choices=AccessPurpose.choices)
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_username} — {self.content_type.model}#{self.object_id}"


class UnitBoundary(models.Model):
    """A commune's boundary polygon (GeoJSON, WGS 84), imported from an open data set whose
    source and licence are kept with every row: it lets a map pin or an Open311 `lat`/`long`
    name its commune (organisations.selectors.commune_at)."""

    unit = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="boundary",
    )
    geometry = models.JSONField(_("ranh giới (GeoJSON)"))
    source = models.CharField(_("nguồn dữ liệu"), max_length=255)
    licence = models.CharField(_("giấy phép dữ liệu"), max_length=120)
    imported_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ranh giới đơn vị hành chính")
        verbose_name_plural = _("ranh giới đơn vị hành chính")

    def __str__(self) -> str:
        return str(self.unit)
