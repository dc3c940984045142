"""Permissions of the awards app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model (may this user open the list at
all); the lists are filtered by the selectors. Every write goes through ``services``.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member

from . import selectors
from .enums import NominationStatus
from .models import CouncilMeeting, Nomination, Round


def _once(user, key: str, compute) -> bool:
    if not getattr(user, "is_authenticated", False):
        return bool(compute())
    cache = user.__dict__.setdefault(key, {})
    if "v" not in cache:
        cache["v"] = bool(compute())
    return cache["v"]


def _round_of(obj) -> Round | None:
    if isinstance(obj, Round):
        return obj
    if isinstance(obj, Nomination | CouncilMeeting):
        return obj.round
    return None


@rules.predicate
def reaches_nominations(user, obj=None) -> bool:
    if obj is None:
        return _once(
            user, "_awards_any", lambda: selectors.nominations_for_user(user=user).exists()
        )
    return selectors.nominations_for_user(user=user).filter(pk=obj.pk).exists()


@rules.predicate
def nominates_for(user, organisation) -> bool:
    if organisation is None:
        return _once(
            user,
            "_awards_nominator",
            lambda: selectors.nominating_organisations(user=user).exists(),
        )
    return selectors.may_nominate(user=user, organisation=organisation)


@rules.predicate
def edits(user, nomination) -> bool:
    if nomination is None:
        return nominates_for(user, None)
    return nomination.status in {
        NominationStatus.DRAFT,
        NominationStatus.RETURNED,
    } and selectors.may_nominate(user=user, organisation=nomination.nominating_organisation)


@rules.predicate
def in_office(user, obj) -> bool:
    if obj is None:
        return bool(selectors.office_organisation_ids(user=user)) or is_province_admin(user)
    round_ = _round_of(obj)
    return round_ is not None and selectors.is_office(user=user, round=round_)


@rules.predicate
def sits_on(user, meeting) -> bool:
    if meeting is None:
        return bool(selectors.council_organisation_ids(user=user))
    return selectors.seat_of(user=user, meeting=meeting) is not None


@rules.predicate
def runs_rounds(user) -> bool:
    return _once(user, "_awards_runs", lambda: selectors.round_activities(user=user).exists())


@rules.predicate
def reaches_rounds(user, round_=None) -> bool:
    if round_ is None:
        return _once(user, "_awards_rounds", lambda: selectors.rounds_for_user(user=user).exists())
    return selectors.rounds_for_user(user=user).filter(pk=round_.pk).exists()


rules.add_perm("awards.create_round", is_staff_member & runs_rounds)
# The rounds list (the "Thi đua, khen thưởng" menu): whoever a round concerns — its office,
# the units that nominate in it, its council — not only holders of Django's model permission.
rules.add_perm("awards.view_round", is_staff_member & reaches_rounds)
rules.add_perm("awards.view_nomination", is_staff_member & reaches_nominations)
rules.add_perm("awards.nominate", is_staff_member & nominates_for)
rules.add_perm("awards.edit_nomination", is_staff_member & edits)
rules.add_perm("awards.appraise", is_staff_member & in_office)
rules.add_perm("awards.manage_meeting", is_staff_member & in_office)
rules.add_perm("awards.view_identity", is_staff_member & in_office)
rules.add_perm("awards.cast_vote", is_staff_member & sits_on)
rules.add_perm("awards.view_meeting", is_staff_member & (in_office | sits_on))
