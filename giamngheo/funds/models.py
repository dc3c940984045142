"""The Fund for the Poor (Quỹ Vì người nghèo, plan V.6): funds, campaigns, pledges, the bank
statements of each fund's account, an append-only ledger and the disbursements it pays.

Writes go through ``services``; reads through ``selectors``. Every đồng that enters or leaves a
fund is one ``LedgerEntry``; the ledger is never updated nor deleted (the model refuses it and the
database triggers of migration 0002 refuse it too), a mistake is corrected by a counter-entry.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.ledger import AppendOnlyModel, AppendOnlyQuerySet
from giamngheo.core.ledger import LedgerIsAppendOnly as LedgerIsAppendOnly  # re-exported
from giamngheo.core.text import clean_name, normalize_text

from .enums import (
    DisbursementStatus,
    DonationChannel,
    DonorKind,
    EntryKind,
    FundMemberRole,
    PaymentMethod,
    RecipientKind,
)
from .money import MAX_AMOUNT


class Fund(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan quản lý quỹ"),
        on_delete=models.PROTECT,
        related_name="funds",
        help_text=_("Ủy ban Mặt trận Tổ quốc cấp tỉnh, huyện hoặc xã."),
    )
    name = models.CharField(_("tên quỹ"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    bank_bin = models.CharField(
        _("mã BIN ngân hàng"), max_length=6, help_text=_("Sáu chữ số, theo danh sách NAPAS.")
    )
    bank_name = models.CharField(_("ngân hàng"), max_length=160)
    account_number = models.CharField(_("số tài khoản"), max_length=19)
    account_name = models.CharField(_("tên tài khoản"), max_length=160)
    statement_format = models.CharField(
        _("mẫu sao kê ngân hàng"),
        max_length=32,
        help_text=_("Cách đọc tệp sao kê của ngân hàng này (xem tài liệu hướng dẫn)."),
    )
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("quy chế quỹ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("quỹ")
        verbose_name_plural = _("quỹ")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")
        self.account_name = clean_name(self.account_name or "")
        errors = {}
        if not (self.bank_bin.isdigit() and len(self.bank_bin) == 6):
            errors["bank_bin"] = _("Mã BIN ngân hàng gồm đúng 6 chữ số.")
        if not self.account_number.isalnum():
            errors["account_number"] = _("Số tài khoản chỉ gồm chữ và số, không có dấu cách.")
        from .statements import FORMATS

        if self.statement_format not in FORMATS:
            errors["statement_format"] = _("Chưa có mẫu sao kê “%(code)s”.") % {
                "code": self.statement_format
            }
        if errors:
            raise ValidationError(errors)


class FundMember(models.Model):
    """A member of the fund's board or its treasurer: a membership of a person in a body."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.CASCADE, related_name="members"
    )
    membership = models.ForeignKey(
        "organisations.Membership",
        verbose_name=_("thành viên (theo phân công công tác)"),
        on_delete=models.PROTECT,
        related_name="fund_roles",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=FundMemberRole.choices)

    class Meta:
        verbose_name = _("thành viên quỹ")
        verbose_name_plural = _("thành viên quỹ")
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "membership", "role"], name="funds_member_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} — {self.get_role_display()}"


class Campaign(models.Model):
    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="campaigns"
    )
    activity = models.ForeignKey(
        "planning.Activity",
        verbose_name=_("hoạt động trong kế hoạch cụ thể"),
        on_delete=models.PROTECT,
        related_name="fund_campaigns",
    )
    name = models.CharField(_("tên đợt vận động"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    summary = models.TextField(_("lời kêu gọi"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    target_amount = models.PositiveBigIntegerField(_("mục tiêu vận động (đồng)"), default=0)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("đợt vận động")
        verbose_name_plural = _("đợt vận động")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="funds_campaign_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")
        self.summary = normalize_text(self.summary or "").strip()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc trước ngày bắt đầu.")})
        if self.target_amount > MAX_AMOUNT * 100:
            raise ValidationError({"target_amount": _("Mục tiêu vận động không hợp lý.")})


class Donation(models.Model):
    """A gift: pledged on the public page (paid by transfer, matched from the statement by its
    reference code) or received in cash by the treasurer (with the receipt's number)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("đợt vận động"), on_delete=models.PROTECT, related_name="donations"
    )
    reference = models.CharField(_("mã ủng hộ"), max_length=16, unique=True, editable=False)
    donor_kind = models.CharField(_("người ủng hộ là"), max_length=16, choices=DonorKind.choices)
    donor_name = models.CharField(_("tên người, đơn vị ủng hộ"), max_length=200)
    is_anonymous = models.BooleanField(
        _("không công khai tên"),
        default=False,
        help_text=_("Bản sao kê công khai ghi “Nhà hảo tâm không nêu tên”."),
    )
    amount = models.PositiveBigIntegerField(_("số tiền đăng ký (đồng)"))
    channel = models.CharField(_("hình thức"), max_length=16, choices=DonationChannel.choices)
    receipt_number = models.CharField(_("số biên lai"), max_length=40, blank=True)
    pledged_at = models.DateTimeField(_("thời điểm đăng ký"), auto_now_add=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)

    class Meta:
        ordering = ["-pledged_at", "pk"]
        verbose_name = _("khoản ủng hộ")
        verbose_name_plural = _("khoản ủng hộ")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_donation_positive"),
            models.UniqueConstraint(
                fields=["campaign", "receipt_number"],
                condition=~Q(receipt_number=""),
                name="funds_receipt_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def public_name(self) -> str:
        return str(_("Nhà hảo tâm không nêu tên")) if self.is_anonymous else self.donor_name

    def clean(self):
        self.donor_name = clean_name(self.donor_name or "")
        self.receipt_number = clean_name(self.receipt_number or "")
        if self.amount and self.amount > MAX_AMOUNT:
            raise ValidationError({"amount": _("Số tiền vượt quá mức cho phép.")})


class BankStatement(models.Model):
    """One imported file of the fund's account statement."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="statements"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    statement_format = models.CharField(_("mẫu sao kê"), max_length=32)
    first_date = models.DateField(_("từ ngày"), null=True)
    last_date = models.DateField(_("đến ngày"), null=True)
    rows_read = models.PositiveIntegerField(_("số giao dịch trong tệp"), default=0)
    rows_added = models.PositiveIntegerField(_("số giao dịch mới"), default=0)
    rows_matched = models.PositiveIntegerField(_("số giao dịch khớp mã ủng hộ"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "pk"]
        verbose_name = _("sao kê ngân hàng")
        verbose_name_plural = _("sao kê ngân hàng")

    def __str__(self) -> str:
        return self.file_name


class BankTransaction(models.Model):
    """One line of a statement. A credit is money in the account: it is a ledger receipt at
    once, whether or not its donor is known yet (matching only names the donor)."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="transactions"
    )
    statement = models.ForeignKey(
        BankStatement,
        verbose_name=_("sao kê"),
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    bank_reference = models.CharField(_("số tham chiếu ngân hàng"), max_length=64)
    booked_on = models.DateField(_("ngày giao dịch"), db_index=True)
    credit = models.PositiveBigIntegerField(_("ghi có (đồng)"), default=0)
    debit = models.PositiveBigIntegerField(_("ghi nợ (đồng)"), default=0)
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    donation = models.ForeignKey(
        Donation,
        verbose_name=_("khoản ủng hộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )

    class Meta:
        ordering = ["booked_on", "pk"]
        verbose_name = _("giao dịch ngân hàng")
        verbose_name_plural = _("giao dịch ngân hàng")
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "bank_reference"], name="funds_bank_reference_unique"
            ),
            models.CheckConstraint(
                condition=(Q(credit__gt=0, debit=0) | Q(credit=0, debit__gt=0)),
                name="funds_transaction_one_side",
            ),
        ]
        # Covers sums of a fund's bank lines by date from the index alone (services.count_days).
        # The public statement no longer sums them: it reads LedgerDay.
        indexes = [
            models.Index(
                fields=["fund", "booked_on", "credit", "debit"], name="funds_banktx_summary"
            )
        ]

    def __str__(self) -> str:
        return self.bank_reference


class Disbursement(models.Model):
    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="disbursements"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("đợt vận động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    recipient_kind = models.CharField(
        _("đối tượng hỗ trợ"), max_length=16, choices=RecipientKind.choices
    )
    purpose = models.CharField(
        _("nội dung chi (công khai)"),
        max_length=300,
        help_text=_("Được đăng trên bản sao kê công khai: không ghi họ tên, địa chỉ của hộ."),
    )
    commune = models.ForeignKey(
        "organisations.AdministrativeUnit",
        verbose_name=_("xã, phường, thị trấn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_fund = models.ForeignKey(
        Fund,
        verbose_name=_("quỹ nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    # Personal data of the household (Nghị định 13/2023): kept for the board and the audit,
    # never on a public page unless the board approved publishing the name.
    recipient_name = models.CharField(_("người nhận (không công khai)"), max_length=200, blank=True)
    household_consent = models.BooleanField(
        _("hộ đã đồng ý cung cấp thông tin"),
        default=False,
        help_text=_("Theo Nghị định 13/2023/NĐ-CP, cần sự đồng ý của hộ trước khi ghi thông tin."),
    )
    publish_recipient = models.BooleanField(
        _("công khai tên người nhận"), default=False, editable=False
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=DisbursementStatus.choices,
        default=DisbursementStatus.PROPOSED,
        editable=False,
    )
    events = GenericRelation("core.StatusEvent")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề xuất"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("ngày đề xuất"), auto_now_add=True)
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True, editable=False)
    paid_at = models.DateTimeField(_("thời điểm chi"), null=True, blank=True, editable=False)
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True, editable=False)
    method = models.CharField(
        _("hình thức chi"), max_length=16, choices=PaymentMethod.choices, blank=True
    )
    evidence = models.FileField(_("chứng từ chi"), upload_to="funds/evidence/", blank=True)
    evidence_note = models.CharField(_("số chứng từ, ghi chú"), max_length=255, blank=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False, editable=False)

    class Meta:
        ordering = ["-proposed_at", "pk"]
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_disbursement_positive")
        ]

    def __str__(self) -> str:
        return self.purpose

    @property
    def organisation_id(self) -> int:
        # The body in charge, copied onto each status event (core.workflow).
        return self.fund.organisation_id

    def clean(self):
        self.purpose = clean_name(self.purpose or "")
        self.recipient_name = clean_name(self.recipient_name or "")
        errors = {}
        if self.amount and self.amount > MAX_AMOUNT:
            errors["amount"] = _("Số tiền vượt quá mức cho phép.")
        if self.recipient_kind == RecipientKind.HOUSEHOLD:
            if not self.commune_id:
                errors["commune"] = _("Khoản chi cho hộ gia đình cần ghi xã của hộ.")
            if self.recipient_name and not self.household_consent:
                errors["household_consent"] = _(
                    "Chỉ ghi tên người nhận khi hộ đã đồng ý cung cấp thông tin."
                )
        if self.recipient_kind == RecipientKind.FUND:
            if not self.target_fund_id:
                errors["target_fund"] = _("Chọn quỹ nhận.")
            elif self.target_fund_id == self.fund_id:
                errors["target_fund"] = _("Quỹ không thể chi cho chính mình.")
        if errors:
            raise ValidationError(errors)


class LedgerEntry(AppendOnlyModel, models.Model):
    """One movement of money: positive in, negative out. ``seq`` numbers a fund's entries in the
    order written; ``balance_after`` is the balance in that order (the fund row is locked while
    an entry is written, so two writers never compute it from the same balance)."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="entries"
    )
    seq = models.PositiveBigIntegerField(_("số thứ tự"))
    entry_date = models.DateField(_("ngày"), db_index=True)
    kind = models.CharField(_("loại"), max_length=16, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    balance_after = models.BigIntegerField(_("số dư sau giao dịch"))
    description = models.CharField(_("diễn giải"), max_length=300)
    donation = models.ForeignKey(
        Donation,
        verbose_name=_("khoản ủng hộ"),
        null=True,
        on_delete=models.PROTECT,
        related_name="cash_entries",
    )
    bank_transaction = models.OneToOneField(
        BankTransaction,
        verbose_name=_("giao dịch ngân hàng"),
        null=True,
        on_delete=models.PROTECT,
        related_name="entry",
    )
    disbursement = models.OneToOneField(
        Disbursement,
        verbose_name=_("khoản chi"),
        null=True,
        on_delete=models.PROTECT,
        related_name="entry",
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("điều chỉnh cho bút toán"),
        null=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fund_id", "seq"]
        verbose_name = _("bút toán sổ quỹ")
        verbose_name_plural = _("sổ quỹ")
        constraints = [
            models.UniqueConstraint(fields=["fund", "seq"], name="funds_ledger_seq_unique"),
            models.CheckConstraint(condition=~Q(amount=0), name="funds_ledger_nonzero"),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="funds_ledger_never_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["fund", "entry_date", "seq"], name="funds_ledger_date"),
            # Covers sums of a fund's entries by date from the index alone (the balance check
            # of services.lowest_balance_from, services.count_days). The public statement no
            # longer sums the entries: it reads LedgerDay.
            models.Index(
                fields=["fund", "entry_date", "kind", "amount", "corrects"],
                name="funds_ledger_summary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}#{self.seq}"


class LedgerDay(models.Model):
    """A fund's totals for one day: its ledger entries dated that day (count, in, out, in through
    the account) and its imported bank lines booked that day. Written by the services in the same
    transaction as the entries, under the fund's lock (``services._add_to_days``), never by hand.

    The public statement of a period reads these (at most one row a day) instead of summing and
    counting every entry: the totals of a fund with 100,000 entries cost what a year of days
    costs, and a page of the statement starts from its day, not from an OFFSET over the period.
    The ledger stays the record (append-only); this is a summary of it that
    ``services.recount_days`` can always rebuild from it."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="days"
    )
    day = models.DateField(_("ngày"))
    entries = models.PositiveIntegerField(_("số bút toán"), default=0)
    receipts = models.BigIntegerField(_("tổng thu (đồng)"), default=0)
    payments = models.BigIntegerField(_("tổng chi (đồng)"), default=0)
    transfers_in = models.BigIntegerField(_("thu qua tài khoản (đồng)"), default=0)
    bank_credits = models.BigIntegerField(_("ngân hàng ghi có (đồng)"), default=0)
    bank_debits = models.BigIntegerField(_("ngân hàng ghi nợ (đồng)"), default=0)

    class Meta:
        ordering = ["fund_id", "day"]
        verbose_name = _("tổng theo ngày của sổ quỹ")
        verbose_name_plural = _("tổng theo ngày của sổ quỹ")
        constraints = [
            models.UniqueConstraint(fields=["fund", "day"], name="funds_ledgerday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}@{self.day:%d/%m/%Y}"
