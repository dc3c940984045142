"""Reads. A handler reaches a feedback item only through ``feedback_for_user`` /
``get_feedback_for_user``; the public reaches it only by tracking code or private token, and then
only through the fields of ``PUBLIC_FIELDS`` (never the reporter)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from giamngheo.core.text import fold
from giamngheo.organisations.enums import Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership
from giamngheo.organisations.selectors import active_memberships, is_province_admin

from .models import Category, Feedback, RoutingRule
from .rules import CODE_ALPHABET, CODE_PREFIX

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
    if is_province_admin(user=user):
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


def in_reach(*, user, feedback: Feedback) -> bool:
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


def feedback_for_user(*, user) -> QuerySet[Feedback]:
    """The register as the user may see it: items routed to the organisations the user handles
    feedback for (not their subtree: reporters' details stay with the body that answers)."""
    qs = Feedback.objects.select_related("category", "unit", "organisation", "answer")
    if _anonymous(user):
        return qs.none()
    if sees_all_feedback(user=user):
        return qs
    orgs = handler_memberships(user=user).values("organisation_id")
    return qs.filter(organisation_id__in=orgs)


def get_feedback_for_user(*, user, pk) -> Feedback:
    """The item, or 404 when it does not exist *or* lies outside the user's reach."""
    item = feedback_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if item is None:
        raise Http404
    return item


# --- routing ---------------------------------------------------------------------------------


def _ancestor_paths(unit: AdministrativeUnit) -> list[str]:
    parts = [p for p in unit.path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def route_for(*, unit: AdministrativeUnit, category: Category, on: date) -> RoutingRule | None:
    """The most specific rule in force on ``on``: the category's own rule before a rule for every
    category, then the deepest unit. One query."""
    rules = list(
        RoutingRule.objects.valid_on(on)
        .filter(unit__path__in=_ancestor_paths(unit))
        .filter(Q(category=category) | Q(category__isnull=True))
        .select_related("unit", "organisation")
    )
    if not rules:
        return None
    return max(rules, key=lambda r: (r.category_id is not None, len(r.unit.path), r.pk))


# --- public ----------------------------------------------------------------------------------


def normalise_code(raw: str) -> str:
    """``"pa 7k3m 9q"`` → ``"PA-7K3M-9Q"``: what a citizen reads over the phone, however typed."""
    text = re.sub(r"[\s\-–—_.]", "", (raw or "").upper())
    if text.startswith(CODE_PREFIX):
        text = text[len(CODE_PREFIX) :]
    if len(text) != 6 or any(c not in CODE_ALPHABET for c in text):
        return ""
    return f"{CODE_PREFIX}-{text[:4]}-{text[4:]}"


def get_public_feedback(*, code: str) -> Feedback | None:
    normalised = normalise_code(code)
    if not normalised:
        return None
    return (
        Feedback.objects.select_related("category", "unit", "organisation", "answer")
        .filter(tracking_code=normalised)
        .first()
    )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_feedback_by_token(*, token: str) -> Feedback:
    if not token or len(token) > 100:
        raise Http404
    item = (
        Feedback.objects.select_related("category", "unit", "organisation", "answer")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if item is None:
        raise Http404
    return item


def published_answers(*, query: str = "") -> QuerySet[Feedback]:
    """Items whose answer was published (with the citizen's consent), newest answer first;
    ``query`` matches without diacritics, every word."""
    qs = (
        Feedback.objects.filter(answer__is_published=True, consent_publish=True)
        .select_related("category", "unit", "organisation", "answer")
        .order_by("-answer__published_at", "-pk")
    )
    for word in fold(query).split()[:10]:
        qs = qs.filter(search_folded__contains=word)
    return qs


def events_for(*, feedback: Feedback):
    return feedback.events.select_related("organisation").order_by("created_at", "pk")


@dataclass(frozen=True)
class ProvinceCommunes:
    province: AdministrativeUnit
    communes: list[AdministrativeUnit]


def communes_today(*, on: date | None = None) -> list[ProvinceCommunes]:
    """Communes in force today, grouped by their province. One query."""
    day = on or timezone.localdate()
    communes = (
        AdministrativeUnit.objects.valid_on(day)
        .filter(level=UnitLevel.COMMUNE)
        .select_related("parent", "parent__parent")
        .order_by("name_folded")
    )
    groups: dict[int, ProvinceCommunes] = {}
    for commune in communes:
        province = commune.parent
        if province is not None and province.level != UnitLevel.PROVINCE:
            province = province.parent
        if province is None:
            continue
        groups.setdefault(province.pk, ProvinceCommunes(province, [])).communes.append(commune)
    return sorted(groups.values(), key=lambda g: g.province.name_folded)


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)
