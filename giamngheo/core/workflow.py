"""The one way a status changes, for every entity of the project (DESIGN §5.3, CONVENTIONS §6).

An app declares, beside its status ``TextChoices`` in ``enums.py``::

    SUBPLAN_WORKFLOW = Workflow(
        statuses=SubPlanStatus,
        transitions={S.DRAFT: frozenset({S.SUBMITTED}), S.SUBMITTED: frozenset({...}), ...},
        stamps={S.SUBMITTED: "submitted_at", S.APPROVED: "decided_at", ...},
        refusal=_("Không thể chuyển kế hoạch cụ thể từ “%(from)s” sang “%(to)s”."),
    )

and its one service per entity calls ``transition(obj, workflow=…, to=…, actor=…)``, passing
hooks for what is particular to it (permission, a required reason, extra fields, notices).
``transition`` then, in one transaction:

1. locks the row (``select_for_update``), so two people clicking at once cannot both move it
   from one status: the second sees the status the first left;
2. runs ``guard(locked)`` (checks that come before the map, e.g. an optimistic version);
3. refuses a move outside ``workflow.transitions`` with a ``ValidationError`` (code
   ``bad_transition``) naming the two statuses by their labels;
4. runs ``check(locked)`` (permission, a required reason, completeness…);
5. sets the status, stamps the fields ``workflow.stamps`` declares for the target status with
   the time of the move, lets ``apply(locked)`` change further fields (it returns their names),
   and saves only those fields;
6. writes one ``core.StatusEvent`` row (actor, from, to, reason, time, action, and the body in
   charge when ``workflow.organisation_field`` names it);
7. registers ``notify(event)`` with ``transaction.on_commit``: a rolled-back move sends nothing,
   and a mail server that is down never undoes a committed move.

It returns the event; ``event.subject`` is the locked, updated row. The object passed in is not
touched: call ``obj.refresh_from_db()`` if it is used afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ACTION_LABELS, STATUS_ACTION, StatusEvent
from .text import normalize_text

DEFAULT_REFUSAL = _("Không thể chuyển từ trạng thái “%(from)s” sang “%(to)s”.")


@dataclass(frozen=True)
class Workflow:
    """The declared life of one status field.

    ``transitions`` maps every status to the statuses it may move to (a status with no way
    out maps to an empty frozenset; every status must have a row). ``stamps`` maps a target
    status to the name (or a tuple of names) of the datetime fields set to the time of the
    move. ``refusal`` is the message of a refused move, with ``%(from)s`` and ``%(to)s``.
    ``organisation_field`` names the entity's foreign key to the body in charge, copied onto
    each event; ``field`` is the status field (always ``status`` in this project: the
    history's labels are read from it).
    """

    statuses: type[models.TextChoices]
    transitions: Mapping[str, frozenset[str]]
    stamps: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    refusal: str = DEFAULT_REFUSAL
    organisation_field: str = ""
    field: str = "status"

    def __post_init__(self):
        values = set(self.statuses.values)
        if set(self.transitions) != values:
            raise ValueError(f"{self.statuses.__name__}: every status needs one row")
        if any(not set(targets) <= values for targets in self.transitions.values()):
            raise ValueError(f"{self.statuses.__name__}: a target is not a status")
        if not set(self.stamps) <= values:
            raise ValueError(f"{self.statuses.__name__}: a stamp names no status")

    def allows(self, from_status: str, to_status: str) -> bool:
        return to_status in self.transitions.get(from_status, frozenset())

    def label(self, status: str) -> str:
        """The status's label; a value that is no status is shown as it was given."""
        return str(self.statuses(status).label) if status in self.statuses.values else status

    def refused(self, from_status: str, to_status: str) -> ValidationError:
        return ValidationError(
            self.refusal,
            code="bad_transition",
            params={"from": self.label(from_status), "to": self.label(to_status)},
        )

    def pairs_outside(self) -> list[tuple[str, str]]:
        """Every (from, to) the map refuses — for the refused-transition tests."""
        values = list(self.statuses.values)
        return [(a, b) for a in values for b in values if not self.allows(a, b)]

    def stamp_fields(self, to_status: str) -> tuple[str, ...]:
        stamp = self.stamps.get(to_status, ())
        return (stamp,) if isinstance(stamp, str) else tuple(stamp)


def register_actions(choices: type[models.TextChoices]) -> None:
    """Labels of the events an app records besides plain status changes (``action`` codes);
    call it from the app's ``enums.py``. Codes are shared by the whole project's history."""
    for value, label in choices.choices:
        if value != STATUS_ACTION:
            ACTION_LABELS[value] = label


def real_actor(actor):
    """A person, or None for the citizen, the system or an anonymous visitor."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def transition(
    obj: models.Model,
    *,
    workflow: Workflow,
    to: str,
    actor,
    reason: str = "",
    at=None,
    action: str | Callable[[models.Model], str] = STATUS_ACTION,
    guard: Callable[[models.Model], None] | None = None,
    check: Callable[[models.Model], None] | None = None,
    apply: Callable[[models.Model], Iterable[str]] | None = None,
    notify: Callable[[StatusEvent], None] | None = None,
    select_related: Iterable[str] = (),
) -> StatusEvent:
    """Move ``obj`` to status ``to`` (see the module's docstring for the steps).

    ``actor`` is the person who moves it (None or anonymous: the citizen or the system);
    ``reason`` is normalised (NFC, stripped) and stored; ``at`` back-dates the move (paper
    history typed in later; default now) for the stamps and the event alike; ``action`` is the
    event's kind when the move is a particular flavour of change (feedback's transfer, return);
    a callable receives the locked row after ``check`` and returns it.
    ``select_related`` is applied to the locking query so the hooks read related rows without
    further queries. Raises ``ValidationError`` (refused move, or from a hook) or whatever a
    hook raises (``PermissionDenied``); then nothing is written.
    """
    model = type(obj)
    reason = normalize_text(reason or "").strip()
    at = at or timezone.now()
    with transaction.atomic():
        locked = model._default_manager.select_for_update().select_related(*select_related)
        locked = locked.get(pk=obj.pk)
        if guard is not None:
            guard(locked)
        from_status = getattr(locked, workflow.field)
        if not workflow.allows(from_status, to):
            raise workflow.refused(from_status, to)
        if check is not None:
            check(locked)
        if callable(action):
            action = action(locked)
        setattr(locked, workflow.field, to)
        changed = [workflow.field]
        for name in workflow.stamp_fields(to):
            setattr(locked, name, at)
            changed.append(name)
        if apply is not None:
            changed.extend(apply(locked) or ())
        changed.extend(
            f.name
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) and f.name not in changed
        )
        locked.save(update_fields=list(dict.fromkeys(changed)))
        event = record_event(
            locked,
            workflow=workflow,
            from_status=from_status,
            to_status=to,
            actor=actor,
            reason=reason,
            at=at,
            action=action,
        )
        if notify is not None:
            transaction.on_commit(lambda: notify(event))
    return event


def record_event(
    obj: models.Model,
    *,
    workflow: Workflow,
    actor,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str = "",
    at=None,
    action: str = STATUS_ACTION,
) -> StatusEvent:
    """Write one history row for ``obj`` without changing its status: an entity's creation
    (``from_status=""``) or an act that leaves the status alone (moderation, publication),
    named by ``action``. ``transition`` calls it for every move; nothing else writes a status
    change into the history."""
    current = getattr(obj, workflow.field)
    organisation_id = (
        getattr(obj, f"{workflow.organisation_field}_id") if workflow.organisation_field else None
    )
    event = StatusEvent(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        from_status=current if from_status is None else from_status,
        to_status=current if to_status is None else to_status,
        actor=real_actor(actor),
        organisation_id=organisation_id,
        reason=reason,
        at=at or timezone.now(),
        action=action,
    )
    event.save(force_insert=True)
    event.subject = obj
    return event
