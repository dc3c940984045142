"""Permissions of the planning app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model ("may this user open the list at
all"); the list itself is then filtered by the selectors.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import (
    is_province_admin,
    is_staff_member,
    organisation_in_scope,
)

from . import selectors
from .enums import ActivityStatus, SubPlanStatus


@rules.predicate
def can_plan(user) -> bool:
    return selectors.can_plan(user=user)


@rules.predicate
def has_subplan_opening(user) -> bool:
    """Some organisation in reach still waits for its sub-plan (``subplan_openings``): the add
    action is offered only then, never to someone it would refuse."""
    return selectors.subplan_openings(user=user).exists()


@rules.predicate
def has_subplan(user) -> bool:
    """An activity belongs to a sub-plan: none in reach, nothing to add it to."""
    return selectors.subplans_for_user(user=user).exists()


@rules.predicate
def subplan_in_scope(user, subplan) -> bool:
    if subplan is None:
        return selectors.can_plan(user=user)
    return selectors.subplans_for_user(user=user).filter(pk=subplan.pk).exists()


@rules.predicate
def subplan_editable(user, subplan) -> bool:
    return subplan is None or subplan.status in (SubPlanStatus.DRAFT, SubPlanStatus.RETURNED)


@rules.predicate
def activity_in_scope(user, activity) -> bool:
    if activity is None:
        return selectors.can_plan(user=user)
    return selectors.activities_for_user(user=user).filter(pk=activity.pk).exists()


@rules.predicate
def activity_unrecorded(user, activity) -> bool:
    """An activity may be deleted only while nothing has been recorded on it: still planned, in a
    sub-plan not yet sent (draft or returned), with no evidence and no outputs. Anything else is
    part of what the body reported — a wrong one is cancelled, and its records stay."""
    if activity is None:
        return True
    return (
        activity.status == ActivityStatus.PLANNED
        and activity.subplan.status in (SubPlanStatus.DRAFT, SubPlanStatus.RETURNED)
        and not activity.evidence.exists()
        and not activity.outputs.exists()
    )


rules.add_perm("planning.view_plan", is_staff_member)
for action in ("add", "change", "delete"):
    rules.add_perm(f"planning.{action}_plan", is_province_admin)

rules.add_perm("planning.view_subplan", is_province_admin | subplan_in_scope)
rules.add_perm("planning.add_subplan", can_plan & has_subplan_opening)
rules.add_perm("planning.change_subplan", subplan_in_scope & subplan_editable)
rules.add_perm("planning.delete_subplan", is_province_admin)
rules.add_perm("planning.approve_subplan", is_province_admin)
# Writing a sub-plan (and its activities) for a body: a planning role, and the body in reach.
rules.add_perm("planning.plan_for_organisation", can_plan & organisation_in_scope)

rules.add_perm("planning.view_activity", is_province_admin | activity_in_scope)
rules.add_perm("planning.add_activity", can_plan & has_subplan)
rules.add_perm("planning.change_activity", activity_in_scope)
rules.add_perm("planning.delete_activity", activity_in_scope & activity_unrecorded)
