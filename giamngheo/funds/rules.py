"""Permissions of the fund as django-rules predicates.

Fund roles are not unit-based: a person is the treasurer or a board member *of a fund*, through
a membership in force (``selectors.fund_roles``). The province administrator reads every fund
but moves no money. A predicate without an object answers for the model.
"""

from __future__ import annotations

import rules

from giamngheo.organisations.rules import is_province_admin

from . import selectors
from .enums import DisbursementStatus, FundMemberRole


def _fund_of(obj):
    if obj is None:
        return None
    return obj if isinstance(obj, selectors.Fund) else obj.fund


def _role_predicate(role: str | None, name: str):
    @rules.predicate(name=name)
    def predicate(user, obj=None) -> bool:
        fund = _fund_of(obj)
        if fund is None and getattr(user, "is_authenticated", False):
            # Asked for the model on every admin page (menus, lists): once per request's user.
            cache = user.__dict__.setdefault("_fund_roles", {})
            if "v" not in cache:
                cache["v"] = frozenset(
                    selectors.fund_roles(user=user).values_list("role", flat=True)
                )
            return bool(cache["v"]) if not role else role in cache["v"]
        roles = selectors.fund_roles(user=user)
        if role:
            roles = roles.filter(role=role)
        if fund is not None:
            roles = roles.filter(fund=fund)
        return roles.exists()

    return predicate


is_fund_member = _role_predicate(None, "is_fund_member")
is_treasurer = _role_predicate(FundMemberRole.TREASURER, "is_treasurer")
is_board_member = _role_predicate(FundMemberRole.BOARD, "is_board_member")


@rules.predicate
def not_own_proposal(user, disbursement) -> bool:
    return disbursement is None or disbursement.proposed_by_id != user.pk


@rules.predicate
def awaiting_decision(user, disbursement) -> bool:
    return disbursement is None or disbursement.status == DisbursementStatus.PROPOSED


@rules.predicate
def approved(user, disbursement) -> bool:
    return disbursement is None or disbursement.status == DisbursementStatus.APPROVED


readers = is_province_admin | is_fund_member
for model in ("fund", "campaign", "donation", "disbursement", "bankstatement", "ledgerentry"):
    rules.add_perm(f"funds.view_{model}", readers)
rules.add_perm("funds.add_fund", is_province_admin)
rules.add_perm("funds.change_fund", is_province_admin)
rules.add_perm("funds.add_campaign", is_fund_member)
rules.add_perm("funds.change_campaign", is_fund_member)
rules.add_perm("funds.add_donation", is_treasurer)  # cash received against a receipt
rules.add_perm("funds.add_bankstatement", is_treasurer)
rules.add_perm("funds.match_banktransaction", is_treasurer)
rules.add_perm("funds.add_disbursement", is_fund_member)
rules.add_perm("funds.approve_disbursement", is_board_member & not_own_proposal & awaiting_decision)
rules.add_perm("funds.pay_disbursement", is_treasurer & approved)
rules.add_perm("funds.add_ledgerentry", is_treasurer)  # counter-entries only
