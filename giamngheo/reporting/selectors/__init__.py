"""Reads of the reporting app. The contract other modules (documents, results, portal) build on.

Scoped reads (a person is involved) take ``user``:

- ``submissions_for_user(user=)`` / ``get_submission_for_user(user=, pk=)`` — an officer reaches
  the reports of the organisations in their scope; the lead department (members of a data set's
  ``lead_organisation``) reaches every report of that data set; a province administrator all.
- ``datasets_for_user`` / ``get_dataset_for_user``, ``get_period_for_user``.
- ``can_review(user=, dataset=)`` — may approve / return reports of the data set.

Computed figures (no user: the caller has already checked access), each in a constant number
of queries whatever the number of organisations, values or activities:

- ``completeness(*, dataset, period, on=None) -> Completeness`` — ``expected``, ``submitted``
  (submitted or approved), ``on_time``, ``late``, ``missing`` counts; ``rate`` and
  ``timely_rate`` (percent, Decimal with one decimal, 0 when nothing is expected); ``rows`` — one
  ``CompletenessRow`` per expected organisation (``organisation``, ``unit``, ``submission`` or
  None, ``status`` — a ``SubmissionStatus`` value or ``"missing"``, ``status_label``,
  ``submitted_at``, ``is_reported``, ``is_late``), ordered by unit path then organisation name;
  ``by_unit`` — the same counts per covered unit. ``on`` (a datetime) counts only reports sent
  by then. On time = sent on or before ``period.late_after`` (due date + grace days), the day
  taken in Asia/Ho_Chi_Minh.
- ``consolidated_values(*, dataset, period, approved_only=False)`` —
  ``{(indicator_code, category): Decimal}`` over the reported (submitted or approved, or only
  approved) reports, combined by each indicator's aggregation (sum / average / max; ``none``
  and text indicators are left out).
- ``values_by_organisation(*, dataset, period, approved_only=False) -> list[OrganisationValue]``
  — (organisation, unit, indicator_code, indicator_name, category, value, text, status) of the
  reported reports, for the XLSX annex; ``text`` already neutralised for spreadsheets.
- ``roll_up(*, dataset, period, indicator, into_today=False, category=None, on=None)
  -> list[UnitTotal]`` — totals per unit along the unit tree as of the period's end (each
  organisation's covered unit and all its ancestors); with ``into_today`` each unit is first
  carried to the unit that succeeded it on ``on`` (default today) through the successions, so
  2023 districts land in today's communes and province.
- ``communication_results(*, plan) -> dict`` — the plan's communication results: per form
  2.1–2.6 (activity count, outputs per ``planning.registry`` measure, budget planned/spent), per
  content 1.x (the same), per funding source (planned, spent, rate) and totals.
- ``approved_results(*, dataset, periods) -> dict`` — the communication results the approved
  reports of ``periods`` state (``communication_results``' shape, ``None`` where no indicator
  states a figure), with ``approved`` (reports counted) and ``periods`` (names): the one source
  of the consolidated report and the public results page. ``results_from_values(*, dataset,
  values)`` maps consolidated values onto that shape; ``results_dataset(*, plan)`` is the plan's
  data set that states its results.
- ``item_heading(text)`` — a plan item's heading as reports name it, whole words only.
- ``prefill_figures(*, dataset, period, organisation)`` — ``{(indicator_code, category):
  Decimal}`` computed from the organisation's activities under the data set's plan that overlap
  the period: what ``services.prefill_submission`` writes.
- ``indicator_categories(*, dataset)`` — ``{indicator_id: [(category code, label)]}``.
- ``submission_form(*, submission)`` — the rows of the entry form, each indicator × category
  with its ``DataValue`` (or None).

The package follows the sections of the original module: ``access`` (scoped reads), ``forms``
(categories, the entry form), ``completeness``, ``values`` (consolidated values),
``rollup`` (the unit tree), ``figures`` (communication results and the pre-fill, counted through
``planning.registry`` for a period), ``approved`` (the results approved reports state),
``recipients``; every name is re-exported here.
"""

from .access import (
    _member_organisation_ids,
    can_report,
    can_review,
    dataset_list_for_user,
    datasets_for_user,
    get_dataset_for_user,
    get_period_for_user,
    get_submission_for_user,
    led_datasets,
    periods_of,
    report_todo_counts,
    submission_list_for_user,
    submissions_for_user,
)
from .approved import (
    approved_results,
    approved_submissions,
    results_dataset,
    results_from_values,
)
from .common import (
    MISSING,
    MISSING_LABEL,
    REPORTING_ROLES,
    ZERO,
    _pk,
    _today,
    local_day,
)
from .completeness import (
    Completeness,
    CompletenessRow,
    UnitCompleteness,
    _percent,
    completeness,
    expected_organisations,
    is_late,
)
from .figures import (
    _activity_figures,
    _bucket,
    _counted_activities,
    _figures_by_category,
    _prefill_value,
    communication_results,
    organisation_activities,
    prefill_figures,
)
from .forms import (
    FormRow,
    _elements,
    _plan_categories,
    format_value,
    indicator_categories,
    item_heading,
    submission_form,
)
from .recipients import (
    _emails,
    lead_recipients,
    organisation_recipients,
    submission_detail,
)
from .rollup import (
    UnitTotal,
    _aggregate,
    _ancestor_ids,
    roll_up,
)
from .values import (
    OrganisationValue,
    _combine,
    _reported_values,
    consolidated_values,
    values_by_organisation,
)

__all__ = [
    "MISSING",
    "MISSING_LABEL",
    "REPORTING_ROLES",
    "ZERO",
    "Completeness",
    "CompletenessRow",
    "FormRow",
    "OrganisationValue",
    "UnitCompleteness",
    "UnitTotal",
    "_activity_figures",
    "_aggregate",
    "_ancestor_ids",
    "_bucket",
    "_combine",
    "_counted_activities",
    "_elements",
    "_emails",
    "_figures_by_category",
    "_member_organisation_ids",
    "_percent",
    "_pk",
    "_plan_categories",
    "_prefill_value",
    "_reported_values",
    "_today",
    "approved_results",
    "approved_submissions",
    "can_report",
    "can_review",
    "communication_results",
    "completeness",
    "consolidated_values",
    "dataset_list_for_user",
    "datasets_for_user",
    "expected_organisations",
    "format_value",
    "get_dataset_for_user",
    "get_period_for_user",
    "get_submission_for_user",
    "indicator_categories",
    "is_late",
    "item_heading",
    "lead_recipients",
    "led_datasets",
    "local_day",
    "organisation_activities",
    "organisation_recipients",
    "periods_of",
    "prefill_figures",
    "report_todo_counts",
    "results_dataset",
    "results_from_values",
    "roll_up",
    "submission_detail",
    "submission_form",
    "submission_list_for_user",
    "submissions_for_user",
    "values_by_organisation",
]
