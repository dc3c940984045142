"""Permissions of the contests app as django-rules predicates (see organisations.rules).

The generic admin only lists contests; everything else goes through the screens of ``views``
and the services. Entrants and jurors are not staff: they never enter the admin.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_staff_member

from . import selectors
from .services import is_secretary, may_organise


def _once(user, key: str, compute) -> bool:
    if not getattr(user, "is_authenticated", False):
        return bool(compute())
    cache = user.__dict__.setdefault(key, {})
    if "v" not in cache:
        cache["v"] = bool(compute())
    return cache["v"]


@rules.predicate
def reaches_contests(user) -> bool:
    return _once(user, "_contests", lambda: selectors.contests_for_user(user=user).exists())


@rules.predicate
def contest_in_scope(user, contest) -> bool:
    if contest is None:
        return reaches_contests(user)
    return selectors.contests_for_user(user=user).filter(pk=contest.pk).exists()


@rules.predicate
def organises(user, contest) -> bool:
    if contest is None:
        return reaches_contests(user)
    return may_organise(user=user, contest=contest)


@rules.predicate
def secretary_of(user, obj) -> bool:
    if obj is None:
        return _once(
            user, "_contest_secretary", lambda: selectors.secretariat_contests(user=user).exists()
        )
    contest = getattr(obj, "contest", obj)
    return is_secretary(user=user, contest=contest)


rules.add_perm("contests.view_contest", is_staff_member & contest_in_scope)
rules.add_perm("contests.manage_contest", is_staff_member & organises)
rules.add_perm("contests.view_entry", is_staff_member & reaches_contests)
rules.add_perm("contests.check_entry", is_staff_member & secretary_of)
rules.add_perm("contests.view_identity", is_staff_member & secretary_of)


@rules.predicate
def has_contest_activity(user) -> bool:
    return _once(
        user, "_contest_activity", lambda: selectors.contest_activities(user=user).exists()
    )


@rules.predicate
def secretary_or_organiser(user, contest) -> bool:
    if contest is None:
        return reaches_contests(user)
    return is_secretary(user=user, contest=contest) or may_organise(user=user, contest=contest)


# The set-up screens: a contest is created on an activity of item 2.2 in the user's planning
# scope; the organiser's officers edit it, its rounds and its jury; the secretariat too records
# the conflicts a juror reports (it alone knows who wrote what).
rules.add_perm("contests.create_contest", is_staff_member & has_contest_activity)
rules.add_perm("contests.record_conflict", is_staff_member & secretary_or_organiser)
