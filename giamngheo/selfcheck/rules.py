"""Permissions of the self-check (django-rules). The standard and the policies are the province's
to edit; contact requests are read by the province administrator and the officers of the
household's commune (the list itself is filtered by ``selectors.contact_requests_for_user``)."""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin, is_staff_member

from . import selectors


@rules.predicate
def follows_up_households(user) -> bool:
    return selectors.follows_up_households(user=user)


@rules.predicate
def contact_request_in_reach(user, contact_request) -> bool:
    if contact_request is None:
        return True
    return selectors.contact_requests_for_user(user=user).filter(pk=contact_request.pk).exists()


for _model in ("povertystandard", "dimension", "indicator", "supportpolicy"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"selfcheck.{_action}_{_model}", is_province_admin)

# Staff outside the follow-up (an editor) are refused the list, not shown an empty one.
_follows_up = is_staff_member & follows_up_households & contact_request_in_reach
rules.add_perm("selfcheck.view_contactrequest", _follows_up)
rules.add_perm("selfcheck.handle_contactrequest", _follows_up)
rules.add_perm("selfcheck.delete_contactrequest", is_province_admin)
