"""The lead department's screens of a period: completeness and timeliness, reminders, and the
roll-up through the administrative units."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.admin import ObjectActionView

from .. import selectors, services
from .common import document_links, render


def _reviewed_period(request, pk, period_pk):
    dataset = selectors.get_dataset_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("reporting.review_dataset", dataset):
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
    return render(
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


class RemindView(ObjectActionView):
    """Send a reminder to every organisation that has not reported for the period."""

    def get_object(self):
        return _reviewed_period(self.request, self.kwargs["pk"], self.kwargs["period_pk"])

    def perform(self, form):
        dataset, period = self.object
        return services.remind_missing(dataset=dataset, period=period, actor=self.request.user)

    def get_success_message(self):
        if self.result:
            return _("Đã gửi nhắc báo cáo đến %(n)s cơ quan, đơn vị chưa báo cáo.") % {
                "n": self.result
            }
        messages.info(self.request, _("Tất cả cơ quan, đơn vị đã báo cáo; không cần nhắc."))
        return ""

    def get_success_url(self):
        dataset, period = self.object
        return reverse("reporting_completeness", args=[dataset.pk, period.pk])


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
    return render(
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
