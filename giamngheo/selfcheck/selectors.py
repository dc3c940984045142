"""Reads of the self-check: the standard in force on a day, the policies for a class, the
communes a household can name, and the contact requests a staff member may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from giamngheo.organisations import selectors as org_selectors
from giamngheo.organisations.enums import Role
from giamngheo.portal.models import PolicyIndexPage

from .enums import Classification
from .models import ContactRequest, Dimension, Indicator, PovertyStandard, SupportPolicy

_POLICY_FLAG = {
    Classification.POOR: "for_poor",
    Classification.NEAR_POOR: "for_near_poor",
    Classification.AVERAGE: "for_average",
}


_HANDLING_ROLES = frozenset({Role.UNIT_OFFICER, Role.APPROVER})


def today() -> date:
    return timezone.localdate()


def standard_for(*, on: date) -> PovertyStandard | None:
    """The published standard in force on ``on``, with its dimensions and indicators loaded
    (three queries), or None when no standard covers that day."""
    return (
        PovertyStandard.objects.filter(is_published=True, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .prefetch_related(
            Prefetch(
                "dimensions",
                queryset=Dimension.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
                ),
            )
        )
        .order_by("-valid_from")
        .first()
    )


def indicators_of(standard: PovertyStandard) -> list[Indicator]:
    """Every indicator of a standard loaded by ``standard_for``, in order (no query)."""
    return [i for d in standard.dimensions.all() for i in d.indicators.all()]


def policies_for(*, classification: str) -> QuerySet[SupportPolicy]:
    flag = _POLICY_FLAG.get(classification)
    if flag is None:
        return SupportPolicy.objects.none()
    return SupportPolicy.objects.filter(is_active=True, **{flag: True}).select_related("page")


def policy_library():
    """The portal's policy library page (live), or None."""
    return PolicyIndexPage.objects.live().public().order_by("path").first()


def contact_requests_for_user(*, user) -> QuerySet[ContactRequest]:
    """The province administrator sees every request; a unit officer or approver those of the
    communes in their reach; anyone else (editors, jurors, citizens) none: a household's
    details are for the officials who follow up on them."""
    base = ContactRequest.objects.select_related("commune", "standard")
    if org_selectors.is_province_admin(user=user):
        return base
    if not follows_up_households(user=user):
        return base.none()
    return base.filter(commune__in=org_selectors.units_for_user(user=user))


def follows_up_households(*, user) -> bool:
    """Who reads households' contact requests at all (``selfcheck.rules`` asks this too): the
    province administrator, and unit officers and approvers for the communes in their reach."""
    return org_selectors.is_province_admin(user=user) or bool(
        org_selectors.user_roles(user=user) & _HANDLING_ROLES
    )


def get_contact_request_for_user(*, user, pk) -> ContactRequest:
    try:
        return contact_requests_for_user(user=user).get(pk=int(pk))
    except (ContactRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
