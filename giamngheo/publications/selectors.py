"""Reads. Every function that returns rows to a person takes the user and filters to their scope.

A holder's officer reaches the stock and dispatches of the organisations in their reach
(``organisations_for_user``: their own and, for a district, the communes under it); a commune
officer therefore sees only what was sent to their commune. The province administrator reaches
all. Titles are published material: every staff member reads them; the public library shows
the public ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workdays import add_working_days
from giamngheo.organisations.enums import Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.selectors import (
    is_province_admin,
    is_staff_member,
    organisations_for_user,
    user_roles,
)
from giamngheo.planning.enums import FormKind, ItemKind
from giamngheo.planning.models import Activity, BudgetLine, PlanItem
from giamngheo.planning.selectors import activities_for_user

from .enums import Audience, DispatchStatus, MovementKind
from .models import Dispatch, DispatchPlan, DispatchPlanLine, Edition, Movement, PrintRun, Title


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


# Roles that hold and pass on printed copies. A portal editor or a juror of the department holds
# nothing: their membership does not open the store.
STOCK_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.UNIT_OFFICER, Role.APPROVER})


def holders_for_user(*, user) -> QuerySet[Organisation]:
    if not (is_province_admin(user=user) or user_roles(user=user) & STOCK_ROLES):
        return Organisation.objects.none()
    return organisations_for_user(user=user)


# --- titles ----------------------------------------------------------------------------------


def titles_for_user(*, user) -> QuerySet[Title]:
    if not is_staff_member(user=user):
        return Title.objects.none()
    return Title.objects.select_related("kind", "publisher")


def get_title_for_user(*, user, pk) -> Title:
    title = titles_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if title is None:
        raise Http404
    return title


def public_titles() -> QuerySet[Title]:
    """The library: public titles that have at least one edition, with their editions."""
    return (
        Title.objects.filter(audience=Audience.PUBLIC, editions__isnull=False)
        .distinct()
        .select_related("kind", "publisher")
        .prefetch_related("editions", "themes")
        .order_by("-pk")
    )


def get_public_edition(*, pk) -> Edition:
    edition = (
        Edition.objects.filter(pk=pk, title__audience=Audience.PUBLIC)
        .exclude(file="")
        .select_related("title")
        .first()
        if _pk(pk)
        else None
    )
    if edition is None:
        raise Http404
    return edition


def get_public_edition_cover(*, pk) -> Edition:
    edition = (
        Edition.objects.filter(pk=pk, title__audience=Audience.PUBLIC).exclude(cover="").first()
        if _pk(pk)
        else None
    )
    if edition is None:
        raise Http404
    return edition


# --- print runs and dispatches ---------------------------------------------------------------


def print_runs_for_user(*, user) -> QuerySet[PrintRun]:
    """Print runs delivered into a store in the user's reach, or of which a holder in their
    reach has held copies (a district passing on what it received)."""
    holders = holders_for_user(user=user).values("pk")
    held = Movement.objects.filter(print_run=OuterRef("pk"), holder__in=holders)
    return PrintRun.objects.filter(Q(store__in=holders) | Exists(held)).select_related(
        "edition__title", "activity", "store"
    )


def get_print_run_for_user(*, user, pk) -> PrintRun:
    run = print_runs_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if run is None:
        raise Http404
    return run


def dispatches_for_user(*, user) -> QuerySet[Dispatch]:
    """Dispatches sent from or to a holder in the user's reach."""
    holders = holders_for_user(user=user).values("pk")
    return Dispatch.objects.filter(Q(sender__in=holders) | Q(recipient__in=holders)).select_related(
        "print_run__edition__title", "sender", "recipient"
    )


def get_dispatch_for_user(*, user, pk) -> Dispatch:
    found = dispatches_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if found is None:
        raise Http404
    return found


def awaiting_confirmation(*, user, today: date, overdue_after: int) -> list[Dispatch]:
    """Dispatches in transit, each with ``overdue`` set when more than ``overdue_after``
    working days have passed since it was sent. One query."""
    found = list(
        dispatches_for_user(user=user)
        .filter(status=DispatchStatus.IN_TRANSIT)
        .order_by("dispatched_on", "pk")
    )
    for item in found:
        item.due_on = add_working_days(item.dispatched_on, overdue_after)
        item.overdue = today > item.due_on
    return found


def receipts_to_confirm(*, user, today: date, overdue_after: int) -> tuple[int, int]:
    """The dashboard's count for a receiving organisation's officers: deliveries in transit to
    an organisation the user belongs to today, and how many of them are overdue (more than
    ``overdue_after`` working days since sent, as the awaiting list marks them). Two queries:
    the deliveries' dates, and the calendar's working-day exceptions (core.workdays)."""
    organisations = Membership.objects.valid_on(today).filter(user=user).values("organisation_id")
    sent = Dispatch.objects.filter(
        status=DispatchStatus.IN_TRANSIT, recipient_id__in=organisations
    ).values_list("dispatched_on", flat=True)
    days = list(sent)
    overdue = sum(1 for day in days if today > add_working_days(day, overdue_after))
    return len(days), overdue


# --- balances --------------------------------------------------------------------------------


def balances_for_user(*, user, on: date) -> Sequence[dict]:
    """Copies per holder and title at the end of ``on``, for the holders in the user's reach:
    rows of ``holder_id``, ``holder_name``, ``title_id``, ``title_name``, ``copies`` (zero
    balances left out), by holder then title, to be paginated by the screen. Three queries
    whatever the size of the ledger.

    Why not one aggregate joined to the names: grouping 10,000 movements joined to the
    organisation, print run, edition and title rows cost two such aggregates (the page and its
    count) of 40–50 ms each on SQLite. Here the database only sums the movement table by
    (holder, print run) — an index-only scan of ``movement_balance_idx``, which holds every
    column it reads — and the few print runs and holders are named and folded into titles in
    Python, where counting the rows for the pages costs nothing."""
    holders = holders_for_user(user=user)
    sums = (
        Movement.objects.filter(holder__in=holders.values("pk"), on__lte=on)
        .values_list("holder_id", "print_run_id")
        .annotate(copies=Sum("delta"))
        .order_by()
    )
    totals: dict[tuple[int, int], int] = {}
    runs: set[int] = set()
    for holder_id, run_id, copies in sums:
        runs.add(run_id)
        totals[(holder_id, run_id)] = copies
    if not totals:
        return BalanceRows([])
    titles = {
        run_id: (title_id, name)
        for run_id, title_id, name in PrintRun.objects.filter(pk__in=runs).values_list(
            "pk", "edition__title_id", "edition__title__name"
        )
    }
    by_title: dict[tuple[int, int], int] = {}
    for (holder_id, run_id), copies in totals.items():
        key = (holder_id, titles[run_id][0])
        by_title[key] = by_title.get(key, 0) + copies
    names = dict(
        holders.filter(pk__in={holder for holder, _title in by_title}).values_list("pk", "name")
    )
    title_names = dict(titles.values())
    rows = [
        (names[holder_id], title_names[title_id], holder_id, title_id, copies)
        for (holder_id, title_id), copies in by_title.items()
        if copies
    ]
    rows.sort()
    return BalanceRows(rows)


class BalanceRows(Sequence):
    """The sorted balance rows, each made a dict only when a page asks for it (a page shows 100
    of the 4,000 rows of a province)."""

    def __init__(self, rows: list[tuple]):
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(r) for r in self._rows[index]]
        return self._row(self._rows[index])

    @staticmethod
    def _row(row: tuple) -> dict:
        holder_name, title_name, holder_id, title_id, copies = row
        return {
            "holder_id": holder_id,
            "holder_name": holder_name,
            "title_id": title_id,
            "title_name": title_name,
            "copies": copies,
        }


@dataclass(frozen=True)
class PlaceToGet:
    unit: str
    holder: str
    title: str
    copies: int


def where_to_get_a_copy(*, on: date) -> list[PlaceToGet]:
    """Public: the commune bodies (and districts) holding copies of public titles on ``on``,
    from the ledger — only confirmed receipts reach a recipient's stock. One query."""
    rows = (
        Movement.objects.filter(
            on__lte=on,
            print_run__edition__title__audience=Audience.PUBLIC,
            holder__unit__level__in=("district", "commune"),
        )
        .values("holder__unit__name", "holder__name", "print_run__edition__title__name")
        .annotate(copies=Sum("delta"))
        .order_by("holder__unit__name", "print_run__edition__title__name")
    )
    return [
        PlaceToGet(
            unit=r["holder__unit__name"],
            holder=r["holder__name"],
            title=r["print_run__edition__title__name"],
            copies=r["copies"],
        )
        for r in rows
        if r["copies"] > 0
    ]


def recipient_emails(*, organisation_ids) -> dict[int, list[str]]:
    """``{organisation id: [e-mail]}`` of the active officers who hold stock for each
    organisation today (those who confirm its receipts). One query."""
    result: dict[int, list[str]] = {}
    rows = (
        Membership.objects.valid_on(timezone.localdate())
        .filter(
            organisation_id__in=list(organisation_ids),
            role__in=list(STOCK_ROLES),
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
        .distinct()
    )
    for org_id, email in rows:
        result.setdefault(org_id, []).append(email)
    return result


# --- dispatch plans --------------------------------------------------------------------------


def plans_for_user(*, user) -> QuerySet[DispatchPlan]:
    """Dispatch plans whose sender is a holder in the user's reach."""
    return DispatchPlan.objects.filter(
        sender__in=holders_for_user(user=user).values("pk")
    ).select_related("print_run__edition__title", "sender", "area")


def get_plan_for_user(*, user, pk) -> DispatchPlan:
    found = plans_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if found is None:
        raise Http404
    return found


def plan_lines(*, plan: DispatchPlan) -> list[DispatchPlanLine]:
    return list(plan.lines.select_related("recipient__unit", "dispatch").order_by("pk"))


def districts_in_force(*, on: date) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.valid_on(on).filter(level=UnitLevel.DISTRICT).order_by("name")


def editions_for_user(*, user) -> QuerySet[Edition]:
    """Editions of the titles published by a holder in the user's reach (to print them)."""
    return Edition.objects.filter(
        title__publisher__in=holders_for_user(user=user).values("pk")
    ).select_related("title")


def districts() -> QuerySet[AdministrativeUnit]:
    """Every district, in force or closed since (a 2023 plan is sent to 2023's districts): the
    service checks the one chosen is in force on the planned day."""
    return AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT).order_by("name", "pk")


def content_items() -> QuerySet[PlanItem]:
    return (
        PlanItem.objects.filter(kind=ItemKind.CONTENT)
        .select_related("plan")
        .order_by("plan_id", "code")
    )


def publication_activities(*, user) -> QuerySet[Activity]:
    """Activities in the user's planning scope that serve the publications form (2.5)."""
    return activities_for_user(user=user).filter(form__form_kind=FormKind.PUBLICATIONS)


def publication_budget_lines(*, user) -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.filter(activity__in=publication_activities(user=user).values("pk"))
        .select_related("activity", "funding_source")
        .order_by("activity_id", "funding_source__code")
    )


# --- the distribution report of a title ----------------------------------------------------------


@dataclass
class ReportRow:
    holder: str
    printed: int = 0
    dispatched: int = 0
    confirmed: int = 0
    handed_out: int = 0
    damaged_or_lost: int = 0
    adjusted: int = 0
    in_stock: int = 0
    in_transit_to: int = 0


@dataclass
class DistributionReport:
    title: Title
    on: date
    editions: list[str]
    rows: list[ReportRow]
    total: ReportRow


_REPORT_COLUMN = {
    MovementKind.PRINTED_IN: "printed",
    MovementKind.DISPATCHED: "dispatched",
    MovementKind.RECEIVED: "confirmed",
    MovementKind.HANDED_OUT: "handed_out",
    MovementKind.DAMAGED: "damaged_or_lost",
    MovementKind.LOST: "damaged_or_lost",
    MovementKind.STOCK_COUNT: "adjusted",
    MovementKind.CORRECTION: "adjusted",
}


def distribution_report(*, user, title: Title, on: date | None = None) -> DistributionReport:
    """Per holder in the user's reach: copies printed into it, dispatched from it, confirmed on
    receipt, handed out, damaged or lost, adjusted (counts, corrections), in stock, and still in
    transit to it — of all the print runs of ``title`` up to ``on``. Three queries."""
    return _distribution_report(
        title=title, holders=holders_for_user(user=user).values("pk"), on=on
    )


def distribution_report_of_province(*, title: Title) -> DistributionReport:
    """The same over every holder: for ``manage.py render_document`` (an operator's command,
    not a request)."""
    return _distribution_report(title=title, holders=Organisation.objects.values("pk"), on=None)


def _distribution_report(*, title: Title, holders, on: date | None) -> DistributionReport:
    on = on or timezone.localdate()
    sums = (
        Movement.objects.filter(print_run__edition__title=title, holder__in=holders, on__lte=on)
        .values("holder_id", "holder__name", "kind")
        .annotate(copies=Sum("delta"))
        .order_by()
    )
    rows: dict[int, ReportRow] = {}
    for r in sums:
        row = rows.setdefault(r["holder_id"], ReportRow(holder=r["holder__name"]))
        column = _REPORT_COLUMN[r["kind"]]
        copies = r["copies"] if column == "adjusted" else abs(r["copies"])
        setattr(row, column, getattr(row, column) + copies)
        row.in_stock += r["copies"]
    transit = (
        Dispatch.objects.filter(
            Q(status=DispatchStatus.IN_TRANSIT) | Q(received_on__gt=on),
            print_run__edition__title=title,
            recipient__in=holders,
            dispatched_on__lte=on,
        )
        .values("recipient_id", "recipient__name")
        .annotate(copies=Sum("quantity"))
        .order_by()
    )
    for r in transit:
        row = rows.setdefault(r["recipient_id"], ReportRow(holder=r["recipient__name"]))
        row.in_transit_to += r["copies"]
    ordered = sorted(rows.values(), key=lambda row: (-row.printed, row.holder))
    total = ReportRow(holder=str(_("Cộng")))
    for row in ordered:
        for name in (
            "printed",
            "dispatched",
            "confirmed",
            "handed_out",
            "damaged_or_lost",
            "adjusted",
            "in_stock",
            "in_transit_to",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    editions = [e.get_language_display() for e in title.editions.order_by("language")]
    return DistributionReport(title=title, on=on, editions=editions, rows=ordered, total=total)
