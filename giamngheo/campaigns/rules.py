"""Permissions of the campaigns app as django-rules predicates (see organisations.rules).

A predicate called without an object answers for the model ("may this user open the list at
all"); the list itself is filtered by the selectors. Moderation is an assignment: the campaign's
moderators (and the province administrator) approve, reject, hide, take down and feature; the
owner's officers read the campaign and its items and edit the campaign.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member

from . import selectors


def _once(user, key: str, compute) -> bool:
    """A model-level answer asked on every admin page (menus, lists): once per request's user."""
    if not getattr(user, "is_authenticated", False):
        return bool(compute())
    cache = user.__dict__.setdefault(key, {})
    if "v" not in cache:
        cache["v"] = bool(compute())
    return cache["v"]


@rules.predicate
def reaches_campaigns(user) -> bool:
    return _once(user, "_campaigns", lambda: selectors.campaigns_for_user(user=user).exists())


@rules.predicate
def campaign_in_scope(user, campaign) -> bool:
    if campaign is None:
        return reaches_campaigns(user)
    return selectors.campaigns_for_user(user=user).filter(pk=campaign.pk).exists()


@rules.predicate
def owns_campaign(user, campaign) -> bool:
    if campaign is None:
        return _once(user, "_owns", lambda: selectors.owned_campaigns(user=user).exists())
    return selectors.is_owner(user=user, campaign=campaign)


@rules.predicate
def submission_in_scope(user, submission) -> bool:
    if submission is None:
        return reaches_campaigns(user)
    return selectors.submissions_for_user(user=user).filter(pk=submission.pk).exists()


@rules.predicate
def moderates(user, submission) -> bool:
    if submission is None:
        return reaches_campaigns(user)
    return selectors.is_moderator(user=user, campaign=submission.campaign)


rules.add_perm("campaigns.view_platform", is_staff_member)
for action in ("add", "change"):
    rules.add_perm(f"campaigns.{action}_platform", is_province_admin)
rules.add_perm("campaigns.view_campaign", is_staff_member & campaign_in_scope)
rules.add_perm("campaigns.change_campaign", is_staff_member & owns_campaign)
rules.add_perm("campaigns.view_submission", is_staff_member & submission_in_scope)
rules.add_perm("campaigns.moderate_submission", is_staff_member & moderates)


@rules.predicate
def has_digital_activity(user) -> bool:
    return _once(user, "_digital", lambda: selectors.digital_activities(user=user).exists())


# The set-up screens: a campaign is created on an activity of item 2.6 in the user's planning
# scope; its owner edits it and names its moderators.
rules.add_perm("campaigns.create_campaign", is_staff_member & has_digital_activity)
rules.add_perm("campaigns.assign_moderators", is_staff_member & owns_campaign)
