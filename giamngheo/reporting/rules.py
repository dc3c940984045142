"""Permissions of the reporting app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model ("may this user open the list at
all"); the list itself is then filtered by the selectors. Data sets are configured by the lead
department through services; the generic admin only reads them. A report is never deleted: it
is a record the lead department has received (a wrong one is returned and corrected).
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, organisation_in_scope

from . import selectors


@rules.predicate
def can_report(user) -> bool:
    return selectors.can_report(user=user)


@rules.predicate
def dataset_in_scope(user, dataset) -> bool:
    if dataset is None:
        return selectors.can_report(user=user)
    return selectors.datasets_for_user(user=user).filter(pk=dataset.pk).exists()


@rules.predicate
def submission_in_scope(user, submission) -> bool:
    if submission is None:
        return selectors.can_report(user=user)
    return selectors.submissions_for_user(user=user).filter(pk=submission.pk).exists()


@rules.predicate
def reviews_dataset(user, dataset) -> bool:
    """The lead department: a province administrator, or a member of the data set's lead
    organisation (``selectors.can_review``)."""
    return dataset is not None and selectors.can_review(user=user, dataset=dataset)


@rules.predicate
def never(user, obj=None) -> bool:
    return False


rules.add_perm("reporting.view_dataset", is_province_admin | dataset_in_scope)
for action in ("add", "change", "delete"):
    rules.add_perm(f"reporting.{action}_dataset", never)
rules.add_perm("reporting.view_submission", is_province_admin | submission_in_scope)
rules.add_perm("reporting.add_submission", can_report)
rules.add_perm("reporting.change_submission", submission_in_scope)
rules.add_perm("reporting.delete_submission", never)
# Approving, returning, correcting after the lock, reminding, the consolidated report: per
# data set, the lead department's.
rules.add_perm("reporting.review_dataset", reviews_dataset)
# Starting, filling and sending a body's report: a reporting role, and the body in reach.
rules.add_perm("reporting.report_for_organisation", can_report & organisation_in_scope)
# Indicators, data sets and their periods are configured by the lead department (the province
# administrator) on the screens of reporting/admin/config.py; a superuser may too.
rules.add_perm("reporting.configure_dataset", rules.is_superuser | is_province_admin)
