"""Permissions of the feedback app (django-rules) and the shape of a tracking code."""

from __future__ import annotations

import rules

# Read over the phone: no 0/O, no 1/I; 32 symbols, 6 of them ≈ 10⁹ codes.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_PREFIX = "PA"


@rules.predicate
def is_feedback_handler(user) -> bool:
    from . import selectors

    return selectors.is_feedback_handler(user=user)


@rules.predicate
def feedback_in_reach(user, feedback) -> bool:
    from . import selectors

    if feedback is None:
        return selectors.is_feedback_handler(user=user)
    return selectors.in_reach(user=user, feedback=feedback)


@rules.predicate
def is_province_admin(user) -> bool:
    from giamngheo.organisations.selectors import is_province_admin as check

    return check(user=user)


@rules.predicate
def may_publish(user) -> bool:
    from . import selectors

    return selectors.may_publish_answers(user=user)


rules.add_perm("feedback.view_feedback", is_feedback_handler & feedback_in_reach)
rules.add_perm("feedback.handle_feedback", is_feedback_handler & feedback_in_reach)
for _model in ("category", "routingrule"):
    rules.add_perm(f"feedback.view_{_model}", is_province_admin)
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"feedback.{_action}_{_model}", is_province_admin)
# Keys are created on the command line (the clear key is shown once); the admin revokes them.
rules.add_perm("feedback.view_apikey", is_province_admin)
rules.add_perm("feedback.change_apikey", is_province_admin)
rules.add_perm("feedback.publish_answer", may_publish & feedback_in_reach)
# Banning a sender weighs more than hiding one item: approvers and the province only.
rules.add_perm("feedback.ban_reporter", may_publish & feedback_in_reach)
# Deadlines by kind, the ban list: the province administrator. Answer templates: every handler
# reads them (they are offered in the answer editor); the province administrator writes them.
for _model in ("deadlinepolicy", "ban", "answertemplate"):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"feedback.{_action}_{_model}", is_province_admin)
rules.add_perm("feedback.view_deadlinepolicy", is_province_admin)
rules.add_perm("feedback.view_ban", is_province_admin)
rules.add_perm("feedback.view_answertemplate", is_feedback_handler)
