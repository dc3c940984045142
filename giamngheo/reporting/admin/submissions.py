"""A unit's report: open it for a period, the value grid, its status changes, evidence and the
pre-fill from the activities."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from giamngheo.core.admin import ObjectActionView, ScopedDownloadView, add_service_errors

from .. import selectors, services
from ..enums import SUBMISSION_EDITABLE, SUBMISSION_TRANSITIONS, SubmissionStatus
from ..forms import EvidenceForm, StartSubmissionForm, entry_from_post
from ..models import SubmissionEvidence
from .common import document_links, render


def _may_edit(*, user, submission) -> bool:
    return submission.status in SUBMISSION_EDITABLE and user.has_perm(
        "reporting.report_for_organisation", submission.organisation
    )


def submission_add_view(request):
    """Open (or reopen) the organisation's report for a period, pre-filled from its records."""
    if not request.user.has_perm("reporting.add_submission"):
        raise PermissionDenied(_("Chỉ cơ quan, đơn vị có nhiệm vụ báo cáo được lập báo cáo."))
    form = StartSubmissionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        try:
            submission = services.start_submission(
                actor=request.user,
                dataset=period.dataset,
                period=period,
                organisation=form.cleaned_data["organisation"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở báo cáo; số liệu đã lấy từ các hoạt động."))
            return redirect("bao-cao-don-vi:edit", submission.pk)
    return render(
        request,
        "reporting/submission_add.html",
        {"form": form, "page_title": _("Lập báo cáo của đơn vị"), "header_icon": "form"},
        status=400 if form.errors else 200,
    )


def _grid(rows, *, data=None, errors=None) -> list[dict]:
    errors = errors or {}
    grid = []
    for row in rows:
        key = row.key
        value = data.get(f"value-{key}", "") if data is not None else row.display_value
        reason = (
            data.get(f"reason-{key}", "")
            if data is not None
            else (row.value.correction_reason if row.value else "")
        )
        grid.append(
            {
                "row": row,
                "key": key,
                "input": value,
                "reason": reason,
                "errors": errors.get(services.field_key(row.indicator.code, row.category), []),
                "reason_errors": errors.get(
                    f"reason-{services.field_key(row.indicator.code, row.category)}", []
                ),
            }
        )
    return grid


def _submission_context(request, submission, *, grid, editable: bool) -> dict:
    user = request.user
    allowed = SUBMISSION_TRANSITIONS[submission.status]
    reviewer = user.has_perm("reporting.review_dataset", submission.dataset)
    return {
        "submission": submission,
        "grid": grid,
        "editable": editable,
        "can_submit": editable and SubmissionStatus.SUBMITTED in allowed,
        "can_approve": reviewer and SubmissionStatus.APPROVED in allowed,
        "can_return": reviewer and SubmissionStatus.RETURNED in allowed,
        "evidence_form": EvidenceForm(),
        "evidence": list(submission.evidence.all()),
        "events": list(submission.events.select_related("actor")),
        "transition_url": reverse("reporting_submission_transition", args=[submission.pk]),
        "evidence_url": reverse("reporting_submission_evidence", args=[submission.pk]),
        "prefill_url": reverse("reporting_submission_prefill", args=[submission.pk]),
        "documents": document_links(submission_pk=submission.pk),
        "page_title": _("Báo cáo của đơn vị"),
        "page_subtitle": submission.title,
        "header_icon": "form",
    }


def submission_edit_view(request, pk):
    """The value grid: pre-filled value, value, reason of a correction, evidence, version."""
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    editable = _may_edit(user=request.user, submission=submission)
    rows = selectors.submission_form(submission=submission)
    status, data, errors = 200, None, None
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Báo cáo này không sửa được."))
            return redirect("bao-cao-don-vi:edit", submission.pk)
        values, reasons = entry_from_post(rows=rows, data=request.POST)
        try:
            submission = services.save_values(
                submission=submission,
                values=values,
                reasons=reasons,
                note=request.POST.get("note", ""),
                actor=request.user,
                version=request.POST.get("version", ""),
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "stale":
                # Someone saved first: show what is stored now, never the stale form.
                messages.error(request, str(services.STALE_MESSAGE))
                submission = selectors.get_submission_for_user(user=request.user, pk=pk)
                rows = selectors.submission_form(submission=submission)
                status = 409
            elif hasattr(exc, "error_dict"):
                data, errors, status = request.POST, exc.message_dict, 400
                messages.error(request, _("Số liệu chưa được lưu: hãy sửa các ô báo lỗi."))
            else:
                messages.error(request, " ".join(exc.messages))
                status = 400
        else:
            if request.POST.get("action") == "submit":
                try:
                    services.submit_submission(
                        submission=submission, actor=request.user, version=submission.version
                    )
                except ValidationError as exc:
                    messages.error(
                        request, _("Đã lưu số liệu nhưng chưa gửi được: ") + " ".join(exc.messages)
                    )
                else:
                    messages.success(request, _("Đã gửi báo cáo đến cơ quan thường trực."))
            else:
                messages.success(request, _("Đã lưu số liệu."))
            return redirect("bao-cao-don-vi:edit", submission.pk)
    context = _submission_context(
        request,
        submission,
        grid=_grid(rows, data=data, errors=errors),
        editable=editable,
    )
    context["note"] = request.POST.get("note", "") if data is not None else submission.note
    return render(request, "reporting/submission_edit.html", context, status=status)


def submission_inspect_view(request, pk):
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    rows = selectors.submission_form(submission=submission)
    context = _submission_context(request, submission, grid=_grid(rows), editable=False)
    context["note"] = submission.note
    return render(request, "reporting/submission_edit.html", context)


class SubmissionAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_submission_for_user)
    refusals = (ValidationError, PermissionDenied)

    def get_success_url(self):
        return reverse("bao-cao-don-vi:edit", args=[self.object.pk])


class SubmissionTransitionView(SubmissionAction):
    """Approve / return (the lead department) or send (the unit): one service call."""

    def check_permission(self, obj) -> None:
        if self.request.POST.get("to", "") not in SubmissionStatus.values:
            raise Http404

    def perform(self, form):
        return services.transition_submission(
            submission=self.object,
            to=self.request.POST["to"],
            actor=self.request.user,
            reason=self.request.POST.get("reason", ""),
            version=self.request.POST.get("version") or None,
        )

    def get_success_message(self):
        return _("Báo cáo đã chuyển sang “%(status)s”.") % {
            "status": self.result.get_status_display()
        }


class SubmissionEvidenceView(SubmissionAction):
    form_class = EvidenceForm
    success_message = _("Đã thêm minh chứng.")

    def perform(self, form):
        return services.add_evidence(
            submission=self.object,
            actor=self.request.user,
            title=form.cleaned_data["evidence_title"],
            upload=form.cleaned_data["evidence_file"],
        )


class SubmissionPrefillView(SubmissionAction):
    """Take the figures from the activities again (values not corrected follow them)."""

    success_message = _("Đã lấy lại số liệu từ các hoạt động.")

    def check_permission(self, obj) -> None:
        if not _may_edit(user=self.request.user, submission=obj):
            raise Http404

    def perform(self, form):
        return services.prefill_submission(submission=self.object, actor=self.request.user)


def get_evidence_for_user(*, user, pk) -> SubmissionEvidence:
    """A piece of evidence of a report within the user's reach, or 404: one query, the scope in
    it (the evidence is never read first and checked after)."""
    evidence = (
        SubmissionEvidence.objects.filter(
            pk=pk, submission__in=selectors.submissions_for_user(user=user).values("pk")
        ).first()
        if str(pk).isdigit()
        else None
    )
    if evidence is None:
        raise Http404
    return evidence


class EvidenceDownloadView(ScopedDownloadView):
    """Evidence goes out only through the scoped report, as an attachment, never sniffed."""

    scoped_get = staticmethod(get_evidence_for_user)
