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
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from giamngheo.core.figures import poor_and_near_poor_households
from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workdays import add_working_days
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.enums import OrganisationKind, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.selectors import organisations_for_user
from giamngheo.planning.models import Activity, BudgetLine
from giamngheo.planning.selectors import activities_for_user

from .enums import (
    DISPATCH_WORKFLOW,
    LOCAL_KINDS,
    MOVEMENT_SIGN,
    PLAN_WORKFLOW,
    AllocationRule,
    DispatchStatus,
    MovementKind,
    PlanStatus,
)
from .models import (
    MAX_COPIES,
    Dispatch,
    DispatchPlan,
    DispatchPlanLine,
    DispatchReminder,
    Edition,
    Movement,
    PrintRun,
    PublicationKind,
    Title,
)
from .selectors import recipient_emails


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


# --- allocation: a dispatch plan per print run -----------------------------------------------


def share_out(total: int, weights: list[int]) -> list[int]:
    """``total`` copies split in proportion to ``weights`` (largest remainder: the shares add up
    to ``total`` exactly; ties go to the earlier line). Equal weights give equal shares."""
    whole = sum(weights)
    if not weights or whole <= 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def plan_recipients(*, area: AdministrativeUnit, on: date) -> list[Organisation]:
    """The People's Committee of each commune of ``area`` in force on ``on``, by commune name."""
    return list(
        Organisation.objects.valid_on(on)
        .filter(
            kind=OrganisationKind.PEOPLES_COMMITTEE,
            unit__parent=area,
            unit__level=UnitLevel.COMMUNE,
            unit__in=AdministrativeUnit.objects.valid_on(on),
        )
        .select_related("unit")
        .order_by("unit__name", "pk")
    )


def propose_plan(
    *,
    actor,
    print_run: PrintRun,
    sender: Organisation,
    area: AdministrativeUnit,
    rule: str,
    total: int,
    dispatched_on: date,
) -> DispatchPlan:
    """A draft plan: one line per commune of the district ``area`` in force on the planned day
    ``dispatched_on``, ``total`` copies shared equally or in proportion to the poor and
    near-poor households of the latest poverty review up to that year (core.figures). Nothing
    leaves the stock until ``dispatch_plan``."""
    _check_quantity(total, field="total")
    _check_day(dispatched_on, field="dispatched_on")
    _holds_in_scope(actor=actor, holder=sender)
    if rule not in AllocationRule.values:
        raise ValidationError({"rule": _("Cách phân bổ không hợp lệ.")}, code="rule")
    today = dispatched_on
    if area.level != UnitLevel.DISTRICT or not area.is_valid_on(today):
        raise ValidationError(
            {
                "area": _("“%(name)s” không phải là huyện đang hoạt động vào ngày %(day)s.")
                % {"name": area.name, "day": f"{today:%d/%m/%Y}"}
            },
            code="area",
        )
    recipients = plan_recipients(area=area, on=today)
    if not recipients:
        raise ValidationError(
            {"area": _("“%(name)s” không có xã nào đang hoạt động.") % {"name": area.name}},
            code="no_communes",
        )
    available = lowest_balance_from(print_run=print_run, holder=sender, on=today)
    if total > available:
        raise ValidationError(
            {
                "total": _(
                    "“%(holder)s” chỉ còn %(available)s bản của đợt in này vào ngày %(day)s "
                    "hoặc một ngày sau đó."
                )
                % {
                    "holder": sender.name,
                    "available": f"{max(available, 0):,}".replace(",", "."),
                    "day": f"{today:%d/%m/%Y}",
                }
            },
            code="short",
        )
    year, households = None, {}
    if rule == AllocationRule.HOUSEHOLDS:
        year, households = poor_and_near_poor_households(
            unit_ids=[r.unit_id for r in recipients], year=today.year
        )
        if not any(households.get(r.unit_id) for r in recipients):
            raise ValidationError(
                {
                    "rule": _(
                        "Chưa có số liệu hộ nghèo, hộ cận nghèo của các xã thuộc “%(name)s”: "
                        "hãy chia đều."
                    )
                    % {"name": area.name}
                },
                code="no_households",
            )
        weights = [households.get(r.unit_id, 0) for r in recipients]
    else:
        weights = [1] * len(recipients)
    shares = share_out(total, weights)
    plan = DispatchPlan(
        print_run=print_run,
        sender=sender,
        area=area,
        rule=rule,
        total=total,
        households_year=year,
        dispatched_on=dispatched_on,
        created_by=actor,
    )
    plan.full_clean()
    with transaction.atomic():
        plan.save()
        DispatchPlanLine.objects.bulk_create(
            DispatchPlanLine(
                plan=plan,
                recipient=recipient,
                households=households.get(recipient.unit_id) if year else None,
                proposed=share,
                quantity=share,
            )
            for recipient, share in zip(recipients, shares, strict=True)
        )
        record_event(plan, workflow=PLAN_WORKFLOW, actor=actor, from_status="")
    return plan


def _check_draft(plan: DispatchPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Kế hoạch này đã được giao, không sửa được nữa."), code="sent")


def update_plan(*, actor, plan: DispatchPlan, quantities: dict[int, int]) -> DispatchPlan:
    """Edit a draft's copies per commune (``{line id: copies}``; 0 leaves a commune out)."""
    _holds_in_scope(actor=actor, holder=plan.sender)
    with transaction.atomic():
        locked = DispatchPlan.objects.select_for_update().get(pk=plan.pk)
        _check_draft(locked)
        lines = {line.pk: line for line in locked.lines.all()}
        if set(quantities) - set(lines):
            raise ValidationError(_("Dòng phân bổ không thuộc kế hoạch này."), code="line")
        for pk, copies in quantities.items():
            if isinstance(copies, bool) or not isinstance(copies, int) or copies < 0:
                raise ValidationError(_("Số lượng phải là số nguyên không âm."), code="quantity")
            if copies > MAX_COPIES:
                raise ValidationError(
                    _("Số lượng vượt quá mức cho phép (5.000.000 bản)."), code="quantity"
                )
            lines[pk].quantity = copies
        changed = [lines[pk] for pk in quantities]
        if not any(line.quantity for line in lines.values()):
            raise ValidationError(_("Kế hoạch cần ít nhất một xã được giao."), code="empty")
        DispatchPlanLine.objects.bulk_update(changed, ["quantity"])
        locked.total = sum(line.quantity for line in lines.values())
        locked.save(update_fields=["total"])
    return locked


def dispatch_plan(
    *,
    actor,
    plan: DispatchPlan,
    dispatched_on: date | None = None,
    quantities: dict[int, int] | None = None,
) -> DispatchPlan:
    """Send every line of a draft in one transaction — the last edits (``quantities``, as for
    ``update_plan``) and all the dispatches, or nothing: a commune no longer in force, or a
    stock too short for the whole plan on that day or a later one, refuses the plan with
    nothing written."""
    day = dispatched_on or plan.dispatched_on
    _check_day(day, field="dispatched_on")

    def check(locked: DispatchPlan) -> None:
        _holds_in_scope(actor=actor, holder=locked.sender)

    def apply(locked: DispatchPlan):
        lines = list(locked.lines.select_related("recipient").filter(quantity__gt=0))
        if not lines:
            raise ValidationError(_("Kế hoạch cần ít nhất một xã được giao."), code="empty")
        for line in lines:
            line.dispatch = dispatch(
                actor=actor,
                print_run=locked.print_run,
                sender=locked.sender,
                recipient=line.recipient,
                quantity=line.quantity,
                dispatched_on=day,
            )
        DispatchPlanLine.objects.bulk_update(lines, ["dispatch"])
        locked.dispatched_on = day
        return ["dispatched_on"]

    with transaction.atomic():
        if quantities:
            update_plan(actor=actor, plan=plan, quantities=quantities)
        event = transition(
            plan,
            workflow=PLAN_WORKFLOW,
            to=PlanStatus.DISPATCHED,
            actor=actor,
            check=check,
            apply=apply,
            select_related=("print_run", "sender"),
        )
    return event.subject


# --- reminders of overdue dispatches ---------------------------------------------------------

# A dispatch not confirmed within this many working days after it was sent is overdue.
OVERDUE_WORKING_DAYS = 5


def overdue_dispatches(*, today: date, overdue_after: int) -> list[Dispatch]:
    """Every dispatch still in transit more than ``overdue_after`` working days after it was
    sent (the system's view, for the scheduled reminders: not a screen)."""
    found = list(
        Dispatch.objects.filter(status=DispatchStatus.IN_TRANSIT, dispatched_on__lt=today)
        .select_related("print_run__edition__title", "sender", "recipient")
        .order_by("dispatched_on", "pk")
    )
    return [d for d in found if today > add_working_days(d.dispatched_on, overdue_after)]


def send_overdue_reminders(*, today: date, overdue_after: int) -> int:
    """E-mail the officers of each overdue dispatch's recipient, asking them to confirm the
    receipt; a dispatch is reminded once, then again each time another ``overdue_after``
    working days pass without a confirmation. Returns the reminders sent."""
    overdue = overdue_dispatches(today=today, overdue_after=overdue_after)
    last = dict(
        DispatchReminder.objects.filter(dispatch__in=overdue)
        .values("dispatch_id")
        .annotate(last=Max("sent_on"))
        .values_list("dispatch_id", "last")
    )
    due = [
        d
        for d in overdue
        if d.pk not in last or today > add_working_days(last[d.pk], overdue_after)
    ]
    addresses = recipient_emails(organisation_ids={d.recipient_id for d in due})
    sent = 0
    for item in due:
        to = addresses.get(item.recipient_id, [])
        with transaction.atomic():
            _reminder, created = DispatchReminder.objects.get_or_create(
                dispatch=item, sent_on=today, defaults={"recipients": len(to)}
            )
        if not created:
            continue
        due_on = add_working_days(item.dispatched_on, overdue_after)
        notify(
            subject=gettext("[Nhắc xác nhận] %(title)s — phiếu giao số %(number)s")
            % {"title": item.print_run.edition.title.name, "number": item.pk},
            template="publications/email/overdue.txt",
            context={
                "dispatch": item,
                "due_on": due_on,
                "link": site_url(reverse("publications_confirm", args=[item.pk])),
            },
            emails=to,
        )
        sent += 1
    return sent
