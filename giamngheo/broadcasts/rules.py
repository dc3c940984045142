"""Permissions of the commune radio app as django-rules predicates (see organisations.rules).

Called without an object a predicate answers for the model (may this user open the list);
the rows themselves are filtered by the selectors. Station operators hold no membership: they
are scoped by their assignment to a station.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member
from giamngheo.organisations.selectors import units_for_user, user_roles
from giamngheo.planning.models import Activity

from . import selectors
from .enums import BulletinStatus
from .models import Bulletin, Delivery


def _has(user, roles) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user_roles(user=user) & roles)


def _bulletin_in_scope(user, bulletin) -> bool:
    return selectors.bulletins_for_user(user=user).filter(pk=bulletin.pk).exists()


@rules.predicate
def works_on_bulletins(user) -> bool:
    return _has(user, selectors.BULLETIN_ROLES)


@rules.predicate
def may_write(user, obj=None) -> bool:
    if not _has(user, selectors.WRITER_ROLES):
        return False
    if obj is None:
        return True
    if isinstance(obj, Activity):
        return (
            is_province_admin(user)
            or units_for_user(user=user).filter(pk=obj.subplan.organisation.unit_id).exists()
        )
    return obj.status == BulletinStatus.DRAFT and _bulletin_in_scope(user, obj)


@rules.predicate
def may_approve(user, bulletin=None) -> bool:
    if not _has(user, selectors.APPROVER_ROLES):
        return False
    return bulletin is None or _bulletin_in_scope(user, bulletin)


@rules.predicate
def may_send(user, bulletin=None) -> bool:
    if not _has(user, selectors.WRITER_ROLES | selectors.APPROVER_ROLES):
        return False
    return bulletin is None or _bulletin_in_scope(user, bulletin)


@rules.predicate
def bulletin_in_scope(user, bulletin=None) -> bool:
    if bulletin is None:
        return works_on_bulletins(user)
    return isinstance(bulletin, Bulletin) and _bulletin_in_scope(user, bulletin)


@rules.predicate
def operates_station(user, delivery=None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if delivery is None:
        return selectors.stations_operated_by(user=user).exists()
    return isinstance(delivery, Delivery) and delivery.station.operators.filter(pk=user.pk).exists()


rules.add_perm("broadcasts.view_bulletin", is_staff_member & bulletin_in_scope)
rules.add_perm("broadcasts.add_bulletin", is_staff_member & may_write)
rules.add_perm("broadcasts.change_bulletin", is_staff_member & may_write)
rules.add_perm("broadcasts.approve_bulletin", is_staff_member & may_approve)
rules.add_perm("broadcasts.send_bulletin", is_staff_member & may_send)
rules.add_perm("broadcasts.view_station", is_staff_member & works_on_bulletins)
rules.add_perm("broadcasts.view_priorityrule", is_staff_member)
for action in ("add", "change", "delete"):
    rules.add_perm(f"broadcasts.{action}_station", is_province_admin)
    rules.add_perm(f"broadcasts.{action}_priorityrule", is_province_admin)
rules.add_perm("broadcasts.confirm_delivery", operates_station)
