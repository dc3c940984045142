"""Admin screens of the reporting app (registered in wagtail_hooks): thin views that fetch
through the scoped selectors, validate, call one service and answer with a message.

Field ids and names are stable for browser tests: ``id_version``; per indicator × category
``id_value-<key>`` / ``id_reason-<key>`` (key = indicator code, or ``<code>-<category>``);
``id_note``; buttons ``btn-save``, ``btn-submit``, ``btn-prefill``, ``btn-approve``,
``btn-return`` (with ``id_return_reason``), ``btn-evidence`` (with ``id_evidence_title`` and
``id_evidence_file``), ``btn-remind`` on the completeness screen.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from giamngheo.organisations.selectors import organisations_for_user

from . import selectors, services
from .enums import SUBMISSION_EDITABLE, SUBMISSION_TRANSITIONS, SubmissionStatus
from .forms import EvidenceForm, StartSubmissionForm, entry_from_post
from .models import SubmissionEvidence


def _may_edit(*, user, submission) -> bool:
    return (
        submission.status in SUBMISSION_EDITABLE
        and selectors.can_report(user=user)
        and organisations_for_user(user=user).filter(pk=submission.organisation_id).exists()
    )


def document_links(**kwargs) -> list[tuple[str, str]]:
    """Links to the documents the ``document_views`` module offers for these arguments
    (``dataset_pk`` + ``period_pk``, or ``submission_pk``): every named pattern that reverses."""
    from . import document_views

    labels = getattr(document_views, "DOCUMENT_LABELS", {})
    links = []
    for pattern in getattr(document_views, "admin_urlpatterns", []):
        name = getattr(pattern, "name", None)
        if not name:
            continue
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        links.append((str(labels.get(name, name)), url))
    return links


def _render(request, template, context, status=200):
    context.setdefault("header_title", context.get("page_title", ""))
    return TemplateResponse(request, template, context, status=status)


# --- a unit's report ---------------------------------------------------------------------------


def submission_add_view(request):
    """Open (or reopen) the organisation's report for a period, pre-filled from its records."""
    if not selectors.can_report(user=request.user):
        raise Http404
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
        except (ValidationError, PermissionDenied) as exc:
            messages_list = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            form.add_error(None, messages_list)
        else:
            messages.success(request, _("Đã mở báo cáo; số liệu đã lấy từ các hoạt động."))
            return redirect("bao-cao-don-vi:edit", submission.pk)
    return _render(
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
    reviewer = selectors.can_review(user=user, dataset=submission.dataset)
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
    return _render(request, "reporting/submission_edit.html", context, status=status)


def submission_inspect_view(request, pk):
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    rows = selectors.submission_form(submission=submission)
    context = _submission_context(request, submission, grid=_grid(rows), editable=False)
    context["note"] = submission.note
    return _render(request, "reporting/submission_edit.html", context)


@require_POST
def submission_transition_view(request, pk):
    """Approve / return (the lead department) or send (the unit): one service call."""
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    target = request.POST.get("to", "")
    if target not in SubmissionStatus.values:
        raise Http404
    try:
        submission = services.transition_submission(
            submission=submission,
            to=target,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            version=request.POST.get("version") or None,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Báo cáo đã chuyển sang “%(status)s”.") % {"status": submission.get_status_display()},
        )
    return redirect("bao-cao-don-vi:edit", submission.pk)


@require_POST
def submission_evidence_view(request, pk):
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
        return redirect("bao-cao-don-vi:edit", submission.pk)
    try:
        services.add_evidence(
            submission=submission,
            actor=request.user,
            title=form.cleaned_data["evidence_title"],
            upload=form.cleaned_data["evidence_file"],
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thêm minh chứng."))
    return redirect("bao-cao-don-vi:edit", submission.pk)


@require_POST
def submission_prefill_view(request, pk):
    """Take the figures from the activities again (values not corrected follow them)."""
    submission = selectors.get_submission_for_user(user=request.user, pk=pk)
    if not _may_edit(user=request.user, submission=submission):
        raise Http404
    try:
        services.prefill_submission(submission=submission, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã lấy lại số liệu từ các hoạt động."))
    return redirect("bao-cao-don-vi:edit", submission.pk)


def evidence_download_view(request, pk):
    """Evidence goes out only through the scoped report, as an attachment, never sniffed."""
    evidence = SubmissionEvidence.objects.filter(pk=pk).first() if selectors._pk(pk) else None
    if evidence is None:
        raise Http404
    selectors.get_submission_for_user(user=request.user, pk=evidence.submission_id)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/")[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- the lead department: completeness, reminders, roll-up ------------------------------------


def _reviewed_period(request, pk, period_pk):
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    if not selectors.can_review(user=request.user, dataset=dataset):
        raise Http404
    period = selectors.get_period_for_user(user=request.user, dataset=dataset, pk=period_pk)
    return dataset, period


def completeness_view(request, pk, period_pk):
    dataset, period = _reviewed_period(request, pk, period_pk)
    report = selectors.completeness(dataset=dataset, period=period)
    # The screen lists every organisation of a province (hundreds): rows are prepared here as
    # plain strings so the template does no per-row URL reversing, date or number formatting.
    edit_base = reverse("bao-cao-don-vi:edit", args=[0]).replace("/0/", "/%s/")
    on_time, late = _("Đúng hạn"), _("Muộn")
    rows = [
        {
            "name": r.organisation.name,
            "url": edit_base % r.submission.pk if r.submission else "",
            "unit": r.unit.name,
            "status": r.status_label,
            "reported": r.is_reported,
            "sent": f"{timezone.localtime(r.submitted_at):%H:%M %d/%m/%Y}"
            if r.submitted_at
            else "",
            "timely": (late if r.is_late else on_time) if r.is_reported else "",
        }
        for r in report.rows
    ]
    units = [
        [u.unit.name, *(str(n) for n in (u.expected, u.submitted, u.on_time, u.late, u.missing))]
        for u in report.by_unit
    ]
    return _render(
        request,
        "reporting/completeness.html",
        {
            "dataset": dataset,
            "period": period,
            "report": report,
            "rows": rows,
            "units": units,
            "remind_url": reverse("reporting_remind", args=[dataset.pk, period.pk]),
            "rollup_url": reverse("reporting_rollup", args=[dataset.pk, period.pk]),
            "documents": document_links(dataset_pk=dataset.pk, period_pk=period.pk),
            "page_title": _("Tiến độ báo cáo"),
            "page_subtitle": f"{dataset.name} — {period.name}",
            "header_icon": "tasks",
        },
    )


@require_POST
def remind_view(request, pk, period_pk):
    dataset, period = _reviewed_period(request, pk, period_pk)
    count = services.remind_missing(dataset=dataset, period=period, actor=request.user)
    if count:
        messages.success(
            request,
            _("Đã gửi nhắc báo cáo đến %(n)s cơ quan, đơn vị chưa báo cáo.") % {"n": count},
        )
    else:
        messages.info(request, _("Tất cả cơ quan, đơn vị đã báo cáo; không cần nhắc."))
    return redirect("reporting_completeness", dataset.pk, period.pk)


def rollup_view(request, pk, period_pk):
    dataset, period = _reviewed_period(request, pk, period_pk)
    elements = [e for e in selectors._elements(dataset) if e.indicator.aggregation != "none"]
    code = request.GET.get("chi_tieu", "")
    element = next((e for e in elements if e.indicator.code == code), None)
    if element is None and elements:
        element = elements[0]
    into_today = request.GET.get("hien_nay") == "1"
    totals = (
        selectors.roll_up(
            dataset=dataset, period=period, indicator=element.indicator, into_today=into_today
        )
        if element
        else []
    )
    base = min((t.depth for t in totals), default=0)
    return _render(
        request,
        "reporting/rollup.html",
        {
            "dataset": dataset,
            "period": period,
            "elements": elements,
            "element": element,
            "into_today": into_today,
            "totals": [
                {
                    "total": t,
                    "indent": range(t.depth - base),
                    "value": selectors.format_value(t.value),
                }
                for t in totals
            ],
            "completeness_url": reverse("reporting_completeness", args=[dataset.pk, period.pk]),
            "page_title": _("Tổng hợp theo đơn vị hành chính"),
            "page_subtitle": f"{dataset.name} — {period.name}",
            "header_icon": "list-ul",
        },
    )


# --- configuration by the lead department: indicators, data sets, periods ----------------------


def may_configure(user) -> bool:
    """The lead department (province admin) or a superuser configures indicators, data sets
    and periods; everyone else gets a 403 on the configuration screens."""
    from giamngheo.organisations.rules import is_province_admin

    return bool(user.is_superuser or is_province_admin(user))


def _require_configurer(request) -> None:
    if not may_configure(request.user):
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has that field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def indicator_list_view(request):
    from .models import Indicator

    _require_configurer(request)
    indicators = list(
        Indicator.objects.order_by("code").only(
            "pk", "code", "name", "measure", "unit_label", "aggregation", "disaggregation"
        )
    )
    edit_base = reverse("reporting_indicator_edit", args=[0]).replace("/0/", "/%s/")
    rows = [
        {
            "code": i.code,
            "name": i.name,
            "measure": i.get_measure_display(),
            "unit": i.unit_label,
            "aggregation": i.get_aggregation_display(),
            "disaggregation": i.get_disaggregation_display(),
            "url": edit_base % i.pk,
        }
        for i in indicators
    ]
    return _render(
        request,
        "reporting/admin_config/indicator_list.html",
        {
            "page_title": _("Chỉ tiêu báo cáo"),
            "rows": rows,
            "add_url": reverse("reporting_indicator_add"),
        },
    )


def _indicator_form_view(request, indicator=None):
    from .forms import IndicatorForm

    form = IndicatorForm(request.POST or None, instance=indicator)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    if indicator is None:
                        saved = services.create_indicator(**form.cleaned_data)
                    else:
                        saved = form.save()
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu chỉ tiêu %(code)s.") % {"code": saved.code})
                return redirect("reporting_indicators")
        status = 400
    title = (
        _("Thêm chỉ tiêu")
        if indicator is None
        else _("Sửa chỉ tiêu %(code)s") % {"code": indicator.code}
    )
    return _render(
        request,
        "reporting/admin_config/form.html",
        {
            "page_title": title,
            "form": form,
            "form_id": "indicator-form",
            "back_url": reverse("reporting_indicators"),
        },
        status=status,
    )


def indicator_add_view(request):
    _require_configurer(request)
    return _indicator_form_view(request)


def indicator_edit_view(request, pk):
    from .models import Indicator

    _require_configurer(request)
    indicator = Indicator.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if indicator is None:
        raise Http404
    return _indicator_form_view(request, indicator)


def _dataset_form_view(request, dataset=None):
    from .forms import DataSetForm

    initial = DataSetForm.initial_for(dataset) if dataset is not None else None
    form = DataSetForm(request.POST or None, initial=initial, user=request.user, dataset=dataset)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            elements = data.pop("elements")
            organisations = data.pop("organisations")
            for key in (
                "due_days_after_end",
                "timely_days",
                "expiry_days",
                "reminder_working_days",
            ):
                if data.get(key) is None:
                    data.pop(key, None)
            try:
                with transaction.atomic():
                    if dataset is None:
                        saved = services.create_dataset(
                            elements=elements, organisations=organisations, **data
                        )
                    else:
                        saved = services.update_dataset(
                            dataset=dataset,
                            elements=elements,
                            organisations=organisations,
                            **data,
                        )
            except ValidationError as exc:
                _add_errors(form, exc)
                if dataset is not None:
                    dataset.refresh_from_db()
            else:
                messages.success(request, _("Đã lưu biểu báo cáo %(name)s.") % {"name": saved.name})
                return redirect("bieu-bao-cao:inspect", saved.pk)
        status = 400
    if dataset is None:
        title = _("Thêm biểu báo cáo")
        back = reverse("bieu-bao-cao:index")
    else:
        title = _("Cấu hình biểu %(name)s") % {"name": dataset.name}
        back = reverse("bieu-bao-cao:inspect", args=[dataset.pk])
    return _render(
        request,
        "reporting/admin_config/form.html",
        {"page_title": title, "form": form, "form_id": "dataset-form", "back_url": back},
        status=status,
    )


def dataset_add_view(request):
    _require_configurer(request)
    return _dataset_form_view(request)


def dataset_config_view(request, pk):
    _require_configurer(request)
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    return _dataset_form_view(request, dataset)


def period_add_view(request, pk):
    _require_configurer(request)
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    return _period_form_view(request, dataset, None)


def period_edit_view(request, pk, period_pk):
    _require_configurer(request)
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    period = selectors.get_period_for_user(user=request.user, dataset=dataset, pk=period_pk)
    return _period_form_view(request, dataset, period)


def _period_form_view(request, dataset, period):
    from .forms import PeriodForm

    initial = (
        {"name": period.name, "start": period.start, "end": period.end, "due_date": period.due_date}
        if period
        else None
    )
    form = PeriodForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    if period is None:
                        saved = services.create_period(dataset=dataset, **form.cleaned_data)
                        log(saved, "wagtail.create", user=request.user)
                        done = _("Đã thêm kỳ báo cáo %(name)s.")
                    else:
                        saved = services.update_period(period=period, **form.cleaned_data)
                        log(saved, "wagtail.edit", user=request.user)
                        done = _("Đã cập nhật kỳ báo cáo %(name)s.")
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, done % {"name": saved.name})
                return redirect("bieu-bao-cao:inspect", dataset.pk)
        status = 400
    title = (
        _("Thêm kỳ báo cáo cho biểu %(name)s") % {"name": dataset.name}
        if period is None
        else _("Sửa kỳ báo cáo %(period)s của biểu %(name)s")
        % {"period": period.name, "name": dataset.name}
    )
    return _render(
        request,
        "reporting/admin_config/form.html",
        {
            "page_title": title,
            "form": form,
            "form_id": "period-form",
            "back_url": reverse("bieu-bao-cao:inspect", args=[dataset.pk]),
        },
        status=status,
    )


def period_delete_view(request, pk, period_pk):
    """Confirm, then delete a period no organisation has reported on."""
    _require_configurer(request)
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    period = selectors.get_period_for_user(user=request.user, dataset=dataset, pk=period_pk)
    back = reverse("bieu-bao-cao:inspect", args=[dataset.pk])
    reports = period.submissions.count()
    if request.method == "POST":
        name = period.name
        try:
            with transaction.atomic():
                log(period, "wagtail.delete", user=request.user)
                services.delete_period(period=period)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã xóa kỳ báo cáo %(name)s.") % {"name": name})
        return redirect(back)
    return _render(
        request,
        "reporting/admin_config/period_delete.html",
        {
            "page_title": _("Xóa kỳ báo cáo %(name)s") % {"name": period.name},
            "period": period,
            "dataset": dataset,
            "reports": reports,
            "back_url": back,
        },
    )
