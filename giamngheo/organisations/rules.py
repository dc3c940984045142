"""Permissions of the organisations app as django-rules predicates.

Registered as Django permissions, so ``user.has_perm("organisations.change_organisation", obj)``
answers through rules' ObjectPermissionBackend, and Wagtail's permission policies (which ask
``has_perm``) obey the same rules. A predicate called without an object answers for the model:
"may this user open the list at all"; the list itself is then filtered by the selectors.
"""

from __future__ import annotations

import rules

from . import selectors


@rules.predicate
def is_province_admin(user) -> bool:
    return selectors.is_province_admin(user=user)


@rules.predicate
def is_staff_member(user) -> bool:
    return selectors.is_staff_member(user=user)


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    if unit is None:
        return selectors.is_staff_member(user=user)
    return selectors.units_for_user(user=user).filter(pk=unit.pk).exists()


@rules.predicate
def organisation_in_scope(user, organisation) -> bool:
    if organisation is None:
        return selectors.is_staff_member(user=user)
    return selectors.organisations_for_user(user=user).filter(pk=organisation.pk).exists()


@rules.predicate
def own_membership(user, membership) -> bool:
    if membership is None:
        return selectors.is_staff_member(user=user)
    return membership.user_id == user.pk


# Entering the Wagtail admin at all: any role in force (groups may also grant it).
rules.add_perm("wagtailadmin.access_admin", is_staff_member)

for model in ("administrativeunit", "unitsuccession", "organisation", "membership"):
    for action in ("add", "change", "delete"):
        rules.add_perm(f"organisations.{action}_{model}", is_province_admin)
rules.add_perm("organisations.view_administrativeunit", is_province_admin | unit_in_scope)
rules.add_perm("organisations.view_unitsuccession", is_province_admin)
rules.add_perm("organisations.view_organisation", is_province_admin | organisation_in_scope)
rules.add_perm("organisations.view_membership", is_province_admin | own_membership)
for model in ("consentrecord", "personaldataaccess"):
    rules.add_perm(f"organisations.view_{model}", is_province_admin)
