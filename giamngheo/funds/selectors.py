"""Reads of the fund: the scoped accessors every staff request goes through, and the public
views of a campaign, a gift and a fund's statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.cache import memoised
from giamngheo.organisations import selectors as org_selectors

from .enums import DisbursementStatus, EntryKind, FundMemberRole
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


def _anonymous(user) -> bool:
    return user is None or not getattr(user, "is_authenticated", False)


def fund_roles(*, user, on: date | None = None) -> QuerySet[FundMember]:
    """The user's roles in funds, through memberships in force on ``on`` (today)."""
    if _anonymous(user):
        return FundMember.objects.none()
    on = on or timezone.localdate()
    return FundMember.objects.filter(
        membership__in=org_selectors.active_memberships(user=user, on=on)
    )


def is_fund_member(*, user, fund: Fund, role: str | None = None) -> bool:
    roles = fund_roles(user=user).filter(fund=fund)
    if role:
        roles = roles.filter(role=role)
    return roles.exists()


def funds_for_user(*, user) -> QuerySet[Fund]:
    """The funds a staff user keeps or governs; the province administrator sees every fund."""
    if _anonymous(user):
        return Fund.objects.none()
    if org_selectors.is_province_admin(user=user):
        return Fund.objects.all()
    return Fund.objects.filter(pk__in=fund_roles(user=user).values("fund_id"))


def get_fund_for_user(*, user, pk) -> Fund:
    try:
        return funds_for_user(user=user).select_related("organisation").get(pk=pk)
    except (Fund.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def disbursements_for_user(*, user) -> QuerySet[Disbursement]:
    return Disbursement.objects.filter(fund__in=funds_for_user(user=user)).select_related(
        "fund", "commune"
    )


def todo_counts(*, user) -> dict[str, int]:
    """What waits for this user on the dashboard, by the roles held today: proposals to decide
    (a board member's funds), approved disbursements to pay (a treasurer's). One query."""
    roles = fund_roles(user=user)
    board = roles.filter(role=FundMemberRole.BOARD).values("fund_id")
    treasurer = roles.filter(role=FundMemberRole.TREASURER).values("fund_id")
    return Disbursement.objects.aggregate(
        to_decide=Count("pk", filter=Q(status=DisbursementStatus.PROPOSED, fund__in=board)),
        to_pay=Count("pk", filter=Q(status=DisbursementStatus.APPROVED, fund__in=treasurer)),
    )


def get_disbursement_for_user(*, user, pk) -> Disbursement:
    try:
        return disbursements_for_user(user=user).get(pk=pk)
    except (Disbursement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def donations_for_user(*, user) -> QuerySet[Donation]:
    return Donation.objects.filter(campaign__fund__in=funds_for_user(user=user)).select_related(
        "campaign"
    )


def campaigns_for_user(*, user) -> QuerySet[Campaign]:
    return Campaign.objects.filter(fund__in=funds_for_user(user=user)).select_related("fund")


def get_campaign_for_user(*, user, pk) -> Campaign:
    try:
        return campaigns_for_user(user=user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def transactions_for_user(*, user) -> QuerySet[BankTransaction]:
    return BankTransaction.objects.filter(fund__in=funds_for_user(user=user)).select_related(
        "donation"
    )


def get_transaction_for_user(*, user, pk) -> BankTransaction:
    try:
        return transactions_for_user(user=user).select_related("fund").get(pk=pk)
    except (BankTransaction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def statements_for_user(*, user) -> QuerySet[BankStatement]:
    return BankStatement.objects.filter(fund__in=funds_for_user(user=user))


def entries_for_user(*, user) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(fund__in=funds_for_user(user=user))


def get_entry_for_user(*, user, pk) -> LedgerEntry:
    try:
        return entries_for_user(user=user).select_related("fund").get(pk=pk)
    except (LedgerEntry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def balance(*, fund: Fund, on: date | None = None) -> int:
    entries = LedgerEntry.objects.filter(fund=fund)
    if on is not None:
        entries = entries.filter(entry_date__lte=on)
    return entries.aggregate(s=Sum("amount"))["s"] or 0


# --- public ------------------------------------------------------------------------------------


def default_statement_year(*, fund: Fund, today: date | None = None) -> int:
    """The year a statement opens on: the year of the fund's last entry up to today (a fund
    quiet this year still shows what it last did), else this year. One query."""
    today = today or timezone.localdate()
    last = (
        LedgerDay.objects.filter(fund=fund, day__lte=today, entries__gt=0)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return last.year if last else today.year


def public_funds() -> QuerySet[Fund]:
    return Fund.objects.select_related("organisation").order_by("name")


def get_public_fund(*, slug: str) -> Fund:
    try:
        return public_funds().get(slug=slug)
    except Fund.DoesNotExist:
        raise Http404 from None


def get_public_campaign(*, slug: str) -> Campaign:
    try:
        return (
            Campaign.objects.select_related("fund", "fund__organisation")
            .annotate(
                received=Coalesce(
                    Sum(
                        "fund__entries__amount",
                        filter=Q(fund__entries__kind__in=[EntryKind.TRANSFER_IN, EntryKind.CASH_IN])
                        & (
                            Q(fund__entries__donation__campaign=F("pk"))
                            | Q(fund__entries__bank_transaction__donation__campaign=F("pk"))
                        ),
                    ),
                    0,
                )
            )
            .get(slug=slug)
        )
    except Campaign.DoesNotExist:
        raise Http404 from None


def get_donation_by_reference(*, reference: str) -> Donation:
    """A donor's own gift, found by the code they were given (the code is the key: it is
    random, never listed, and the page shows no more than the public statement does)."""
    code = "".join((reference or "").split()).upper()
    try:
        return (
            Donation.objects.select_related("campaign", "campaign__fund")
            .annotate(
                received_transfer=Coalesce(Sum("transactions__credit"), 0),
            )
            .get(reference=code)
        )
    except Donation.DoesNotExist:
        raise Http404 from None


def received_for(*, donation: Donation) -> int:
    cash = LedgerEntry.objects.filter(donation=donation).aggregate(s=Sum("amount"))["s"] or 0
    return cash + (getattr(donation, "received_transfer", None) or 0)


PUBLIC_PAGE_SIZE = 100
ANONYMOUS = "anonymous"


@dataclass
class Statement:
    fund: Fund
    start: date
    end: date
    opening: int
    receipts: int
    payments: int
    closing: int
    bank_credits: int
    bank_debits: int
    ledger_transfers_in: int
    statements_cover: bool
    entries: int = 0  # ledger entries in the period: the public lines, for the pager
    # (day, entries that day) for the period's days with entries, in order: where a page starts
    days: tuple[tuple[date, int], ...] = ()

    @property
    def credit_difference(self) -> int:
        return self.ledger_transfers_in - self.bank_credits

    @property
    def reconciles(self) -> bool:
        return self.credit_difference == 0


def public_statement(*, fund: Fund, start: date, end: date) -> Statement:
    """Opening and closing balances, totals in and out, and the same period's imported bank
    statements (credits against our transfer receipts), read from the fund's day totals
    (``LedgerDay``, one row a day, written with the entries): three small queries whatever the
    number of entries. Summing and counting the entries themselves cost the statement of a fund
    with 100,000 entries about 170 ms on PostgreSQL before a page was drawn.

    Kept in this process until the next write to the fund's tables (``core.cache.memoised``,
    purged with the pages, ``FundsConfig.ready``): every page of one period shows the same
    summary, so paging through a long statement computes it once.
    """
    return memoised(
        ("funds.public_statement", fund.pk, start, end),
        lambda: _public_statement(fund=fund, start=start, end=end),
    )


def _public_statement(*, fund: Fund, start: date, end: date) -> Statement:
    days = LedgerDay.objects.filter(fund=fund)
    before = days.filter(day__lt=start).aggregate(
        receipts=Coalesce(Sum("receipts"), 0), payments=Coalesce(Sum("payments"), 0)
    )
    opening = before["receipts"] - before["payments"]
    inside = list(
        days.filter(day__gte=start, day__lte=end)
        .order_by("day")
        .values_list(
            "day",
            "entries",
            "receipts",
            "payments",
            "transfers_in",
            "bank_credits",
            "bank_debits",
        )
    )
    receipts = sum(row[2] for row in inside)
    payments = sum(row[3] for row in inside)
    covered = BankStatement.objects.filter(
        fund=fund, first_date__lte=start, last_date__gte=end
    ).exists()
    return Statement(
        fund=fund,
        start=start,
        end=end,
        opening=opening,
        receipts=receipts,
        payments=payments,
        closing=opening + receipts - payments,
        bank_credits=sum(row[5] for row in inside),
        bank_debits=sum(row[6] for row in inside),
        ledger_transfers_in=sum(row[4] for row in inside),
        statements_cover=covered,
        entries=sum(row[1] for row in inside),
        days=tuple((row[0], row[1]) for row in inside if row[1]),
    )


PUBLIC_LINE_FIELDS = (
    "seq",
    "entry_date",
    "kind",
    "amount",
    "balance_after",
    "description",
    "donor",
    "anonymous",
    "reference",
    "commune_name",
    "recipient",
)


def _public_values(entries: QuerySet) -> QuerySet:
    donor_name = Coalesce(F("donation__donor_name"), F("bank_transaction__donation__donor_name"))
    anonymous = Coalesce(F("donation__is_anonymous"), F("bank_transaction__donation__is_anonymous"))
    return (
        entries.annotate(anonymous=anonymous)
        .annotate(
            donor=Case(When(anonymous=True, then=Value(ANONYMOUS)), default=donor_name),
            reference=Coalesce(
                F("donation__reference"), F("bank_transaction__donation__reference")
            ),
            commune_name=F("disbursement__commune__name"),
            recipient=Case(
                When(disbursement__publish_recipient=True, then=F("disbursement__recipient_name")),
                default=Value(""),
            ),
        )
        .values(*PUBLIC_LINE_FIELDS)
        .order_by("entry_date", "seq")
    )


def public_lines(*, fund: Fund, start: date, end: date) -> QuerySet:
    """Every entry of the period as the public may see it: date, amount, the donor's public
    name (or "anonymous"), the purpose and commune of a payment; never a household's name unless
    the board approved publishing it. Values only (the CSV and XLSX iterate it)."""
    return _public_values(
        LedgerEntry.objects.filter(fund=fund, entry_date__gte=start, entry_date__lte=end)
    )


class StatementLines:
    """The ids of a period's entries in the statement's order, as the pager slices them.

    A page starts at its day: the day totals (``Statement.days``) say which day holds the
    page's first line and how many lines of that day come before it, so the query seeks to that
    day on the ledger's (fund, date, seq) index and skips at most one day's entries, not every
    entry of the period before the page (the OFFSET that made the last page of a 100,000-entry
    statement the slowest)."""

    def __init__(self, statement: Statement):
        self.statement = statement

    def count(self) -> int:
        return self.statement.entries

    def __len__(self) -> int:
        return self.statement.entries

    def __getitem__(self, bounds: slice) -> list[int]:
        first, stop = bounds.start or 0, bounds.stop
        if stop is None or stop <= first:
            return []
        summary, before, day = self.statement, 0, None
        for on, entries in summary.days:
            if first < before + entries:
                day = on
                break
            before += entries
        if day is None:
            return []
        skip = first - before
        return list(
            LedgerEntry.objects.filter(
                fund=summary.fund, entry_date__gte=day, entry_date__lte=summary.end
            )
            .order_by("entry_date", "seq")
            .values_list("pk", flat=True)[skip : skip + stop - first]
        )


def public_lines_by_ids(ids) -> list[dict]:
    """One page of public lines (ids from ``StatementLines``): one query, joins for these rows
    only."""
    ids = list(ids)
    if not ids:
        return []
    return list(_public_values(LedgerEntry.objects.filter(pk__in=ids)))


def line_name(line) -> str:
    """Who a public line names: the donor's public name ("anonymous" when they chose it) for a
    receipt; for a payment, the recipient only when the board approved publishing the name."""
    if line["donor"] == ANONYMOUS:
        return _("Nhà hảo tâm không nêu tên")
    if line["amount"] > 0:
        return line["donor"] or _("Chưa đối chiếu người ủng hộ")
    return line["recipient"] or ""


def measure_donations(activities, *, start, end, value: str):
    """Per campaign activity: gifts received in the period (ledger receipts dated inside it)."""
    receipts = (
        LedgerEntry.objects.filter(
            kind__in=[EntryKind.TRANSFER_IN, EntryKind.CASH_IN],
            entry_date__gte=start,
            entry_date__lte=end,
        )
        .annotate(
            activity_id=Coalesce(
                F("donation__campaign__activity_id"),
                F("bank_transaction__donation__campaign__activity_id"),
            ),
            donation_id_any=Coalesce(F("donation_id"), F("bank_transaction__donation_id")),
            donor_any=Coalesce(
                F("donation__donor_name"), F("bank_transaction__donation__donor_name")
            ),
        )
        .filter(activity_id__in=activities.values("pk"))
    )
    aggregate = {
        "donations": Count("donation_id_any", distinct=True),
        "donors": Count("donor_any", distinct=True),
        "amount": Sum("amount"),
    }[value]
    rows = receipts.values("activity_id").annotate(total=aggregate).order_by()
    return {row["activity_id"]: row["total"] or 0 for row in rows}


def measure_disbursements(activities, *, start, end, households_only: bool):
    paid = Disbursement.objects.filter(
        status=DisbursementStatus.PAID,
        paid_on__gte=start,
        paid_on__lte=end,
        campaign__activity__in=activities.values("pk"),
    )
    if households_only:
        paid = paid.filter(recipient_kind="household")
    rows = paid.values("campaign__activity_id").annotate(total=Count("pk")).order_by()
    return {row["campaign__activity_id"]: row["total"] for row in rows}


def get_scoped(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
