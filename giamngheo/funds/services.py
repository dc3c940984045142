"""Writes of the fund. Every movement of money goes through ``_append`` with the fund row locked.

Why the fund row is locked: the balance is the sum of the ledger. Two treasurers paying at once
would each read the same balance and both pass the check; holding ``SELECT … FOR UPDATE`` on the
fund for the whole transaction makes the second wait and read the first one's entry. (SQLite has
no row locks; its IMMEDIATE transactions, DESIGN §3, take the write lock at BEGIN, which
serialises the same way.)
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.workflow import record_event, transition

from .enums import (
    DISBURSEMENT_WORKFLOW,
    DisbursementStatus,
    DonationChannel,
    EntryKind,
    RecipientKind,
)
from .models import (
    BankStatement,
    BankTransaction,
    Campaign,
    Disbursement,
    Donation,
    Fund,
    FundMember,
    LedgerDay,
    LedgerEntry,
)
from .money import MAX_AMOUNT, format_money
from .rules import is_board_member
from .statements import parse_statement

REFERENCE_PREFIX = "UH"  # "ủng hộ"
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
REFERENCE_LENGTH = 8
REFERENCE_PATTERN = re.compile(rf"{REFERENCE_PREFIX}[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}")


def _may(actor, permission: str, obj) -> bool:
    """The fund's rule (``rules.py``) for ``actor`` on ``obj``, asked of django-rules itself:
    unlike ``User.has_perm`` it grants a superuser nothing by default, so money moves only for
    the fund's own treasurer and board, as before."""
    return actor is not None and rules.has_perm(permission, actor, obj)


def _checked_amount(amount: int, field: str = "amount") -> int:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ValidationError({field: _("Số tiền phải là số nguyên đồng.")})
    if amount <= 0:
        raise ValidationError({field: _("Số tiền phải lớn hơn 0.")})
    if amount > MAX_AMOUNT:
        raise ValidationError(
            {
                field: _("Số tiền vượt quá mức cho phép (%(max)s đồng).")
                % {"max": format_money(MAX_AMOUNT)}
            }
        )
    return amount


# --- funds, members, campaigns ----------------------------------------------------------------


def create_fund(
    *,
    organisation,
    name: str,
    slug: str,
    bank_bin: str,
    bank_name: str,
    account_number: str,
    account_name: str,
    statement_format: str = "chung",
    rules_document=None,
    is_sample: bool = False,
) -> Fund:
    fund = Fund(
        organisation=organisation,
        name=name,
        slug=slug,
        bank_bin=bank_bin.strip(),
        bank_name=bank_name,
        account_number=account_number.strip(),
        account_name=account_name,
        statement_format=statement_format,
        rules_document=rules_document,
        is_sample=is_sample,
    )
    fund.full_clean()
    fund.save()
    return fund


def add_fund_member(*, fund: Fund, membership, role: str) -> FundMember:
    """A person of the fund's body (or of a body it co-opts) joins its board or keeps its
    books. Only a membership in force today counts for permissions (see selectors)."""
    member = FundMember(fund=fund, membership=membership, role=role)
    member.full_clean()
    member.save()
    return member


def create_campaign(
    *,
    fund: Fund,
    activity,
    name: str,
    slug: str,
    start_date: date,
    end_date: date,
    target_amount: int = 0,
    summary: str = "",
) -> Campaign:
    campaign = Campaign(
        fund=fund,
        activity=activity,
        name=name,
        slug=slug,
        start_date=start_date,
        end_date=end_date,
        target_amount=target_amount,
        summary=summary,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


# --- donations ---------------------------------------------------------------------------------


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _i in range(REFERENCE_LENGTH)
    )


def _save_with_reference(donation: Donation) -> Donation:
    # 32^8 codes: a collision is rare but possible; the unique index decides, we retry.
    for _attempt in range(5):
        donation.reference = new_reference()
        try:
            with transaction.atomic():
                donation.save()
            return donation
        except IntegrityError:
            if not Donation.objects.filter(reference=donation.reference).exists():
                raise
    raise RuntimeError("no free reference code")


def pledge_donation(
    *,
    campaign: Campaign,
    donor_kind: str,
    donor_name: str,
    amount: int,
    is_anonymous: bool = False,
    is_sample: bool = False,
) -> Donation:
    """A gift promised on the public page, to be paid by transfer with its reference code."""
    _checked_amount(amount)
    donation = Donation(
        campaign=campaign,
        donor_kind=donor_kind,
        donor_name=donor_name,
        is_anonymous=is_anonymous,
        amount=amount,
        channel=DonationChannel.TRANSFER,
        is_sample=is_sample,
        reference="-",
    )
    donation.full_clean(exclude=["reference"])
    return _save_with_reference(donation)


def record_cash_donation(
    *,
    campaign: Campaign,
    donor_kind: str,
    donor_name: str,
    amount: int,
    receipt_number: str,
    received_on: date,
    actor,
    is_anonymous: bool = False,
    is_sample: bool = False,
) -> Donation:
    """Cash handed to the treasurer against a numbered receipt: the gift and its ledger
    entry, together."""
    if not _may(actor, "funds.add_donation", campaign.fund):
        raise PermissionDenied(_("Chỉ thủ quỹ của quỹ mới ghi khoản thu tiền mặt."))
    _checked_amount(amount)
    if not (receipt_number or "").strip():
        raise ValidationError({"receipt_number": _("Nhập số biên lai thu tiền.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Ngày thu không được sau hôm nay.")})
    with transaction.atomic():
        fund = _lock_fund(campaign.fund_id)
        donation = Donation(
            campaign=campaign,
            donor_kind=donor_kind,
            donor_name=donor_name,
            is_anonymous=is_anonymous,
            amount=amount,
            channel=DonationChannel.CASH,
            receipt_number=receipt_number,
            is_sample=is_sample,
            reference="-",
        )
        # The receipt number's uniqueness is checked below with the number in the message.
        donation.full_clean(exclude=["reference"], validate_constraints=False)
        if Donation.objects.filter(
            campaign=campaign, receipt_number=donation.receipt_number
        ).exists():
            raise ValidationError(
                {
                    "receipt_number": _("Số biên lai “%(number)s” đã được ghi.")
                    % {"number": donation.receipt_number}
                }
            )
        _save_with_reference(donation)
        _append(
            fund,
            amount=amount,
            entry_date=received_on,
            kind=EntryKind.CASH_IN,
            description=_("Thu tiền mặt, biên lai số %(number)s")
            % {"number": donation.receipt_number},
            actor=actor,
            donation=donation,
        )
    return donation


# --- the ledger --------------------------------------------------------------------------------


def _lock_fund(fund_id: int) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund_id)


def lowest_balance_from(fund: Fund, on: date) -> int:
    """The lowest end-of-day balance of the fund on ``on`` and every later day with entries
    (what a payment dated ``on`` must not exceed, so no day's balance goes below zero)."""
    entries = LedgerEntry.objects.filter(fund=fund)
    balance = entries.filter(entry_date__lt=on).aggregate(s=Sum("amount"))["s"] or 0
    lowest = balance
    days = (
        entries.filter(entry_date__gte=on)
        .values("entry_date")
        .annotate(total=Sum("amount"))
        .order_by("entry_date")
    )
    for day in days:
        balance += day["total"]
        lowest = min(lowest, balance)
    return lowest


def _append(
    fund: Fund,
    *,
    amount: int,
    entry_date: date,
    kind: str,
    description: str,
    actor,
    donation=None,
    bank_transaction=None,
    disbursement=None,
    corrects=None,
) -> LedgerEntry:
    """One entry; the caller holds the lock on ``fund`` (``_lock_fund``)."""
    if amount < 0:
        available = lowest_balance_from(fund, entry_date)
        if available + amount < 0:
            raise ValidationError(
                _(
                    "Số dư của quỹ không đủ: cần chi %(amount)s đồng, số dư thấp nhất từ ngày"
                    " %(date)s là %(balance)s đồng."
                )
                % {
                    "amount": format_money(-amount),
                    "date": entry_date.strftime("%d/%m/%Y"),
                    "balance": format_money(available),
                }
            )
    current = LedgerEntry.objects.filter(fund=fund).aggregate(s=Sum("amount"), last=Max("seq"))
    entry = LedgerEntry(
        fund=fund,
        seq=(current["last"] or 0) + 1,
        entry_date=entry_date,
        kind=kind,
        amount=amount,
        balance_after=(current["s"] or 0) + amount,
        description=str(description)[:300],
        donation=donation,
        bank_transaction=bank_transaction,
        disbursement=disbursement,
        corrects=corrects,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    entry.save()
    through_account = kind == EntryKind.TRANSFER_IN or (
        corrects is not None and corrects.kind == EntryKind.TRANSFER_IN
    )
    _add_to_days(
        fund.pk,
        {
            entry_date: DayTotals(
                entries=1,
                receipts=max(amount, 0),
                payments=max(-amount, 0),
                transfers_in=amount if through_account else 0,
            )
        },
    )
    return entry


DAY_FIELDS = ("entries", "receipts", "payments", "transfers_in", "bank_credits", "bank_debits")


class DayTotals(dict):
    """What one write adds to one day of a fund (``LedgerDay``'s counters)."""

    def __init__(self, **values: int):
        super().__init__(dict.fromkeys(DAY_FIELDS, 0), **values)

    def add(self, **values: int) -> None:
        for name, value in values.items():
            self[name] += value


DAY_SLICE = 500


def _add_to_days(fund_id: int, totals: dict[date, DayTotals]) -> None:
    """Add to the fund's day totals; the caller holds the lock on the fund (``_lock_fund``), so
    reading the rows and writing them back loses no other writer's amounts."""
    days = sorted(totals)
    for at in range(0, len(days), DAY_SLICE):
        chunk = days[at : at + DAY_SLICE]
        existing = {d.day: d for d in LedgerDay.objects.filter(fund_id=fund_id, day__in=chunk)}
        changed, created = [], []
        for day in chunk:
            row = existing.get(day)
            if row is None:
                created.append(LedgerDay(fund_id=fund_id, day=day, **totals[day]))
                continue
            for name, value in totals[day].items():
                setattr(row, name, getattr(row, name) + value)
            changed.append(row)
        LedgerDay.objects.bulk_create(created)
        LedgerDay.objects.bulk_update(changed, DAY_FIELDS)


def count_days(*, fund: Fund) -> dict[date, dict[str, int]]:
    """The day totals of the fund computed from its ledger and bank lines (what ``LedgerDay``
    must hold; days with nothing are absent)."""
    totals: dict[date, DayTotals] = {}
    entries = (
        LedgerEntry.objects.filter(fund=fund)
        .values("entry_date")
        .annotate(
            n=Count("pk"),
            receipts=Sum("amount", filter=Q(amount__gt=0), default=0),
            payments=Sum("amount", filter=Q(amount__lt=0), default=0),
            transfers_in=Sum(
                "amount",
                filter=Q(kind=EntryKind.TRANSFER_IN)
                | Q(kind=EntryKind.CORRECTION, corrects__kind=EntryKind.TRANSFER_IN),
                default=0,
            ),
        )
        .order_by()
    )
    for row in entries:
        totals.setdefault(row["entry_date"], DayTotals()).add(
            entries=row["n"],
            receipts=row["receipts"],
            payments=-row["payments"],
            transfers_in=row["transfers_in"],
        )
    lines = (
        BankTransaction.objects.filter(fund=fund)
        .values("booked_on")
        .annotate(credits=Sum("credit", default=0), debits=Sum("debit", default=0))
        .order_by()
    )
    for row in lines:
        totals.setdefault(row["booked_on"], DayTotals()).add(
            bank_credits=row["credits"], bank_debits=row["debits"]
        )
    return {day: dict(values) for day, values in totals.items()}


def recount_days(*, fund: Fund) -> None:
    """Rebuild the fund's day totals from its ledger and bank lines (after rows were written
    outside these services, as the benchmark's bulk load does). The ledger is not touched."""
    with transaction.atomic():
        fund = _lock_fund(fund.pk)
        LedgerDay.objects.filter(fund=fund).delete()
        _add_to_days(
            fund.pk, {day: DayTotals(**values) for day, values in count_days(fund=fund).items()}
        )


def correct_entry(*, entry: LedgerEntry, actor, reason: str, on: date | None = None) -> LedgerEntry:
    """A counter-entry that cancels ``entry`` (the ledger is never edited). A correction
    taking money out obeys the balance like any payment."""
    if not _may(actor, "funds.add_ledgerentry", entry):
        raise PermissionDenied(_("Chỉ thủ quỹ của quỹ mới ghi bút toán điều chỉnh."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do điều chỉnh.")})
    if entry.corrects_id or entry.kind == EntryKind.CORRECTION:
        raise ValidationError(_("Không điều chỉnh một bút toán điều chỉnh; ghi bút toán mới."))
    with transaction.atomic():
        fund = _lock_fund(entry.fund_id)
        if LedgerEntry.objects.filter(corrects=entry).exists():
            raise ValidationError(_("Bút toán này đã được điều chỉnh."))
        return _append(
            fund,
            amount=-entry.amount,
            entry_date=on or timezone.localdate(),
            kind=EntryKind.CORRECTION,
            description=_("Điều chỉnh bút toán số %(seq)s: %(reason)s")
            % {"seq": entry.seq, "reason": reason},
            actor=actor,
            corrects=entry,
        )


# --- bank statements ---------------------------------------------------------------------------


def _find_reference(description: str, known: dict[str, int]) -> int | None:
    squeezed = re.sub(r"[^A-Z0-9]", "", description.upper())
    for candidate in REFERENCE_PATTERN.findall(squeezed):
        if candidate in known:
            return known[candidate]
    return None


LOOKUP_SLICE = 10_000
INSERT_SLICE = 5_000
TRANSACTION_COLUMNS = (
    *("fund", "statement", "bank_reference", "booked_on"),
    *("credit", "debit", "description", "donation"),
)
RECEIPT_COLUMNS = (
    *("fund", "seq", "entry_date", "kind", "amount", "balance_after"),
    *("description", "bank_transaction", "created_by", "created_at"),
)


def _insert(model, field_names: tuple[str, ...], rows) -> None:
    """Plain INSERTs of many rows (``executemany``), for the statement import: building and
    saving 100,000 model instances through ``bulk_create`` cost most of a large import's time.
    The values are those the import has already checked; each goes through its field's own
    database conversion. Insert only: the ledger's append-only rule is about UPDATE and DELETE."""
    fields = [model._meta.get_field(name) for name in field_names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 — names from _meta
    prepare = [f.target_field if f.is_relation else f for f in fields]
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                [
                    None if value is None else field.get_db_prep_save(value, connection)
                    for field, value in zip(prepare, row, strict=True)
                ]
            )
            if len(batch) >= INSERT_SLICE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def import_statement(*, fund: Fund, content: bytes, file_name: str, actor) -> BankStatement:
    """Read a statement of the fund's account and add the transactions not yet imported.

    All or nothing: any problem (a missing column, a bad date or amount, a reference repeated in
    the file, or an already-imported reference whose date or amount differ) is reported, every
    one with its row and column, and nothing is written. A transaction already imported with the
    same date and amounts is skipped, so importing the same statement twice adds nothing.
    Credits are receipts of the ledger at once; a credit whose description holds a donation's
    reference code is matched to it, the rest wait for the treasurer to match them by hand.
    """
    if not _may(actor, "funds.add_bankstatement", fund):
        raise PermissionDenied(_("Chỉ thủ quỹ của quỹ mới nhập sao kê."))
    rows = parse_statement(content, format_code=fund.statement_format)
    with transaction.atomic():
        fund = _lock_fund(fund.pk)
        references = [r.bank_reference for r in rows]
        existing = {}
        # In slices: one IN list of 50,000 references is over some SQLite builds' variable limit.
        for at in range(0, len(references), LOOKUP_SLICE):
            existing.update(
                (ref, (booked, credit, debit))
                for ref, booked, credit, debit in BankTransaction.objects.filter(
                    fund=fund, bank_reference__in=references[at : at + LOOKUP_SLICE]
                ).values_list("bank_reference", "booked_on", "credit", "debit")
            )
        errors, new_rows = [], []
        for row in rows:
            before = existing.get(row.bank_reference)
            if before is None:
                new_rows.append(row)
            elif before != (row.booked_on, row.credit, row.debit):
                errors.append(
                    _(
                        "Dòng %(line)s: số tham chiếu “%(ref)s” đã được nhập trước đây với ngày hoặc"
                        " số tiền khác."
                    )
                    % {"line": row.line, "ref": row.bank_reference}
                )
        if errors:
            raise ValidationError(errors)
        today = timezone.localdate()
        if any(r.booked_on > today for r in new_rows):
            raise ValidationError(_("Sao kê có giao dịch ghi ngày sau hôm nay."))
        known = dict(
            Donation.objects.filter(
                campaign__fund=fund, channel=DonationChannel.TRANSFER
            ).values_list("reference", "pk")
        )
        statement = BankStatement.objects.create(
            fund=fund,
            file_name=file_name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            statement_format=fund.statement_format,
            first_date=min(r.booked_on for r in rows),
            last_date=max(r.booked_on for r in rows),
            rows_read=len(rows),
            rows_added=len(new_rows),
            imported_by=actor,
        )
        matched = {
            r.bank_reference: _find_reference(r.description, known) if r.credit else None
            for r in new_rows
        }
        _insert(
            BankTransaction,
            TRANSACTION_COLUMNS,
            (
                (
                    fund.pk,
                    statement.pk,
                    r.bank_reference,
                    r.booked_on,
                    r.credit,
                    r.debit,
                    r.description,
                    matched[r.bank_reference],
                )
                for r in new_rows
            ),
        )
        statement.rows_matched = sum(1 for donation_id in matched.values() if donation_id)
        statement.save(update_fields=["rows_matched"])
        current = LedgerEntry.objects.filter(fund=fund).aggregate(s=Sum("amount"), last=Max("seq"))
        balance, seq = current["s"] or 0, current["last"] or 0
        ids = dict(
            BankTransaction.objects.filter(statement=statement, credit__gt=0).values_list(
                "bank_reference", "pk"
            )
        )
        wording = _("Chuyển khoản: %(text)s")
        now = timezone.now()
        entries = []
        # Credits only add: no day's balance can fall, so they are written in one batch.
        for r in sorted(
            (r for r in new_rows if r.credit), key=lambda r: (r.booked_on, r.bank_reference)
        ):
            seq += 1
            balance += r.credit
            entries.append(
                (
                    fund.pk,
                    seq,
                    r.booked_on,
                    EntryKind.TRANSFER_IN,
                    r.credit,
                    balance,
                    (wording % {"text": r.description})[:300],
                    ids[r.bank_reference],
                    actor.pk,
                    now,
                )
            )
        _insert(
            LedgerEntry,
            RECEIPT_COLUMNS,
            entries,
        )
        days: dict[date, DayTotals] = {}
        for r in new_rows:
            totals = days.setdefault(r.booked_on, DayTotals())
            totals.add(bank_credits=r.credit, bank_debits=r.debit)
            if r.credit:
                totals.add(entries=1, receipts=r.credit, transfers_in=r.credit)
        _add_to_days(fund.pk, days)
    return statement


def match_transaction(
    *, bank_transaction: BankTransaction, donation: Donation, actor
) -> BankTransaction:
    """The treasurer names the gift behind a credit the reference code did not match."""
    if not _may(actor, "funds.match_banktransaction", bank_transaction):
        raise PermissionDenied(_("Chỉ thủ quỹ của quỹ mới đối chiếu giao dịch."))
    if not bank_transaction.credit:
        raise ValidationError(_("Chỉ giao dịch ghi có mới là khoản ủng hộ."))
    if donation.campaign.fund_id != bank_transaction.fund_id:
        raise ValidationError({"donation": _("Khoản ủng hộ thuộc quỹ khác.")})
    if donation.channel != DonationChannel.TRANSFER:
        raise ValidationError({"donation": _("Khoản ủng hộ này nộp bằng tiền mặt.")})
    with transaction.atomic():
        locked = BankTransaction.objects.select_for_update().get(pk=bank_transaction.pk)
        if locked.donation_id:
            raise ValidationError(_("Giao dịch đã được đối chiếu với một khoản ủng hộ."))
        locked.donation = donation
        locked.save(update_fields=["donation"])
    return locked


# --- disbursements -----------------------------------------------------------------------------


def propose_disbursement(
    *,
    fund: Fund,
    actor,
    recipient_kind: str,
    purpose: str,
    amount: int,
    commune=None,
    target_fund=None,
    campaign=None,
    recipient_name: str = "",
    household_consent: bool = False,
    is_sample: bool = False,
) -> Disbursement:
    if not _may(actor, "funds.add_disbursement", fund):
        raise PermissionDenied(_("Chỉ thủ quỹ hoặc thành viên Ban điều hành mới đề xuất chi."))
    _checked_amount(amount)
    if campaign is not None and campaign.fund_id != fund.pk:
        raise ValidationError({"campaign": _("Đợt vận động thuộc quỹ khác.")})
    if recipient_kind != RecipientKind.FUND:
        target_fund = None
    disbursement = Disbursement(
        fund=fund,
        campaign=campaign,
        recipient_kind=recipient_kind,
        purpose=purpose,
        commune=commune,
        target_fund=target_fund,
        recipient_name=recipient_name,
        household_consent=household_consent,
        amount=amount,
        proposed_by=actor,
        is_sample=is_sample,
    )
    disbursement.full_clean()
    with transaction.atomic():
        disbursement.save()
        record_event(disbursement, workflow=DISBURSEMENT_WORKFLOW, actor=actor, from_status="")
    return disbursement


def _board_check(actor, fund_id):
    def check(locked: Disbursement) -> None:
        # ``transition`` has already refused a disbursement not awaiting a decision, so the
        # rule fails here only for a non-member of the board or a board member who proposed it.
        if _may(actor, "funds.approve_disbursement", locked):
            return
        if (
            locked.proposed_by_id is not None
            and locked.proposed_by_id == getattr(actor, "pk", None)
            and is_board_member(actor, locked)
        ):
            raise PermissionDenied(_("Người đề xuất không tự phê duyệt khoản chi của mình."))
        raise PermissionDenied(_("Chỉ thành viên Ban điều hành quỹ mới quyết định khoản chi."))

    return check


def approve_disbursement(
    *, disbursement: Disbursement, actor, publish_recipient: bool = False, reason: str = ""
) -> Disbursement:
    """The board's decision. ``publish_recipient``: the board approves showing the
    recipient's name on the public statement (only with the household's consent)."""

    def apply(locked: Disbursement):
        if publish_recipient and not (locked.recipient_name and locked.household_consent):
            raise ValidationError(
                {"publish_recipient": _("Chỉ công khai tên người nhận khi hộ đã đồng ý.")}
            )
        locked.publish_recipient = publish_recipient
        return ["publish_recipient"]

    event = transition(
        disbursement,
        workflow=DISBURSEMENT_WORKFLOW,
        to=DisbursementStatus.APPROVED,
        actor=actor,
        reason=reason,
        check=_board_check(actor, disbursement.fund_id),
        apply=apply,
        select_related=["fund"],
    )
    return event.subject


def refuse_disbursement(*, disbursement: Disbursement, actor, reason: str) -> Disbursement:
    if not " ".join((reason or "").split()):
        raise ValidationError({"reason": _("Ghi lý do không phê duyệt.")})
    event = transition(
        disbursement,
        workflow=DISBURSEMENT_WORKFLOW,
        to=DisbursementStatus.REFUSED,
        actor=actor,
        reason=reason,
        check=_board_check(actor, disbursement.fund_id),
        select_related=["fund"],
    )
    return event.subject


def pay_disbursement(
    *,
    disbursement: Disbursement,
    actor,
    paid_on: date,
    method: str,
    evidence=None,
    evidence_note: str = "",
) -> Disbursement:
    """The treasurer pays an approved disbursement, with its voucher: the ledger entry is
    written under the fund's lock and refused if any day's balance from ``paid_on`` on would
    fall below zero."""
    if not (evidence or (evidence_note or "").strip()):
        raise ValidationError({"evidence": _("Đính kèm chứng từ chi hoặc ghi số chứng từ.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Ngày chi không được sau hôm nay.")})

    def check(locked: Disbursement) -> None:
        if not _may(actor, "funds.pay_disbursement", locked):
            raise PermissionDenied(_("Chỉ thủ quỹ của quỹ mới ghi chi."))

    def apply(locked: Disbursement):
        fund = _lock_fund(locked.fund_id)
        _append(
            fund,
            amount=-locked.amount,
            entry_date=paid_on,
            kind=EntryKind.DISBURSEMENT,
            description=locked.purpose,
            actor=actor,
            disbursement=locked,
        )
        locked.paid_on = paid_on
        locked.method = method
        locked.evidence_note = " ".join((evidence_note or "").split())[:255]
        fields = ["paid_on", "method", "evidence_note"]
        if evidence:
            locked.evidence = evidence
            fields.append("evidence")
        return fields

    event = transition(
        disbursement,
        workflow=DISBURSEMENT_WORKFLOW,
        to=DisbursementStatus.PAID,
        actor=actor,
        check=check,
        apply=apply,
        select_related=["fund"],
    )
    return event.subject
