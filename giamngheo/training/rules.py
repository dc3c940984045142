"""Permissions of the training app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model (may this user open the list at
all); the lists are filtered by the selectors. Courses, allotments, participants, marks and
certificates are written only by the services, through the screens of ``views``.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member
from giamngheo.planning.enums import FormKind
from giamngheo.planning.selectors import activities_for_user

from . import selectors
from .services import may_manage, may_name


def _once(user, key: str, compute) -> bool:
    """A model-level answer asked on every admin page (menus, lists): once per request's user."""
    if not getattr(user, "is_authenticated", False):
        return bool(compute())
    cache = user.__dict__.setdefault(key, {})
    if "v" not in cache:
        cache["v"] = bool(compute())
    return cache["v"]


@rules.predicate
def sees_courses(user) -> bool:
    return _once(user, "_training_courses", lambda: selectors.courses_for_user(user=user).exists())


@rules.predicate
def course_in_scope(user, course) -> bool:
    if course is None:
        return sees_courses(user)
    return selectors.courses_for_user(user=user).filter(pk=course.pk).exists()


@rules.predicate
def manages_course(user, course) -> bool:
    if course is None:
        return _once(
            user,
            "_training_manages",
            lambda: selectors.managed_courses_for_user(user=user).exists(),
        )
    return may_manage(user=user, course=course)


@rules.predicate
def may_organise(user) -> bool:
    """Creates courses: a staff member with a training activity in reach (checked again by the
    service for the activity chosen)."""
    return _once(
        user,
        "_training_organise",
        lambda: activities_for_user(user=user).filter(form__form_kind=FormKind.TRAINING).exists(),
    )


@rules.predicate
def names_for(user, allotment) -> bool:
    if allotment is None:
        return sees_courses(user)
    return may_name(user=user, allotment=allotment)


@rules.predicate
def enrolment_in_scope(user, enrolment) -> bool:
    if enrolment is None:
        return sees_courses(user)
    return selectors.enrolments_for_user(user=user).filter(pk=enrolment.pk).exists()


@rules.predicate
def manages_certificate(user, certificate) -> bool:
    if certificate is None:
        return manages_course(user, None)
    return may_manage(user=user, course=certificate.enrolment.course)


rules.add_perm("training.view_targetgroup", is_staff_member)
for action in ("add", "change", "delete"):
    rules.add_perm(f"training.{action}_targetgroup", is_province_admin)
rules.add_perm("training.view_course", is_staff_member & course_in_scope)
rules.add_perm("training.add_course", is_staff_member & may_organise)
rules.add_perm("training.manage_course", is_staff_member & manages_course)
rules.add_perm("training.view_allotment", is_staff_member & course_in_scope)
rules.add_perm("training.name_participants", is_staff_member & names_for)
rules.add_perm("training.view_enrolment", is_staff_member & enrolment_in_scope)
rules.add_perm("training.view_certificate", is_staff_member & sees_courses)
rules.add_perm("training.revoke_certificate", is_staff_member & manages_certificate)
