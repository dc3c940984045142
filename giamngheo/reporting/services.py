"""Writes of the reporting app: indicators, data sets, periods, submissions and their values.

Every write is validated before anything is stored and multi-row writes run in one
transaction, so a refused value leaves nothing half-saved. Writes made for a person take
``actor`` and refuse (PermissionDenied) what lies outside their scope.

- ``transition_submission`` is the one way a submission changes status; it writes the audit
  row and sends the notification e-mails (to the lead department on submit, to the reporting
  organisation on approve / return).
- ``save_values`` stores the officer's figures under optimistic locking: the form carries the
  ``version`` it was rendered with, and a stale version is refused with "reload", nothing written.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.text import normalize_text
from giamngheo.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload
from giamngheo.organisations.models import Organisation
from giamngheo.organisations.selectors import organisations_for_user
from giamngheo.planning.models import Plan

from . import selectors
from .enums import (
    SUBMISSION_EDITABLE,
    SUBMISSION_REVIEW_TARGETS,
    SUBMISSION_TRANSITIONS,
    Measure,
    PrefillSource,
    ReminderKind,
    SubmissionStatus,
)
from .models import (
    MAX_TEXT_VALUE,
    VALUE_DIGITS,
    VALUE_PLACES,
    DataSet,
    DataSetIndicator,
    DataValue,
    Indicator,
    Period,
    Reminder,
    Submission,
    SubmissionEvent,
    SubmissionEvidence,
)

logger = logging.getLogger(__name__)

EVIDENCE_KINDS = set(IMAGE_KINDS) | DOCUMENT_KINDS | {"jpg"}
STALE_MESSAGE = gettext_lazy("Báo cáo đã được người khác cập nhật, vui lòng tải lại trang.")
MAX_REASON = 1000
MAX_NOTE = 4000


# --- indicators, data sets, periods ----------------------------------------------------------


def create_indicator(**fields) -> Indicator:
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    return indicator


@dataclass(frozen=True)
class ElementSpec:
    indicator: Indicator
    section: str = ""


@transaction.atomic
def create_dataset(
    *,
    code: str,
    name: str,
    elements: Sequence[ElementSpec | Indicator],
    organisations: Iterable[Organisation] = (),
    plan: Plan | None = None,
    lead_organisation: Organisation | None = None,
    description: str = "",
    **rule,
) -> DataSet:
    """A data set with its ordered indicators and reporting organisations; all or nothing.
    The lead organisation defaults to the one the plan assigns the lead role (section V)."""
    if lead_organisation is None and plan is not None:
        from giamngheo.planning.services import lead_assignment

        lead = lead_assignment(plan=plan)
        lead_organisation = lead.organisations.order_by("pk").first() if lead else None
    dataset = DataSet(
        code=code,
        name=name,
        plan=plan,
        lead_organisation=lead_organisation,
        description=description,
        **rule,
    )
    dataset.full_clean()
    dataset.save()
    set_dataset_elements(dataset=dataset, elements=elements)
    dataset.organisations.set(list(organisations))
    return dataset


@transaction.atomic
def set_dataset_elements(*, dataset: DataSet, elements: Sequence[ElementSpec | Indicator]) -> None:
    dataset.elements.all().delete()
    for position, spec in enumerate(elements, start=1):
        if isinstance(spec, Indicator):
            spec = ElementSpec(indicator=spec)
        DataSetIndicator.objects.create(
            dataset=dataset, indicator=spec.indicator, section=spec.section, position=position
        )


@transaction.atomic
def update_dataset(
    *,
    dataset: DataSet,
    elements: Sequence[ElementSpec | Indicator],
    organisations: Iterable[Organisation],
    **fields,
) -> DataSet:
    """Change a data set's fields (not its code), indicators and organisations; all or nothing."""
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.full_clean()
    dataset.save()
    set_dataset_elements(dataset=dataset, elements=elements)
    dataset.organisations.set(list(organisations))
    return dataset


@transaction.atomic
def set_dataset_organisations(*, dataset: DataSet, organisations: Iterable[Organisation]) -> None:
    dataset.organisations.set(list(organisations))


def create_period(
    *, dataset: DataSet, name: str, start: date, end: date, due_date: date | None = None
) -> Period:
    """A period; its due date follows the data set's rule unless given (the plan's own date)."""
    period = Period(
        dataset=dataset,
        name=name,
        start=start,
        end=end,
        due_date=due_date or dataset.due_date_for(end=end),
    )
    _check_period(period)
    period.save()
    return period


def _check_period(period: Period) -> None:
    period.full_clean()
    plan = period.dataset.plan
    if plan is not None and (period.end < plan.period_start or period.start > plan.period_end):
        raise ValidationError(
            {
                "start": _(
                    "Kỳ báo cáo phải nằm trong thời gian thực hiện kế hoạch (từ %(start)s đến "
                    "%(end)s)."
                )
                % {"start": f"{plan.period_start:%d/%m/%Y}", "end": f"{plan.period_end:%d/%m/%Y}"}
            }
        )


PERIOD_HAS_REPORTS = gettext_lazy(
    "Kỳ này đã có báo cáo của đơn vị: chỉ sửa được tên kỳ và hạn báo cáo."
)


def update_period(
    *, period: Period, name: str, start: date, end: date, due_date: date | None = None
) -> Period:
    """Rename, move the due date (an extension counts every report against the new date) or,
    while no organisation has opened its report, move the dates. All or nothing."""
    with transaction.atomic():
        period = (
            Period.objects.select_for_update(of=("self",))
            .select_related("dataset__plan")
            .get(pk=period.pk)
        )
        if (start, end) != (period.start, period.end) and period.submissions.exists():
            raise ValidationError({"start": PERIOD_HAS_REPORTS})
        period.name, period.start, period.end = name, start, end
        period.due_date = due_date or period.dataset.due_date_for(end=end)
        _check_period(period)
        period.save()
    return period


def delete_period(*, period: Period) -> None:
    """Delete a period no organisation has reported on (its scheduled reminders go with it)."""
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        if period.submissions.exists():
            raise ValidationError(
                _(
                    "Không xóa được kỳ %(name)s: đã có %(n)s báo cáo của đơn vị. Báo cáo đã lập "
                    "được giữ nguyên để bảo đảm tính toàn vẹn số liệu."
                )
                % {"name": period.name, "n": period.submissions.count()}
            )
        period.delete()


@transaction.atomic
def set_period_due_date(*, period: Period, due_date: date) -> Period:
    period.due_date = due_date
    period.full_clean()
    period.save(update_fields=["due_date"])
    return period


# --- access checks ---------------------------------------------------------------------------


def _require_reporter(*, actor, organisation: Organisation) -> None:
    if not selectors.can_report(user=actor) or not (
        organisations_for_user(user=actor).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied(_("Cơ quan, đơn vị này nằm ngoài phạm vi được giao của bạn."))


def _require_open(*, actor, submission: Submission) -> None:
    """Entry closes ``expiry_days`` after the due date (local day); the lead department may
    still correct a report after that."""
    closes = submission.period.closes_on
    if closes and timezone.localdate() >= closes:
        if not selectors.can_review(user=actor, dataset=submission.dataset):
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


def transition_submission(
    *, submission: Submission, to: str, actor, reason: str = "", version: int | None = None
) -> Submission:
    """The one way a submission changes status (SUBMISSION_TRANSITIONS), with its audit row and
    the notification e-mails. ``version`` (when the move comes from a form) must be current.
    The row is locked first, so two reviewers clicking at once cannot both move it."""
    event = _transition(submission=submission, to=to, actor=actor, reason=reason, version=version)
    submission.refresh_from_db()
    _notify(submission=submission, event=event)
    return submission


@transaction.atomic
def _transition(
    *, submission: Submission, to: str, actor, reason: str, version: int | None
) -> SubmissionEvent:
    locked = (
        Submission.objects.select_for_update()
        .select_related("dataset", "period", "period__dataset", "organisation")
        .get(pk=submission.pk)
    )
    if version is not None and str(version) != str(locked.version):
        raise ValidationError(STALE_MESSAGE, code="stale")
    current = locked.status
    if to not in SubmissionStatus.values or to not in SUBMISSION_TRANSITIONS.get(
        current, frozenset()
    ):
        raise ValidationError(
            _("Không thể chuyển báo cáo từ “%(from)s” sang “%(to)s”."),
            code="bad_transition",
            params={
                "from": SubmissionStatus(current).label,
                "to": SubmissionStatus(to).label if to in SubmissionStatus.values else to,
            },
        )
    if to in SUBMISSION_REVIEW_TARGETS:
        if not selectors.can_review(user=actor, dataset=locked.dataset):
            raise PermissionDenied(_("Chỉ cơ quan thường trực được duyệt hoặc trả lại báo cáo."))
    else:
        _require_reporter(actor=actor, organisation=locked.organisation)
        _require_open(actor=actor, submission=locked)
        missing = _missing_values(locked)
        if missing:
            raise ValidationError(
                _("Còn %(n)s ô số liệu chưa nhập; hãy nhập đủ (ghi 0 nếu không có) rồi gửi."),
                code="incomplete",
                params={"n": missing},
            )
    reason = _clean_text(reason)
    if to == SubmissionStatus.RETURNED and not reason:
        raise ValidationError({"reason": _("Hãy nêu lý do trả lại.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("Lý do không quá %(n)s ký tự.") % {"n": MAX_REASON}})
    now = timezone.now()
    locked.status = to
    if to == SubmissionStatus.SUBMITTED:
        # A report sent again after being returned is timed by its latest sending: what counts
        # for timeliness is when the lead department received a report it could accept.
        locked.submitted_at = now
        locked.return_reason = ""
    else:
        locked.decided_at = now
        if to == SubmissionStatus.RETURNED:
            locked.return_reason = reason
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "submitted_at",
            "decided_at",
            "return_reason",
            "version",
            "updated_at",
        ]
    )
    return SubmissionEvent.objects.create(
        submission=locked, from_status=current, to_status=to, actor=actor, reason=reason
    )


def submit_submission(*, submission: Submission, actor, version: int | None = None) -> Submission:
    return transition_submission(
        submission=submission, to=SubmissionStatus.SUBMITTED, actor=actor, version=version
    )


def approve_submission(*, submission: Submission, actor, version: int | None = None) -> Submission:
    return transition_submission(
        submission=submission, to=SubmissionStatus.APPROVED, actor=actor, version=version
    )


def return_submission(
    *, submission: Submission, actor, reason: str, version: int | None = None
) -> Submission:
    return transition_submission(
        submission=submission,
        to=SubmissionStatus.RETURNED,
        actor=actor,
        reason=reason,
        version=version,
    )


def _mail(*, subject: str, template: str, context: dict, to: Sequence[str]) -> int:
    if not to:
        return 0
    # A mail server that is down must not undo a status change already committed and audited.
    try:
        return send_mail(subject, render_to_string(template, context), None, list(to))
    except Exception:
        logger.exception("reporting mail failed")
        return 0


def _notify(*, submission: Submission, event: SubmissionEvent) -> None:
    context = {"submission": submission, "event": event}
    if event.to_status == SubmissionStatus.SUBMITTED:
        _mail(
            subject=_("[Báo cáo] %(org)s đã gửi báo cáo %(period)s")
            % {"org": submission.organisation.name, "period": submission.period.name},
            template="reporting/email/submitted.txt",
            context=context,
            to=selectors.lead_recipients(dataset=submission.dataset),
        )
    else:
        recipients = selectors.organisation_recipients(
            organisation_ids=[submission.organisation_id]
        )
        _mail(
            subject=_("[Báo cáo] %(status)s: %(dataset)s — %(period)s")
            % {
                "status": SubmissionStatus(event.to_status).label,
                "dataset": submission.dataset.name,
                "period": submission.period.name,
            },
            template="reporting/email/decided.txt",
            context=context,
            to=recipients.get(submission.organisation_id, []),
        )


# --- reminders -------------------------------------------------------------------------------


def send_reminder(
    *, period: Period, organisation: Organisation, kind: str, key: str, actor=None
) -> Reminder | None:
    """One reminder e-mail to the organisation's officers, recorded once per ``key``."""
    if Reminder.objects.filter(key=key).exists():
        return None
    recipients = selectors.organisation_recipients(organisation_ids=[organisation.pk]).get(
        organisation.pk, []
    )
    sent = _mail(
        subject=_("[Nhắc báo cáo] %(dataset)s — %(period)s, hạn %(due)s")
        % {
            "dataset": period.dataset.name,
            "period": period.name,
            "due": f"{period.due_date:%d/%m/%Y}",
        },
        template="reporting/email/reminder.txt",
        context={"period": period, "dataset": period.dataset, "organisation": organisation},
        to=recipients,
    )
    return Reminder.objects.create(
        period=period,
        organisation=organisation,
        kind=kind,
        key=key,
        recipients=len(recipients) if sent else 0,
        sent_by=actor,
    )


def remind_missing(*, dataset: DataSet, period: Period, actor) -> int:
    """The lead department's "Nhắc báo cáo": enqueue a reminder now to every organisation that
    has not reported. Returns how many were enqueued."""
    if not selectors.can_review(user=actor, dataset=dataset):
        raise PermissionDenied(_("Chỉ cơ quan thường trực được nhắc báo cáo."))
    from .tasks import send_reminders

    missing = [
        r.organisation.pk
        for r in selectors.completeness(dataset=dataset, period=period).missing_rows
    ]
    if missing:
        send_reminders.enqueue(
            period_id=period.pk,
            organisation_ids=missing,
            kind=ReminderKind.MANUAL,
            actor_id=actor.pk,
            key_prefix=f"m:{uuid.uuid4().hex}",
        )
    return len(missing)


__all__ = [
    "STALE_MESSAGE",
    "ElementSpec",
    "PrefillSource",
    "add_evidence",
    "approve_submission",
    "create_dataset",
    "create_indicator",
    "create_period",
    "field_key",
    "parse_number",
    "prefill_submission",
    "remind_missing",
    "return_submission",
    "save_values",
    "send_reminder",
    "start_submission",
    "submit_submission",
    "transition_submission",
]
