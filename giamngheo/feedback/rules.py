"""Permissions of the feedback app (django-rules), the questions they rest on, and the shape of
a tracking code.

Who handles feedback and which items are within their reach are answered here, once: the
selectors filter the register with the same answers (``selectors.feedback_for_user``), the views
and services ask ``user.has_perm`` or these functions. Nothing here imports the selectors.
"""

from __future__ import annotations

from datetime import date

import rules
from django.db.models import QuerySet

from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import Membership
from giamngheo.organisations.rules import is_province_admin
from giamngheo.organisations.selectors import active_memberships
from giamngheo.organisations.selectors import is_province_admin as _province_admin

# Read over the phone: no 0/O, no 1/I; 32 symbols, 6 of them ≈ 10⁹ codes.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_PREFIX = "PA"

HANDLER_ROLES = frozenset({Role.UNIT_OFFICER, Role.APPROVER, Role.PROVINCE_ADMIN})
PUBLISHER_ROLES = frozenset({Role.APPROVER, Role.PROVINCE_ADMIN})


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def handler_memberships(*, user, on: date | None = None) -> QuerySet[Membership]:
    if _anonymous(user):
        return Membership.objects.none()
    return active_memberships(user=user, on=on).filter(role__in=HANDLER_ROLES)


def sees_all_feedback(*, user) -> bool:
    """Province administrators and handlers of the lead department see the whole register."""
    if _anonymous(user):
        return False
    if _province_admin(user=user):
        return True
    cache = user.__dict__.setdefault("_feedback_sees_all", {})
    if "v" not in cache:
        cache["v"] = handler_memberships(user=user).filter(organisation__is_lead=True).exists()
    return cache["v"]


def handler_organisation_ids(*, user) -> frozenset[int]:
    """Ids of the bodies the user handles feedback for, cached on the user for the request (the
    admin list asks once per row)."""
    if _anonymous(user):
        return frozenset()
    cache = user.__dict__.setdefault("_feedback_org_ids", {})
    if "v" not in cache:
        cache["v"] = frozenset(
            handler_memberships(user=user).values_list("organisation_id", flat=True)
        )
    return cache["v"]


def in_reach(*, user, feedback) -> bool:
    """Same answer as ``feedback_for_user(...).filter(pk=…).exists()``, without a query per row."""
    if _anonymous(user):
        return False
    return sees_all_feedback(user=user) or feedback.organisation_id in handler_organisation_ids(
        user=user
    )


def is_feedback_handler(*, user) -> bool:
    if _anonymous(user):
        return False
    return user.is_superuser or bool(handler_organisation_ids(user=user))


def may_publish_answers(*, user) -> bool:
    if _anonymous(user):
        return False
    return (
        user.is_superuser
        or handler_memberships(user=user).filter(role__in=PUBLISHER_ROLES).exists()
    )


@rules.predicate
def handles_feedback(user) -> bool:
    return is_feedback_handler(user=user)


@rules.predicate
def feedback_in_reach(user, feedback) -> bool:
    if feedback is None:
        return is_feedback_handler(user=user)
    return in_reach(user=user, feedback=feedback)


@rules.predicate
def publishes_answers(user) -> bool:
    return may_publish_answers(user=user)


@rules.predicate
def sees_whole_register(user) -> bool:
    return sees_all_feedback(user=user)


@rules.predicate
def awaits_commune(user, feedback) -> bool:
    return feedback is not None and feedback.unit_id is None


rules.add_perm("feedback.view_feedback", handles_feedback & feedback_in_reach)
# The triage queue: only who sees the whole register names the commune of an item filed without.
rules.add_perm("feedback.locate_feedback", sees_whole_register & awaits_commune)
rules.add_perm("feedback.handle_feedback", handles_feedback & feedback_in_reach)
for _model in ("category", "routingrule"):
    rules.add_perm(f"feedback.view_{_model}", is_province_admin)
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"feedback.{_action}_{_model}", is_province_admin)
# Keys are created on the command line (the clear key is shown once); the admin revokes them.
rules.add_perm("feedback.view_apikey", is_province_admin)
rules.add_perm("feedback.change_apikey", is_province_admin)
rules.add_perm("feedback.publish_answer", publishes_answers & feedback_in_reach)
# Banning a sender weighs more than hiding one item: approvers and the province only.
rules.add_perm("feedback.ban_reporter", publishes_answers & feedback_in_reach)
# Deadlines by kind, the ban list: the province administrator. Answer templates: every handler
# reads them (they are offered in the answer editor); the province administrator writes them.
for _model in ("deadlinepolicy", "ban", "answertemplate"):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"feedback.{_action}_{_model}", is_province_admin)
rules.add_perm("feedback.view_deadlinepolicy", is_province_admin)
rules.add_perm("feedback.view_ban", is_province_admin)
rules.add_perm("feedback.view_answertemplate", handles_feedback)
