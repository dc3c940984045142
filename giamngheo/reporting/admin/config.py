"""Configuration by the lead department: indicators, data sets and their periods. Each screen
validates a form and calls one service; a service's ValidationError lands on the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from giamngheo.core.admin import add_service_errors

from .. import selectors, services
from ..forms import DataSetForm, IndicatorForm, PeriodForm
from ..models import Indicator
from .common import render


def _require_configurer(request) -> None:
    """The lead department configures; everyone else gets a 403 (rules: configure_dataset)."""
    if not request.user.has_perm("reporting.configure_dataset"):
        raise PermissionDenied


def indicator_list_view(request):
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
    return render(
        request,
        "reporting/admin_config/indicator_list.html",
        {
            "page_title": _("Chỉ tiêu báo cáo"),
            "rows": rows,
            "add_url": reverse("reporting_indicator_add"),
        },
    )


def _indicator_form_view(request, indicator=None):
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
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu chỉ tiêu %(code)s.") % {"code": saved.code})
                return redirect("reporting_indicators")
        status = 400
    title = (
        _("Thêm chỉ tiêu")
        if indicator is None
        else _("Sửa chỉ tiêu %(code)s") % {"code": indicator.code}
    )
    return render(
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
    _require_configurer(request)
    indicator = Indicator.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if indicator is None:
        raise Http404
    return _indicator_form_view(request, indicator)


def _dataset_form_view(request, dataset=None):
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
                add_service_errors(form, exc)
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
    return render(
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
                add_service_errors(form, exc)
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
    return render(
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
    return render(
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
