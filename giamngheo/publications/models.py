"""Publications of plan item 2.5: titles and their language editions, print runs attached to a
``planning.Activity``, dispatches to districts and communes, and the append-only distribution
ledger (``Movement``) whose sums are every holder's stock.

Writes go through ``services`` (the ledger through one function, ``services.ledger``); reads
through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.ledger import AppendOnlyModel, AppendOnlyQuerySet
from giamngheo.core.text import clean_name, fold, normalize_text
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.planning.enums import ItemKind
from giamngheo.planning.models import Activity, BudgetLine, PlanItem

from .enums import AllocationRule, Audience, DispatchStatus, Language, MovementKind, PlanStatus

# Copies in one movement, print run or dispatch: far above a province's largest print run (a
# handbook for every household), so a mistyped figure is refused with a message.
MAX_COPIES = 5_000_000
# Price of one copy, in đồng.
MAX_UNIT_COST = 10_000_000

_COPIES_VALIDATORS = [
    MinValueValidator(1, message=_("Số lượng phải là số nguyên dương.")),
    MaxValueValidator(MAX_COPIES, message=_("Số lượng vượt quá mức cho phép (5.000.000 bản).")),
]


def edition_upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads); the folder groups a title's files.
    return f"publications/{instance.title_id or 'new'}/{filename}"


class PublicationKind(models.Model):
    """Tờ gấp, sổ tay, áp phích … — editable data, not code."""

    name = models.CharField(_("tên loại ấn phẩm"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("loại ấn phẩm")
        verbose_name_plural = _("loại ấn phẩm")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class Title(models.Model):
    """One publication (xuất bản phẩm): its kind, content themes (1.1–1.4 of the plan), the
    publishing licence a non-commercial document must print, and who publishes it."""

    kind = models.ForeignKey(
        PublicationKind, verbose_name=_("loại ấn phẩm"), on_delete=models.PROTECT
    )
    name = models.CharField(_("tên ấn phẩm"), max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, db_index=True)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    themes = models.ManyToManyField(
        PlanItem,
        verbose_name=_("nội dung tuyên truyền (mục 1.x)"),
        related_name="publication_titles",
        limit_choices_to={"kind": ItemKind.CONTENT},
        blank=True,
    )
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan phát hành"),
        on_delete=models.PROTECT,
        related_name="publication_titles",
    )
    audience = models.CharField(
        _("phạm vi sử dụng"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    licence_number = models.CharField(_("số giấy phép xuất bản"), max_length=80, blank=True)
    licence_date = models.DateField(_("ngày cấp giấy phép"), null=True, blank=True)
    licence_issuer = models.CharField(_("cơ quan cấp giấy phép"), max_length=200, blank=True)
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
        ordering = ["name", "pk"]
        verbose_name = _("ấn phẩm")
        verbose_name_plural = _("ấn phẩm")
        constraints = [
            models.UniqueConstraint("name_folded", "publisher", name="publication_title_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")
        self.name_folded = fold(self.name)
        self.summary = normalize_text(self.summary or "").strip()
        self.licence_number = clean_name(self.licence_number or "")
        self.licence_issuer = clean_name(self.licence_issuer or "")
        if bool(self.licence_number) != bool(self.licence_date):
            raise ValidationError(
                {"licence_date": _("Giấy phép xuất bản cần đủ cả số và ngày cấp.")}
            )


class Edition(models.Model):
    """A title in one language (Vietnamese, or an ethnic-minority language), with its file."""

    title = models.ForeignKey(
        Title, verbose_name=_("ấn phẩm"), on_delete=models.PROTECT, related_name="editions"
    )
    language = models.CharField(
        _("ngôn ngữ"), max_length=16, choices=Language.choices, default=Language.VIETNAMESE
    )
    file = models.FileField(_("tệp PDF"), upload_to=edition_upload_to, blank=True, max_length=200)
    file_size = models.PositiveIntegerField(_("dung lượng tệp"), default=0, editable=False)
    cover = models.FileField(_("ảnh bìa"), upload_to=edition_upload_to, blank=True, max_length=200)

    class Meta:
        ordering = ["title_id", "language"]
        verbose_name = _("bản ngôn ngữ")
        verbose_name_plural = _("bản ngôn ngữ")
        constraints = [
            models.UniqueConstraint("title", "language", name="publication_edition_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_language_display()})"


class PrintRun(models.Model):
    """One printing of an edition, paid from one budget line of the activity it belongs to, and
    delivered into a store (the first holder of its copies)."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("bản ngôn ngữ"), on_delete=models.PROTECT, related_name="print_runs"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("hoạt động"),
        on_delete=models.PROTECT,
        related_name="print_runs",
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("dòng kinh phí"),
        on_delete=models.PROTECT,
        related_name="print_runs",
    )
    store = models.ForeignKey(
        Organisation,
        verbose_name=_("kho nhận"),
        on_delete=models.PROTECT,
        related_name="print_runs",
    )
    quantity = models.PositiveIntegerField(_("số lượng in (bản)"), validators=_COPIES_VALIDATORS)
    printer = models.CharField(_("cơ sở in"), max_length=200)
    contract_number = models.CharField(_("số hợp đồng, hóa đơn"), max_length=80)
    unit_cost = models.PositiveIntegerField(
        _("đơn giá (đồng/bản)"),
        validators=[
            MaxValueValidator(
                MAX_UNIT_COST, message=_("Đơn giá vượt quá mức cho phép (10.000.000 đồng/bản).")
            )
        ],
    )
    delivered_on = models.DateField(_("ngày nhập kho"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-delivered_on", "-pk"]
        verbose_name = _("đợt in")
        verbose_name_plural = _("đợt in")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(quantity__lte=MAX_COPIES),
                name="print_run_quantity_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} – {self.quantity} ({self.delivered_on:%d/%m/%Y})"

    @property
    def cost(self) -> int:
        return self.quantity * self.unit_cost

    def clean(self):
        self.printer = clean_name(self.printer or "")
        self.contract_number = clean_name(self.contract_number or "")


class Dispatch(models.Model):
    """Copies of a print run sent from one holder to another; in transit until the recipient's
    officer confirms what arrived (biên bản giao nhận, signed on receipt)."""

    print_run = models.ForeignKey(
        PrintRun, verbose_name=_("đợt in"), on_delete=models.PROTECT, related_name="dispatches"
    )
    sender = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị giao"),
        on_delete=models.PROTECT,
        related_name="dispatches_sent",
    )
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị nhận"),
        on_delete=models.PROTECT,
        related_name="dispatches_received",
    )
    quantity = models.PositiveIntegerField(_("số lượng giao (bản)"), validators=_COPIES_VALIDATORS)
    dispatched_on = models.DateField(_("ngày giao"))
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=DispatchStatus.choices,
        default=DispatchStatus.IN_TRANSIT,
    )
    received_quantity = models.PositiveIntegerField(
        _("số lượng thực nhận (bản)"), null=True, blank=True
    )
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    discrepancy_reason = models.TextField(_("lý do chênh lệch"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    events = GenericRelation("core.StatusEvent")

    class Meta:
        ordering = ["-dispatched_on", "-pk"]
        verbose_name = _("phiếu giao ấn phẩm")
        verbose_name_plural = _("phiếu giao ấn phẩm")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(quantity__lte=MAX_COPIES),
                name="dispatch_quantity_bounded",
            ),
            models.CheckConstraint(
                condition=Q(received_quantity__isnull=True)
                | Q(received_quantity__lte=models.F("quantity")),
                name="dispatch_received_within_sent",
            ),
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="dispatch_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.print_run.edition} → {self.recipient} ({self.quantity})"


class Movement(AppendOnlyModel, models.Model):
    """One line of the distribution ledger: ``delta`` copies of a print run in or out of a
    holder's stock on a date. Rows are only ever inserted (``services.ledger.append``); a
    mistake is answered by a counter-entry with a reason (``corrects``); the model refuses an
    update or a delete (``core.ledger``) and so do the database triggers of migration 0003. A holder's balance of a
    print run on a day is the sum of its deltas dated up to that day."""

    print_run = models.ForeignKey(
        PrintRun, verbose_name=_("đợt in"), on_delete=models.PROTECT, related_name="movements"
    )
    holder = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị giữ"),
        on_delete=models.PROTECT,
        related_name="publication_movements",
    )
    kind = models.CharField(_("loại nghiệp vụ"), max_length=16, choices=MovementKind.choices)
    delta = models.IntegerField(_("số lượng (+ nhập, − xuất)"))
    on = models.DateField(_("ngày"))
    dispatch = models.ForeignKey(
        Dispatch,
        verbose_name=_("phiếu giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("lý do"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi sổ"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("bút toán phát hành")
        verbose_name_plural = _("sổ theo dõi phát hành")
        # Holds every column a balance reads (the delta too): the balance screen and the
        # running balances of ``services.append`` are index-only scans.
        indexes = [
            models.Index(fields=["holder", "print_run", "on", "delta"], name="movement_balance_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(delta=0) & Q(delta__gte=-MAX_COPIES) & Q(delta__lte=MAX_COPIES),
                name="movement_delta_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()} {self.delta:+d}"


class DispatchPlan(models.Model):
    """A proposal to send copies of a print run from one holder to every commune of a district,
    by a rule (equal shares, or in proportion to the poor and near-poor households of the latest
    poverty review); its lines are edited while it is a draft, then sent in one step
    (``services.dispatch_plan``), each line becoming a dispatch."""

    print_run = models.ForeignKey(
        PrintRun, verbose_name=_("đợt in"), on_delete=models.PROTECT, related_name="plans"
    )
    sender = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị giao"),
        on_delete=models.PROTECT,
        related_name="dispatch_plans",
    )
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn (huyện)"),
        on_delete=models.PROTECT,
        related_name="dispatch_plans",
    )
    rule = models.CharField(
        _("cách phân bổ"),
        max_length=16,
        choices=AllocationRule.choices,
        default=AllocationRule.EQUAL,
    )
    total = models.PositiveIntegerField(_("tổng số bản phân bổ"), validators=_COPIES_VALIDATORS)
    households_year = models.PositiveSmallIntegerField(
        _("năm số liệu hộ nghèo, cận nghèo"), null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    dispatched_on = models.DateField(_("ngày giao"))
    dispatched_at = models.DateTimeField(_("thời điểm giao"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    events = GenericRelation("core.StatusEvent")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kế hoạch phân bổ ấn phẩm")
        verbose_name_plural = _("kế hoạch phân bổ ấn phẩm")

    def __str__(self) -> str:
        return f"{self.print_run.edition} → {self.area.name} ({self.total})"


class DispatchPlanLine(models.Model):
    """One commune's share in a dispatch plan: the proposed copies (editable before dispatch)
    and the weight they were computed from."""

    plan = models.ForeignKey(
        DispatchPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="lines"
    )
    recipient = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+"
    )
    households = models.PositiveIntegerField(_("số hộ nghèo và cận nghèo"), null=True, blank=True)
    proposed = models.PositiveIntegerField(_("số bản đề xuất"))
    quantity = models.PositiveIntegerField(
        _("số bản giao"), validators=[MaxValueValidator(MAX_COPIES)]
    )
    dispatch = models.OneToOneField(
        Dispatch,
        verbose_name=_("phiếu giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_line",
    )

    class Meta:
        ordering = ["plan_id", "pk"]
        verbose_name = _("dòng phân bổ")
        verbose_name_plural = _("dòng phân bổ")
        constraints = [
            models.UniqueConstraint("plan", "recipient", name="dispatch_plan_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.quantity}"


class DispatchReminder(models.Model):
    """A reminder sent to the officers of the recipient of an overdue dispatch: one a day at
    most, and again only after another period of working days without a confirmation."""

    dispatch = models.ForeignKey(
        Dispatch, verbose_name=_("phiếu giao"), on_delete=models.CASCADE, related_name="reminders"
    )
    sent_on = models.DateField(_("ngày nhắc"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        ordering = ["dispatch_id", "sent_on"]
        verbose_name = _("thư nhắc xác nhận")
        verbose_name_plural = _("thư nhắc xác nhận")
        constraints = [
            models.UniqueConstraint("dispatch", "sent_on", name="dispatch_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id} {self.sent_on:%d/%m/%Y}"
