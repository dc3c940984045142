"""Reads. Every function that returns rows to a person takes the user and filters to their scope.

A holder's officer reaches the stock and dispatches of the organisations in their reach
(``organisations_for_user``: their own and, for a district, the communes under it); a commune
officer therefore sees only what was sent to their commune. The province administrator reaches
all. Titles are published material: every staff member reads them; the public library shows
the public ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from giamngheo.core.workdays import add_working_days
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import Organisation
from giamngheo.organisations.selectors import (
    is_province_admin,
    is_staff_member,
    organisations_for_user,
    user_roles,
)

from .enums import Audience, DispatchStatus
from .models import Dispatch, Edition, Movement, PrintRun, Title


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


# --- balances --------------------------------------------------------------------------------


def balances_for_user(*, user, on: date) -> QuerySet:
    """Copies per holder and title at the end of ``on``, for the holders in the user's reach:
    one aggregate query (rows of ``holder_id``, ``holder_name``, ``title_id``, ``title_name``,
    ``copies``; zero balances left out), to be paginated by the screen."""
    return (
        Movement.objects.filter(holder__in=holders_for_user(user=user).values("pk"), on__lte=on)
        .values(
            "holder_id",
            holder_name=F("holder__name"),
            title_id=F("print_run__edition__title_id"),
            title_name=F("print_run__edition__title__name"),
        )
        .annotate(copies=Sum("delta"))
        .exclude(copies=0)
        .order_by("holder_name", "title_name")
    )


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
