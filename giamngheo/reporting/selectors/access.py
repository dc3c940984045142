"""Who reaches which data sets, periods and reports (scoped reads)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from giamngheo.organisations.models import Membership
from giamngheo.organisations.selectors import (
    is_province_admin,
    organisations_for_user,
    user_roles,
)

from ..enums import SubmissionStatus
from ..models import DataSet, Period, Submission
from .common import REPORTING_ROLES, _pk, _today

# --- access ----------------------------------------------------------------------------------


def can_report(*, user) -> bool:
    return is_province_admin(user=user) or bool(user_roles(user=user) & REPORTING_ROLES)


def _member_organisation_ids(*, user) -> QuerySet:
    return (
        Membership.objects.valid_on(_today())
        .filter(user=user, role__in=REPORTING_ROLES)
        .values("organisation_id")
    )


def led_datasets(*, user) -> QuerySet[DataSet]:
    """Data sets whose lead organisation (the lead department) the user works for."""
    if not can_report(user=user):
        return DataSet.objects.none()
    return DataSet.objects.filter(lead_organisation__in=_member_organisation_ids(user=user))


def can_review(*, user, dataset: DataSet) -> bool:
    """The lead department approves and returns: a province administrator, or a member of the
    data set's lead organisation."""
    if is_province_admin(user=user):
        return True
    return led_datasets(user=user).filter(pk=dataset.pk).exists()


def datasets_for_user(*, user) -> QuerySet[DataSet]:
    qs = DataSet.objects.select_related("plan", "lead_organisation")
    if is_province_admin(user=user):
        return qs
    if not can_report(user=user):
        return qs.none()
    orgs = organisations_for_user(user=user).values("pk")
    # A subquery, not a join: the list's counts (organisations, indicators) must count the
    # whole data set, not only the rows the filter's join would leave.
    reached = DataSet.objects.filter(
        Q(organisations__in=orgs) | Q(pk__in=led_datasets(user=user).values("pk"))
    ).values("pk")
    return qs.filter(pk__in=reached)


def get_dataset_for_user(*, user, pk) -> DataSet:
    dataset = datasets_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if dataset is None:
        raise Http404
    return dataset


def dataset_list_for_user(*, user) -> QuerySet[DataSet]:
    """Data sets with their counts of indicators, organisations and periods. One query."""
    return (
        datasets_for_user(user=user)
        .annotate(
            indicator_count=Count("elements", distinct=True),
            organisation_count=Count("organisations", distinct=True),
            period_count=Count("periods", distinct=True),
        )
        .order_by("code")
    )


def get_period_for_user(*, user, dataset: DataSet, pk) -> Period:
    period = dataset.periods.filter(pk=pk).first() if _pk(pk) else None
    if period is None:
        raise Http404
    period.dataset = dataset
    return period


def periods_of(*, dataset: DataSet) -> list[Period]:
    periods = list(dataset.periods.order_by("-start"))
    for p in periods:
        p.dataset = dataset
    return periods


def submissions_for_user(*, user) -> QuerySet[Submission]:
    qs = Submission.objects.select_related(
        "dataset", "period", "period__dataset", "organisation", "organisation__unit"
    )
    if is_province_admin(user=user):
        return qs
    if not can_report(user=user):
        return qs.none()
    return qs.filter(
        Q(organisation__in=organisations_for_user(user=user).values("pk"))
        | Q(dataset__in=led_datasets(user=user).values("pk"))
    )


def get_submission_for_user(*, user, pk) -> Submission:
    """The submission, or 404 when it does not exist *or* lies outside the user's scope."""
    submission = submissions_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if submission is None:
        raise Http404
    return submission


def submission_list_for_user(*, user) -> QuerySet[Submission]:
    """The user's reports with their value count; one query."""
    return (
        submissions_for_user(user=user)
        .annotate(value_count=Count("values"))
        .order_by("-period__start", "dataset__code", "organisation__name", "pk")
    )


def report_todo_counts(*, user) -> dict[str, int]:
    """What waits for ``user`` in reporting, in two queries whatever the number of bodies:

    - ``due``: reports their own bodies (memberships) still owe — periods begun and not locked,
      each organisation of the data set without a sent (submitted or approved) report;
    - ``returned``: reports in their reach returned for completion;
    - ``to_review``: reports sent and waiting in the data sets they review (the lead
      department; a province administrator all)."""
    zero = {"due": 0, "returned": 0, "to_review": 0}
    if not can_report(user=user):
        return zero
    today = _today()
    own = _member_organisation_ids(user=user)
    through = DataSet.organisations.through
    expected = (
        through.objects.filter(dataset_id=OuterRef("dataset_id"), organisation_id__in=own)
        .values("dataset_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sent = (
        Submission.objects.filter(
            period_id=OuterRef("pk"),
            organisation_id__in=own,
            status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
        )
        .values("period_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Period.objects.filter(start__lte=today)
        .filter(
            Exists(
                through.objects.filter(dataset_id=OuterRef("dataset_id"), organisation_id__in=own)
            )
        )
        .annotate(expected=Coalesce(Subquery(expected), 0), sent=Coalesce(Subquery(sent), 0))
        .values_list("due_date", "dataset__expiry_days", "expected", "sent")
    )
    due = sum(
        max(expected_n - sent_n, 0)
        for due_date, expiry, expected_n, sent_n in rows
        if not (expiry and today >= due_date + timedelta(days=expiry))
    )
    in_reach = Q(organisation__in=organisations_for_user(user=user).values("pk"))
    reviewed = (
        Q() if is_province_admin(user=user) else Q(dataset__in=led_datasets(user=user).values("pk"))
    )
    counts = submissions_for_user(user=user).aggregate(
        returned=Count("pk", filter=Q(status=SubmissionStatus.RETURNED) & in_reach),
        to_review=Count("pk", filter=Q(status=SubmissionStatus.SUBMITTED) & reviewed),
    )
    return {"due": due, **counts}
