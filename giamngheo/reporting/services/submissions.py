"""Writes of a submission before it is sent: starting it, pre-filling it from planning, the
officer's values under optimistic locking, evidence.

``save_values`` stores the officer's figures under optimistic locking: the form carries the
``version`` it was rendered with, and a stale version is refused with "reload", nothing written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.text import normalize_text
from giamngheo.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload
from giamngheo.organisations.models import Organisation

from .. import selectors
from ..enums import (
    SUBMISSION_EDITABLE,
    Measure,
)
from ..models import (
    MAX_TEXT_VALUE,
    VALUE_DIGITS,
    VALUE_PLACES,
    DataSet,
    DataValue,
    Indicator,
    Period,
    Submission,
    SubmissionEvidence,
)

logger = logging.getLogger(__name__)

EVIDENCE_KINDS = set(IMAGE_KINDS) | DOCUMENT_KINDS | {"jpg"}
STALE_MESSAGE = gettext_lazy("Báo cáo đã được người khác cập nhật, vui lòng tải lại trang.")
MAX_REASON = 1000
MAX_NOTE = 4000


# --- access checks ---------------------------------------------------------------------------


def _require_reporter(*, actor, organisation: Organisation) -> None:
    if not actor.has_perm("reporting.report_for_organisation", organisation):
        raise PermissionDenied(_("Cơ quan, đơn vị này nằm ngoài phạm vi được giao của bạn."))


def _require_open(*, actor, submission: Submission) -> None:
    """Entry closes ``expiry_days`` after the due date (local day); the lead department may
    still correct a report after that."""
    closes = submission.period.closes_on
    if closes and timezone.localdate() >= closes:
        if not actor.has_perm("reporting.review_dataset", submission.dataset):
            raise ValidationError(
                _("Kỳ báo cáo đã khóa từ ngày %(date)s, không thể sửa hoặc gửi báo cáo."),
                code="expired",
                params={"date": f"{closes:%d/%m/%Y}"},
            )


# --- submissions -----------------------------------------------------------------------------


@transaction.atomic
def start_submission(
    *, actor, dataset: DataSet, period: Period, organisation: Organisation, sample: bool = False
) -> Submission:
    """The organisation's report for the period (created once), pre-filled from its records."""
    _require_reporter(actor=actor, organisation=organisation)
    if period.dataset_id != dataset.pk:
        raise ValidationError({"period": _("Kỳ báo cáo không thuộc biểu báo cáo này.")})
    if not dataset.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Cơ quan, đơn vị không thuộc danh sách báo cáo của biểu này.")}
        )
    submission, created = Submission.objects.get_or_create(
        dataset=dataset,
        period=period,
        organisation=organisation,
        defaults={"created_by": actor, "is_sample": sample},
    )
    if created:
        submission.dataset, submission.period, submission.organisation = (
            dataset,
            period,
            organisation,
        )
        prefill_submission(submission=submission, actor=actor)
        submission.refresh_from_db()
    return submission


@transaction.atomic
def prefill_submission(*, submission: Submission, actor) -> Submission:
    """Write what the organisation's activities say (outputs through ``planning.registry``,
    budgets planned/spent per funding source) as the pre-filled figures. A value the officer
    had not changed follows the new figure; a corrected one keeps the correction."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in SUBMISSION_EDITABLE:
        raise ValidationError(
            _("Báo cáo đã gửi hoặc đã duyệt, không lấy lại số liệu."), code="locked"
        )
    dataset = submission.dataset
    figures = selectors.prefill_figures(
        dataset=dataset, period=submission.period, organisation=submission.organisation
    )
    indicators = {e.indicator.code: e.indicator for e in selectors._elements(dataset)}
    existing = {
        (v.indicator_id, v.category): v for v in DataValue.objects.filter(submission=locked)
    }
    for (code, category), figure in figures.items():
        indicator = indicators[code]
        row = existing.get((indicator.pk, category))
        if row is None:
            DataValue.objects.create(
                submission=locked,
                indicator=indicator,
                category=category,
                value=figure,
                prefilled=figure,
                updated_by=actor,
            )
            continue
        if row.value is None or row.value == row.prefilled:
            row.value = figure
            row.correction_reason = ""
        row.prefilled = figure
        row.save(update_fields=["value", "prefilled", "correction_reason", "updated_at"])
    locked.prefilled_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["prefilled_at", "version", "updated_at"])
    submission.version, submission.prefilled_at = locked.version, locked.prefilled_at
    return submission


_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(raw) -> Decimal | None:
    """A number as a Vietnamese officer types it: ``1.234.567``, ``87,5``, ``1.234,5`` or
    plain ``1234.5``; blank is None. Raises ValueError for anything else."""
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = normalize_text(str(raw)).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text) or len(text) > 40:
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


_fmt = selectors.format_value


def field_key(code: str, category: str) -> str:
    """The error key (and form field suffix) of one indicator × category."""
    return f"{code}-{category}" if category else code


def _check_number(indicator: Indicator, raw) -> tuple[Decimal | None, str | None]:
    try:
        value = parse_number(raw)
    except ValueError:
        return None, _("Hãy nhập một số, ví dụ 1.234 hoặc 87,5.")
    if value is None:
        return None, None
    if value < 0:
        return None, _("Giá trị không được âm.")
    if indicator.measure in (Measure.COUNT, Measure.PEOPLE, Measure.MONEY) and value != int(value):
        return None, _("Giá trị phải là số nguyên.")
    bound = indicator.upper_bound
    if bound is not None and value > bound:
        return None, _("Giá trị vượt quá mức cho phép (tối đa %(max)s).") % {"max": _fmt(bound)}
    if value.as_tuple().exponent < -VALUE_PLACES or len(str(int(value))) > (
        VALUE_DIGITS - VALUE_PLACES
    ):
        return None, _("Giá trị có quá nhiều chữ số.")
    return value, None


def _clean_text(raw) -> str:
    lines = [line.rstrip() for line in normalize_text(str(raw or "")).splitlines()]
    return "\n".join(lines).strip()


@transaction.atomic
def save_values(
    *,
    submission: Submission,
    values: Mapping[tuple[str, str], object],
    actor,
    version: int,
    reasons: Mapping[tuple[str, str], str] | None = None,
    note: str | None = None,
) -> Submission:
    """Store the figures keyed ``(indicator code, category)``; a pre-filled figure changed
    needs a reason. All are checked first: one refused value and nothing is written.

    Optimistic locking: ``version`` is what the form was rendered with; if someone saved (or
    the status moved) since, ValidationError ``stale`` and nothing written.
    """
    reasons = reasons or {}
    _require_reporter(actor=actor, organisation=submission.organisation)
    # The row lock serialises two saves of the same report; the version check then tells the
    # second one it lost, instead of letting it overwrite what the first wrote.
    locked = (
        Submission.objects.select_for_update()
        .select_related("dataset", "period", "period__dataset", "organisation")
        .get(pk=submission.pk)
    )
    if str(version) != str(locked.version):
        raise ValidationError(STALE_MESSAGE, code="stale")
    if locked.status not in SUBMISSION_EDITABLE:
        raise ValidationError(_("Báo cáo đã gửi hoặc đã duyệt, không thể sửa."), code="locked")
    _require_open(actor=actor, submission=locked)
    dataset = locked.dataset
    categories = selectors.indicator_categories(dataset=dataset)
    indicators = {e.indicator.code: e.indicator for e in selectors._elements(dataset)}
    existing = {
        (v.indicator_id, v.category): v for v in DataValue.objects.filter(submission=locked)
    }
    errors: dict[str, list[str]] = {}
    pending: list[DataValue] = []
    for (code, category), raw in values.items():
        key = field_key(code, category)
        indicator = indicators.get(code)
        if indicator is None or category not in {c for c, _l in categories[indicator.pk]}:
            errors.setdefault(key, []).append(_("Chỉ tiêu không thuộc biểu báo cáo này."))
            continue
        row = existing.get((indicator.pk, category)) or DataValue(
            submission=locked, indicator=indicator, category=category
        )
        reason = _clean_text(reasons.get((code, category), ""))
        if len(reason) > MAX_REASON:
            errors.setdefault(f"reason-{key}", []).append(
                _("Lý do điều chỉnh không quá %(n)s ký tự.") % {"n": MAX_REASON}
            )
            continue
        if indicator.measure == Measure.TEXT:
            text = _clean_text(raw)
            if len(text) > MAX_TEXT_VALUE:
                errors.setdefault(key, []).append(
                    _("Nội dung không quá %(n)s ký tự.") % {"n": MAX_TEXT_VALUE}
                )
                continue
            row.text, row.value = text, None
        else:
            value, error = _check_number(indicator, raw)
            if error:
                errors.setdefault(key, []).append(error)
                continue
            row.value = value
            if row.prefilled is not None and value != row.prefilled:
                if not reason:
                    errors.setdefault(f"reason-{key}", []).append(
                        _("Hãy nêu lý do điều chỉnh số liệu đã lấy từ hoạt động (%(value)s).")
                        % {"value": _fmt(row.prefilled)}
                    )
                    continue
            else:
                reason = ""
        row.correction_reason = reason
        row.updated_by = actor
        pending.append(row)
    if note is not None:
        note = _clean_text(note)
        if len(note) > MAX_NOTE:
            errors.setdefault("note", []).append(
                _("Thuyết minh không quá %(n)s ký tự.") % {"n": MAX_NOTE}
            )
    if errors:
        raise ValidationError(errors)
    for row in pending:
        row.save()
    locked.version += 1
    fields = ["version", "updated_at"]
    if note is not None:
        locked.note = note
        fields.append("note")
    locked.save(update_fields=fields)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def add_evidence(*, submission: Submission, actor, title: str, upload) -> SubmissionEvidence:
    """A file checked by content (core.uploads: type, size, macros), under a generated name."""
    _require_reporter(actor=actor, organisation=submission.organisation)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in SUBMISSION_EDITABLE:
        raise ValidationError(
            {"evidence_file": _("Báo cáo đã gửi hoặc đã duyệt, không thể thêm minh chứng.")}
        )
    title = normalize_text(title or "").strip()
    if not title:
        raise ValidationError({"evidence_title": _("Hãy nhập tên minh chứng.")})
    try:
        clean = validate_upload(upload, allowed=EVIDENCE_KINDS)
    except ValidationError as exc:
        raise ValidationError({"evidence_file": exc.messages}) from None
    evidence = SubmissionEvidence(
        submission=locked, title=title, file_kind=clean.kind, uploaded_by=actor
    )
    evidence.file.save(clean.content.name, clean.content, save=False)
    try:
        evidence.full_clean()
    except ValidationError as exc:
        evidence.file.delete(save=False)
        raise ValidationError(
            {
                ("evidence_title" if k == "title" else "evidence_file"): v
                for k, v in exc.message_dict.items()
            }
        ) from None
    evidence.save()
    return evidence


def _missing_values(submission: Submission) -> int:
    rows = selectors.submission_form(submission=submission)
    return sum(
        1
        for r in rows
        if r.indicator.measure != Measure.TEXT and (r.value is None or r.value.value is None)
    )
