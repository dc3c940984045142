"""Writes of the reporting app: indicators, data sets and periods (``setup``), submissions and
their values (``submissions``), the one status change and its notices (``review``).

Every write is validated before anything is stored and multi-row writes run in one
transaction, so a refused value leaves nothing half-saved. Writes made for a person take
``actor`` and refuse (PermissionDenied) what lies outside their scope.

- ``transition_submission`` is the one way a submission changes status (through
  ``core.workflow.transition``); it writes the audit row and, after commit, sends the
  notification e-mails (to the lead department on submit, to the reporting organisation on
  approve / return).
- ``save_values`` stores the officer's figures under optimistic locking.
"""

from ..enums import PrefillSource
from ..reminders import send_reminder
from .review import (
    approve_submission,
    remind_missing,
    return_submission,
    submit_submission,
    transition_submission,
)
from .setup import (
    PERIOD_HAS_REPORTS,
    ElementSpec,
    create_dataset,
    create_indicator,
    create_period,
    delete_period,
    set_dataset_elements,
    set_dataset_organisations,
    set_period_due_date,
    update_dataset,
    update_period,
)
from .submissions import (
    EVIDENCE_KINDS,
    MAX_NOTE,
    MAX_REASON,
    STALE_MESSAGE,
    add_evidence,
    field_key,
    parse_number,
    prefill_submission,
    save_values,
    start_submission,
)

__all__ = [
    "EVIDENCE_KINDS",
    "MAX_NOTE",
    "MAX_REASON",
    "PERIOD_HAS_REPORTS",
    "STALE_MESSAGE",
    "ElementSpec",
    "PrefillSource",
    "add_evidence",
    "approve_submission",
    "create_dataset",
    "create_indicator",
    "create_period",
    "delete_period",
    "field_key",
    "parse_number",
    "prefill_submission",
    "remind_missing",
    "return_submission",
    "save_values",
    "send_reminder",
    "set_dataset_elements",
    "set_dataset_organisations",
    "set_period_due_date",
    "start_submission",
    "submit_submission",
    "transition_submission",
    "update_dataset",
    "update_period",
]
