"""The one status change of a submission (``transition_submission``) and its notices, and the
lead department's "Nhắc báo cáo" (reminders enqueued as tasks)."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from giamngheo.core.models import StatusEvent
from giamngheo.core.notify import notify
from giamngheo.core.workflow import transition

from .. import selectors
from ..enums import (
    SUBMISSION_REVIEW_TARGETS,
    SUBMISSION_WORKFLOW,
    ReminderKind,
    SubmissionStatus,
)
from ..models import (
    DataSet,
    Period,
    Submission,
)
from ..tasks import send_reminders
from .submissions import (
    MAX_REASON,
    STALE_MESSAGE,
    _clean_text,
    _missing_values,
    _require_open,
    _require_reporter,
)


def transition_submission(
    *, submission: Submission, to: str, actor, reason: str = "", version: int | None = None
) -> Submission:
    """The one way a submission changes status (``SUBMISSION_WORKFLOW``), with its audit row and
    the notification e-mails after commit (to the lead department on submit, to the reporting
    organisation on approve / return). ``version`` (when the move comes from a form) must be
    current. The row is locked first, so two reviewers clicking at once cannot both move it."""
    reason = _clean_text(reason)

    def guard(locked: Submission) -> None:
        if version is not None and str(version) != str(locked.version):
            raise ValidationError(STALE_MESSAGE, code="stale")

    def check(locked: Submission) -> None:
        if to in SUBMISSION_REVIEW_TARGETS:
            if not actor.has_perm("reporting.review_dataset", locked.dataset):
                raise PermissionDenied(
                    _("Chỉ cơ quan thường trực được duyệt hoặc trả lại báo cáo.")
                )
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
        if to == SubmissionStatus.RETURNED and not reason:
            raise ValidationError({"reason": _("Hãy nêu lý do trả lại.")})
        if len(reason) > MAX_REASON:
            raise ValidationError({"reason": _("Lý do không quá %(n)s ký tự.") % {"n": MAX_REASON}})

    def apply(locked: Submission) -> list[str]:
        if to == SubmissionStatus.SUBMITTED:
            locked.return_reason = ""
        elif to == SubmissionStatus.RETURNED:
            locked.return_reason = reason
        locked.version += 1
        return ["return_reason", "version"]

    transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=to,
        actor=actor,
        reason=reason,
        guard=guard,
        check=check,
        apply=apply,
        notify=lambda event: _notify(submission=event.subject, event=event),
        select_related=["dataset", "period", "period__dataset", "organisation"],
    )
    submission.refresh_from_db()
    return submission


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


def _notify(*, submission: Submission, event: StatusEvent) -> None:
    context = {"submission": submission, "event": event}
    if event.to_status == SubmissionStatus.SUBMITTED:
        notify(
            subject=_("[Báo cáo] %(org)s đã gửi báo cáo %(period)s")
            % {"org": submission.organisation.name, "period": submission.period.name},
            template="reporting/email/submitted.txt",
            context=context,
            emails=selectors.lead_recipients(dataset=submission.dataset),
        )
    else:
        recipients = selectors.organisation_recipients(
            organisation_ids=[submission.organisation_id]
        )
        notify(
            subject=_("[Báo cáo] %(status)s: %(dataset)s — %(period)s")
            % {
                "status": SubmissionStatus(event.to_status).label,
                "dataset": submission.dataset.name,
                "period": submission.period.name,
            },
            template="reporting/email/decided.txt",
            context=context,
            emails=recipients.get(submission.organisation_id, []),
        )


def remind_missing(*, dataset: DataSet, period: Period, actor) -> int:
    """The lead department's "Nhắc báo cáo": enqueue a reminder now to every organisation that
    has not reported. Returns how many were enqueued."""
    if not actor.has_perm("reporting.review_dataset", dataset):
        raise PermissionDenied(_("Chỉ cơ quan thường trực được nhắc báo cáo."))
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
