"""Writes of the publications app. Every change of a holder's stock goes through ``append``,
the one function that inserts a ledger row; every change of a dispatch's status through
``core.workflow.transition``.

Why the lock: "no balance is ever negative, at any date" is a property of all the rows of one
holder and print run together, so two writers that each see enough stock could together take
it below zero. Each write therefore locks the print run's row first (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite every transaction is ``BEGIN IMMEDIATE``, one writer at a time), then
reads the holder's running balance at every date from the movement's own onwards and refuses an
outgoing movement that would take any of them below zero. A backdated dispatch is checked
against the later days too, where a plain "balance today" check would let it through.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.models import Membership, Organisation
from giamngheo.organisations.selectors import organisations_for_user
from giamngheo.planning.models import Activity, BudgetLine
from giamngheo.planning.selectors import activities_for_user

from .enums import (
    DISPATCH_WORKFLOW,
    LOCAL_KINDS,
    MOVEMENT_SIGN,
    DispatchStatus,
    MovementKind,
)
from .models import MAX_COPIES, Dispatch, Edition, Movement, PrintRun, PublicationKind, Title


def _reason(text: str) -> str:
    return normalize_text(text or "").strip()


def _check_quantity(quantity, *, field: str = "quantity") -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({field: _("Số lượng phải là số nguyên.")}, code="quantity")
    if quantity <= 0:
        raise ValidationError({field: _("Số lượng phải là số nguyên dương.")}, code="quantity")
    if quantity > MAX_COPIES:
        raise ValidationError(
            {field: _("Số lượng vượt quá mức cho phép (5.000.000 bản).")}, code="quantity"
        )
    return quantity


def _check_day(day: date, *, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Ngày không được sau ngày hôm nay.")}, code="future")


def _in_force(organisation: Organisation, *, on: date, field: str) -> None:
    if not organisation.is_valid_on(on):
        raise ValidationError(
            {
                field: _("“%(name)s” không còn hoạt động vào ngày %(day)s.")
                % {"name": organisation.name, "day": f"{on:%d/%m/%Y}"}
            },
            code="not_in_force",
        )


def _holds_in_scope(*, actor, holder: Organisation) -> None:
    if not organisations_for_user(user=actor).filter(pk=holder.pk).exists():
        raise PermissionDenied(_("Bạn không phụ trách đơn vị giữ ấn phẩm này."))


# --- the ledger ------------------------------------------------------------------------------


def balance(*, print_run: PrintRun, holder: Organisation, on: date) -> int:
    """The holder's copies of the print run at the end of ``on``."""
    total = Movement.objects.filter(print_run=print_run, holder=holder, on__lte=on).aggregate(
        total=Sum("delta")
    )["total"]
    return total or 0


def lowest_balance_from(*, print_run: PrintRun, holder: Organisation, on: date) -> int:
    """The lowest end-of-day balance of the holder on ``on`` and every later day. One query."""
    rows = (
        Movement.objects.filter(print_run=print_run, holder=holder)
        .values("on")
        .annotate(total=Sum("delta"))
        .order_by("on")
    )
    running, at_day, lowest = 0, 0, None
    for row in rows:
        running += row["total"]
        if row["on"] <= on:
            at_day = running
        else:
            lowest = running if lowest is None else min(lowest, running)
    return at_day if lowest is None else min(at_day, lowest)


def append(
    *,
    print_run: PrintRun,
    holder: Organisation,
    kind: str,
    delta: int,
    on: date,
    actor,
    dispatch: Dispatch | None = None,
    corrects: Movement | None = None,
    reason: str = "",
) -> Movement:
    """Insert one ledger row, refusing it if the holder's balance would fall below zero on
    ``on`` or any later day. The caller's transaction holds the row lock on the print run."""
    sign = MOVEMENT_SIGN[kind]
    if delta == 0 or (sign and (delta > 0) != (sign > 0)):
        raise ValueError(f"delta {delta} does not fit movement kind {kind}")
    with transaction.atomic():
        PrintRun.objects.select_for_update().only("pk").get(pk=print_run.pk)
        if delta < 0:
            available = lowest_balance_from(print_run=print_run, holder=holder, on=on)
            if available + delta < 0:
                raise ValidationError(
                    _(
                        "Không đủ ấn phẩm: “%(holder)s” chỉ còn %(available)s bản vào ngày "
                        "%(day)s hoặc một ngày sau đó, không thể xuất %(quantity)s bản."
                    ),
                    code="negative_balance",
                    params={
                        "holder": holder.name,
                        "available": f"{max(available, 0):,}".replace(",", "."),
                        "day": f"{on:%d/%m/%Y}",
                        "quantity": f"{-delta:,}".replace(",", "."),
                    },
                )
        movement = Movement(
            print_run=print_run,
            holder=holder,
            kind=kind,
            delta=delta,
            on=on,
            dispatch=dispatch,
            corrects=corrects,
            reason=_reason(reason),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        movement.full_clean()
        movement.save()
    return movement


# --- titles ----------------------------------------------------------------------------------


def create_kind(*, name: str, position: int = 0) -> PublicationKind:
    kind = PublicationKind(name=name, position=position)
    kind.full_clean()
    kind.save()
    return kind


def create_title(
    *,
    actor,
    kind: PublicationKind,
    name: str,
    publisher: Organisation,
    themes=(),
    summary: str = "",
    audience: str = "public",
    licence_number: str = "",
    licence_date: date | None = None,
    licence_issuer: str = "",
) -> Title:
    _holds_in_scope(actor=actor, holder=publisher)
    title = Title(
        kind=kind,
        name=name,
        publisher=publisher,
        summary=summary,
        audience=audience,
        licence_number=licence_number,
        licence_date=licence_date,
        licence_issuer=licence_issuer,
        created_by=actor,
    )
    with transaction.atomic():
        title.full_clean()
        title.save()
        title.themes.set(themes)
    return title


def _checked(upload, *, allowed: set[str], field: str):
    try:
        return validate_upload(upload, allowed=allowed)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def add_edition(*, actor, title: Title, language: str, pdf=None, cover=None) -> Edition:
    """A language edition; ``pdf`` and ``cover`` are uploads checked by their content
    (``core.uploads``: a PDF, and an image re-encoded without its metadata)."""
    _holds_in_scope(actor=actor, holder=title.publisher)
    edition = Edition(title=title, language=language)
    edition.full_clean()
    if pdf is not None:
        clean = _checked(pdf, allowed={"pdf"}, field="file")
        edition.file.save(clean.content.name, clean.content, save=False)
        edition.file_size = clean.size
    if cover is not None:
        clean = _checked(cover, allowed={"jpg", "png", "webp"}, field="cover")
        edition.cover.save(clean.content.name, clean.content, save=False)
    with transaction.atomic():
        edition.save()
    return edition


# --- print runs ------------------------------------------------------------------------------


def record_print_run(
    *,
    actor,
    edition: Edition,
    activity: Activity,
    budget_line: BudgetLine,
    store: Organisation,
    quantity: int,
    unit_cost: int,
    printer: str,
    contract_number: str,
    delivered_on: date,
) -> PrintRun:
    """The copies delivered by the printer into ``store``: one print run and its ledger row.
    Its cost, with the other print runs on the same budget line, must stay within the amount
    planned for that line (the activity's funding source)."""
    _check_quantity(quantity)
    _check_day(delivered_on, field="delivered_on")
    if not activities_for_user(user=actor).filter(pk=activity.pk).exists():
        raise PermissionDenied(_("Hoạt động không thuộc phạm vi của bạn."))
    _holds_in_scope(actor=actor, holder=store)
    _in_force(store, on=delivered_on, field="store")
    if budget_line.activity_id != activity.pk:
        raise ValidationError(
            {"budget_line": _("Dòng kinh phí không thuộc hoạt động này.")}, code="budget_line"
        )
    run = PrintRun(
        edition=edition,
        activity=activity,
        budget_line=budget_line,
        store=store,
        quantity=quantity,
        unit_cost=unit_cost,
        printer=printer,
        contract_number=contract_number,
        delivered_on=delivered_on,
        recorded_by=actor,
    )
    run.full_clean()
    with transaction.atomic():
        line = BudgetLine.objects.select_for_update().get(pk=budget_line.pk)
        committed = sum(r.quantity * r.unit_cost for r in PrintRun.objects.filter(budget_line=line))
        if committed + run.cost > line.planned:
            raise ValidationError(
                {
                    "unit_cost": _(
                        "Chi phí in %(cost)s đồng vượt kinh phí còn lại của nguồn “%(source)s” "
                        "(%(left)s đồng)."
                    )
                    % {
                        "cost": f"{run.cost:,}".replace(",", "."),
                        "source": line.funding_source.name,
                        "left": f"{max(line.planned - committed, 0):,}".replace(",", "."),
                    }
                },
                code="over_budget",
            )
        run.save()
        append(
            print_run=run,
            holder=store,
            kind=MovementKind.PRINTED_IN,
            delta=quantity,
            on=delivered_on,
            actor=actor,
        )
    return run


# --- dispatches and receipts -----------------------------------------------------------------


def dispatch(
    *,
    actor,
    print_run: PrintRun,
    sender: Organisation,
    recipient: Organisation,
    quantity: int,
    dispatched_on: date,
) -> Dispatch:
    """Send copies from ``sender``'s stock; they leave it at once and reach ``recipient``'s only
    when its officer confirms the receipt."""
    _check_quantity(quantity)
    _check_day(dispatched_on, field="dispatched_on")
    _holds_in_scope(actor=actor, holder=sender)
    _in_force(recipient, on=dispatched_on, field="recipient")
    if recipient.pk == sender.pk:
        raise ValidationError(
            {"recipient": _("Đơn vị nhận phải khác đơn vị giao.")}, code="same_holder"
        )
    sent = Dispatch(
        print_run=print_run,
        sender=sender,
        recipient=recipient,
        quantity=quantity,
        dispatched_on=dispatched_on,
        recorded_by=actor,
    )
    sent.full_clean()
    with transaction.atomic():
        sent.save()
        append(
            print_run=print_run,
            holder=sender,
            kind=MovementKind.DISPATCHED,
            delta=-quantity,
            on=dispatched_on,
            actor=actor,
            dispatch=sent,
        )
        record_event(sent, workflow=DISPATCH_WORKFLOW, actor=actor, from_status="")
    return sent


def may_confirm(*, user, dispatch: Dispatch) -> bool:
    """Only an officer of the receiving organisation confirms: the receipt is the proof."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Membership.objects.valid_on(timezone.localdate())
        .filter(user=user, organisation_id=dispatch.recipient_id)
        .exists()
    )


def confirm_receipt(
    *,
    actor,
    dispatch: Dispatch,
    received_quantity: int,
    received_on: date,
    reason: str = "",
) -> Dispatch:
    """The recipient's officer confirms what arrived; fewer copies than sent need a reason.
    Confirmed once: a second confirmation is refused by the workflow."""
    reason = _reason(reason)
    if isinstance(received_quantity, bool) or not isinstance(received_quantity, int):
        raise ValidationError({"received_quantity": _("Số lượng phải là số nguyên.")})
    _check_day(received_on, field="received_on")

    def check(locked: Dispatch) -> None:
        if not may_confirm(user=actor, dispatch=locked):
            raise PermissionDenied(_("Chỉ cán bộ của đơn vị nhận mới xác nhận được."))
        errors: dict[str, str] = {}
        if received_quantity < 0:
            errors["received_quantity"] = _("Số lượng không được âm.")
        elif received_quantity > locked.quantity:
            errors["received_quantity"] = _(
                "Số lượng thực nhận không được lớn hơn số lượng giao (%(sent)s bản)."
            ) % {"sent": f"{locked.quantity:,}".replace(",", ".")}
        elif received_quantity < locked.quantity and not reason:
            errors["discrepancy_reason"] = _("Vui lòng ghi lý do nhận thiếu so với số giao.")
        if received_on < locked.dispatched_on:
            errors["received_on"] = _("Ngày nhận không được trước ngày giao.")
        if errors:
            raise ValidationError(errors, code="bad_receipt")

    def apply(locked: Dispatch):
        locked.received_quantity = received_quantity
        locked.received_on = received_on
        locked.discrepancy_reason = reason
        locked.confirmed_by = actor
        if received_quantity:
            append(
                print_run=locked.print_run,
                holder=locked.recipient,
                kind=MovementKind.RECEIVED,
                delta=received_quantity,
                on=received_on,
                actor=actor,
                dispatch=locked,
                reason=reason,
            )
        return ["received_quantity", "received_on", "discrepancy_reason", "confirmed_by"]

    event = transition(
        dispatch,
        workflow=DISPATCH_WORKFLOW,
        to=DispatchStatus.CONFIRMED,
        actor=actor,
        reason=reason,
        check=check,
        apply=apply,
        select_related=("print_run",),
    )
    return event.subject


# --- local movements, counts and corrections -------------------------------------------------


def record_local_movement(
    *,
    actor,
    print_run: PrintRun,
    holder: Organisation,
    kind: str,
    quantity: int,
    on: date,
    reason: str = "",
) -> Movement:
    """Copies handed out locally (to villages, at a meeting: a count, never people), damaged or
    lost (with a reason)."""
    if kind not in LOCAL_KINDS:
        raise ValidationError({"kind": _("Loại nghiệp vụ không hợp lệ.")}, code="kind")
    _check_quantity(quantity)
    _check_day(on, field="on")
    _holds_in_scope(actor=actor, holder=holder)
    if kind != MovementKind.HANDED_OUT and not _reason(reason):
        raise ValidationError({"reason": _("Vui lòng ghi lý do hư hỏng, thất lạc.")})
    return append(
        print_run=print_run,
        holder=holder,
        kind=kind,
        delta=-quantity,
        on=on,
        actor=actor,
        reason=reason,
    )


def record_stock_count(
    *, actor, print_run: PrintRun, holder: Organisation, counted: int, on: date, reason: str
) -> Movement | None:
    """A physical count: a counter-entry for the difference with the ledger (None when none)."""
    if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
        raise ValidationError({"counted": _("Số lượng kiểm kê phải là số nguyên không âm.")})
    if counted > MAX_COPIES:
        raise ValidationError({"counted": _("Số lượng vượt quá mức cho phép (5.000.000 bản).")})
    _check_day(on, field="on")
    _holds_in_scope(actor=actor, holder=holder)
    if not _reason(reason):
        raise ValidationError({"reason": _("Vui lòng ghi căn cứ kiểm kê.")})
    with transaction.atomic():
        PrintRun.objects.select_for_update().only("pk").get(pk=print_run.pk)
        difference = counted - balance(print_run=print_run, holder=holder, on=on)
        if not difference:
            return None
        return append(
            print_run=print_run,
            holder=holder,
            kind=MovementKind.STOCK_COUNT,
            delta=difference,
            on=on,
            actor=actor,
            reason=reason,
        )


def correct_movement(*, actor, movement: Movement, reason: str) -> Movement:
    """Undo a mistaken row by a counter-entry of the opposite sign, dated like it, with a
    reason; the mistaken row stays. A dispatch or a receipt is not corrected this way."""
    if movement.kind in (MovementKind.DISPATCHED, MovementKind.RECEIVED) or movement.corrects_id:
        raise ValidationError(
            _("Bút toán này không điều chỉnh được bằng bút toán đối ứng."), code="not_correctable"
        )
    _holds_in_scope(actor=actor, holder=movement.holder)
    if not _reason(reason):
        raise ValidationError({"reason": _("Vui lòng ghi lý do điều chỉnh.")})
    if movement.corrections.exists():
        raise ValidationError(_("Bút toán này đã được điều chỉnh."), code="corrected")
    return append(
        print_run=movement.print_run,
        holder=movement.holder,
        kind=MovementKind.CORRECTION,
        delta=-movement.delta,
        on=movement.on,
        actor=actor,
        corrects=movement,
        reason=reason,
    )
