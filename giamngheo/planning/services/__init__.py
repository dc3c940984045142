"""Writes: plans and their items (``plans``), sub-plans and their one status transition
(``subplans``), activities with their budget, outputs, evidence and status (``activities``).

Every write is validated (``full_clean``) and multi-row writes run in one transaction, so a
refused field leaves nothing half-saved. Writes made on behalf of a person take ``actor`` and
refuse (PermissionDenied) what lies outside that person's scope. Status changes go through
``core.workflow.transition``.
"""

from .activities import (
    EVIDENCE_KINDS,
    BudgetSpec,
    add_evidence_file,
    add_evidence_link,
    create_activity,
    overspend_message,
    overspent_lines,
    set_activity_budget,
    set_activity_outputs,
    update_activity,
)
from .plans import (
    AssignmentSpec,
    FundingSpec,
    ItemSpec,
    add_assignment,
    add_funding_source,
    add_plan_item,
    create_plan,
    lead_assignment,
    set_assignment_organisations,
    set_plan_issuing_body,
)
from .subplans import (
    approve_subplan,
    create_subplan,
    return_subplan,
    submit_subplan,
    transition_subplan,
    update_subplan,
)

__all__ = [
    "EVIDENCE_KINDS",
    "AssignmentSpec",
    "BudgetSpec",
    "FundingSpec",
    "ItemSpec",
    "add_assignment",
    "add_evidence_file",
    "add_evidence_link",
    "add_funding_source",
    "add_plan_item",
    "approve_subplan",
    "create_activity",
    "create_plan",
    "create_subplan",
    "lead_assignment",
    "overspend_message",
    "overspent_lines",
    "return_subplan",
    "set_activity_budget",
    "set_activity_outputs",
    "set_assignment_organisations",
    "set_plan_issuing_body",
    "submit_subplan",
    "transition_subplan",
    "update_activity",
    "update_subplan",
]
