"""Who is told: the e-mail addresses of the lead department and of each organisation; the
submission with what its page shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import Membership

from ..models import DataSet, Submission
from .common import _today


def lead_recipients(*, dataset: DataSet) -> list[str]:
    """E-mail addresses of the lead department's members (province admins and approvers)."""
    if dataset.lead_organisation_id is None:
        return []
    return _emails(
        Membership.objects.valid_on(_today()).filter(
            organisation_id=dataset.lead_organisation_id,
            role__in=[Role.PROVINCE_ADMIN, Role.APPROVER, Role.UNIT_OFFICER],
        )
    )


def organisation_recipients(*, organisation_ids: Iterable[int]) -> dict[int, list[str]]:
    """``{organisation id: [e-mail]}`` of the reporting officers of each organisation. One query."""
    result: dict[int, list[str]] = defaultdict(list)
    rows = (
        Membership.objects.valid_on(_today())
        .filter(
            organisation_id__in=list(organisation_ids),
            role__in=[Role.UNIT_OFFICER, Role.APPROVER, Role.PROVINCE_ADMIN],
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
    )
    for org_id, email in rows:
        if email not in result[org_id]:
            result[org_id].append(email)
    return result


def _emails(memberships: QuerySet) -> list[str]:
    return sorted(
        set(
            memberships.filter(user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def submission_detail(*, submission: Submission) -> Submission:
    """The submission with its evidence and events loaded."""
    return (
        Submission.objects.filter(pk=submission.pk)
        .select_related("dataset", "dataset__plan", "period", "organisation", "organisation__unit")
        .prefetch_related("evidence", Prefetch("events"))
        .get()
    )
