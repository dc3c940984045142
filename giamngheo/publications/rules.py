"""Permissions of the publications app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model ("may this user open the list at
all"); the list itself is filtered by the selectors. The ledger has no add, change or delete
permission at all: it is written only by the services, and never changed.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member

from . import selectors
from .enums import DispatchStatus
from .services import may_confirm


@rules.predicate
def holds_stock(user) -> bool:
    return _once(user, "_holds_stock", lambda: selectors.holders_for_user(user=user).exists())


def _once(user, key: str, compute) -> bool:
    """A model-level answer asked on every admin page (menus, lists): once per request's user."""
    if not getattr(user, "is_authenticated", False):
        return bool(compute())
    cache = user.__dict__.setdefault(key, {})
    if "v" not in cache:
        cache["v"] = bool(compute())
    return cache["v"]


@rules.predicate
def dispatch_in_scope(user, dispatch) -> bool:
    if dispatch is None:
        return holds_stock(user)
    return selectors.dispatches_for_user(user=user).filter(pk=dispatch.pk).exists()


@rules.predicate
def confirmable(user, dispatch) -> bool:
    if dispatch is None:
        return holds_stock(user)
    return dispatch.status == DispatchStatus.IN_TRANSIT and may_confirm(
        user=user, dispatch=dispatch
    )


@rules.predicate
def print_run_in_scope(user, run) -> bool:
    if run is None:
        return _once(user, "_print_runs", lambda: selectors.print_runs_for_user(user=user).exists())
    return selectors.print_runs_for_user(user=user).filter(pk=run.pk).exists()


rules.add_perm("publications.view_publicationkind", is_staff_member)
for action in ("add", "change", "delete"):
    rules.add_perm(f"publications.{action}_publicationkind", is_province_admin)
rules.add_perm("publications.view_title", is_staff_member)
rules.add_perm("publications.view_printrun", is_staff_member & print_run_in_scope)
rules.add_perm("publications.view_dispatch", is_staff_member & dispatch_in_scope)
rules.add_perm("publications.add_dispatch", is_staff_member & holds_stock)
rules.add_perm("publications.confirm_dispatch", is_staff_member & confirmable)
rules.add_perm("publications.view_movement", is_staff_member & holds_stock)
# The admin's generic add screens stay closed (wagtail_hooks): titles, editions and print runs
# are created by the app's own screens, through the services, by a holder of stock.
rules.add_perm("publications.create_title", is_staff_member & holds_stock)
rules.add_perm("publications.record_printrun", is_staff_member & holds_stock)
