"""Admin screens (Vietnamese) of the reporting app: data sets, the units' reports, the lead
department's completeness, reminder and roll-up screens, and the document downloads.

Lists read through the scoped selectors (a foreign id is a 404, a list holds no foreign row);
the report's own screens are plain views (``admin/submissions.py``) plugged into the viewset's add / edit /
inspect URLs, so the URL names stay the viewset's (``bao-cao-don-vi:edit`` …).
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from giamngheo.core.admin import PermissionMenuItem, register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet
from giamngheo.core.viewsets import scoped_index as _index

from . import selectors
from .admin import config, review, submissions
from .document_views import admin_urlpatterns as document_urlpatterns
from .models import DataSet, Submission

register_rules_policies(DataSet, Submission)


class DataSetInspectView(generic.InspectView):
    template_name = "reporting/dataset_inspect.html"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("reporting.configure_dataset"):
            pk = self.object.pk
            buttons += [
                HeaderButton(
                    _("Cấu hình biểu"),
                    url=reverse("reporting_dataset_config", args=[pk]),
                    icon_name="cog",
                ),
                HeaderButton(
                    _("Thêm kỳ báo cáo"),
                    url=reverse("reporting_period_add", args=[pk]),
                    icon_name="plus",
                ),
            ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dataset = self.object
        reviewer = self.request.user.has_perm("reporting.review_dataset", dataset)
        configurer = self.request.user.has_perm("reporting.configure_dataset")
        context["elements"] = selectors._elements(dataset)
        context["periods"] = [
            {
                "period": p,
                "completeness_url": reverse("reporting_completeness", args=[dataset.pk, p.pk])
                if reviewer
                else "",
                "edit_url": reverse("reporting_period_edit", args=[dataset.pk, p.pk])
                if configurer
                else "",
                "delete_url": reverse("reporting_period_delete", args=[dataset.pk, p.pk])
                if configurer
                else "",
            }
            for p in selectors.periods_of(dataset=dataset)
        ]
        return context


class DataSetIndexView(_index("DataSetIndexView", selectors.dataset_list_for_user)):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("reporting.configure_dataset"):
            buttons += [
                HeaderButton(
                    _("Thêm biểu báo cáo"), url=reverse("reporting_dataset_add"), icon_name="plus"
                ),
                HeaderButton(
                    _("Chỉ tiêu báo cáo"), url=reverse("reporting_indicators"), icon_name="list-ul"
                ),
            ]
        return buttons


class DataSetViewSet(ScopedModelViewSet):
    model = DataSet
    icon = "table"
    menu_label = _("Biểu báo cáo")
    name = "bieu-bao-cao"
    url_prefix = "bao-cao/bieu-bao-cao"
    form_fields = ["name"]
    list_display = [
        TitleColumn("name", label=_("Tên biểu báo cáo"), url_name="bieu-bao-cao:inspect"),
        Column("code", label=_("Mã biểu")),
        Column("period_type", label=_("Kỳ báo cáo"), accessor="get_period_type_display"),
        Column("indicator_count", label=_("Số chỉ tiêu")),
        Column("organisation_count", label=_("Số đơn vị báo cáo")),
    ]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = ["code", "name", "period_type", "indicator_count", "organisation_count"]
    export_filename = "bieu-bao-cao"
    index_view_class = DataSetIndexView
    inspect_view_class = DataSetInspectView
    scoped_get = staticmethod(selectors.get_dataset_for_user)


class SubmissionViewSet(ScopedModelViewSet):
    model = Submission
    icon = "form"
    menu_label = _("Báo cáo của đơn vị")
    name = "bao-cao-don-vi"
    url_prefix = "bao-cao/bao-cao-don-vi"
    form_fields = ["note"]
    list_display = [
        TitleColumn("title", label=_("Báo cáo"), url_name="bao-cao-don-vi:edit"),
        Column("organisation", label=_("Cơ quan, đơn vị")),
        Column("period", label=_("Kỳ báo cáo")),
        "status",
        Column("submitted_at", label=_("Thời điểm gửi")),
        Column("value_count", label=_("Số ô số liệu")),
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = ["title", "organisation", "period", "status", "submitted_at"]
    export_filename = "bao-cao-don-vi"
    scoped_list = staticmethod(selectors.submission_list_for_user)
    scoped_get = staticmethod(selectors.get_submission_for_user)

    @property
    def add_view(self):
        return submissions.submission_add_view

    @property
    def edit_view(self):
        return submissions.submission_edit_view

    @property
    def inspect_view(self):
        return submissions.submission_inspect_view


class ReportingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Báo cáo, tổng hợp")
    menu_icon = "table"
    menu_order = 320
    items = (SubmissionViewSet, DataSetViewSet)


@hooks.register("register_admin_viewset")
def register_reporting_viewsets():
    return ReportingViewSetGroup()


@hooks.register("register_admin_urls")
def register_reporting_urls():
    period = "bao-cao/bieu-bao-cao/<str:pk>/ky/<str:period_pk>"
    submission = "bao-cao/bao-cao-don-vi/<str:pk>"
    dataset = "bao-cao/bieu-bao-cao/<str:pk>"
    return [
        path("bao-cao/chi-tieu/", config.indicator_list_view, name="reporting_indicators"),
        path("bao-cao/chi-tieu/them/", config.indicator_add_view, name="reporting_indicator_add"),
        path(
            "bao-cao/chi-tieu/<str:pk>/sua/",
            config.indicator_edit_view,
            name="reporting_indicator_edit",
        ),
        path("bao-cao/cau-hinh-bieu/them/", config.dataset_add_view, name="reporting_dataset_add"),
        path(f"{dataset}/cau-hinh/", config.dataset_config_view, name="reporting_dataset_config"),
        path(f"{dataset}/ky/them/", config.period_add_view, name="reporting_period_add"),
        path(f"{period}/sua/", config.period_edit_view, name="reporting_period_edit"),
        path(f"{period}/xoa/", config.period_delete_view, name="reporting_period_delete"),
        path(f"{period}/tien-do/", review.completeness_view, name="reporting_completeness"),
        path(f"{period}/nhac-bao-cao/", review.RemindView.as_view(), name="reporting_remind"),
        path(f"{period}/tong-hop/", review.rollup_view, name="reporting_rollup"),
        path(
            f"{submission}/chuyen-trang-thai/",
            submissions.SubmissionTransitionView.as_view(),
            name="reporting_submission_transition",
        ),
        path(
            f"{submission}/minh-chung/",
            submissions.SubmissionEvidenceView.as_view(),
            name="reporting_submission_evidence",
        ),
        path(
            f"{submission}/lay-so-lieu/",
            submissions.SubmissionPrefillView.as_view(),
            name="reporting_submission_prefill",
        ),
        path(
            "bao-cao/minh-chung/<str:pk>/tai-ve/",
            submissions.EvidenceDownloadView.as_view(),
            name="reporting_download_evidence",
        ),
        *document_urlpatterns,
    ]


@hooks.register("register_reports_menu_item")
def register_indicator_menu_item():
    return PermissionMenuItem(
        _("Chỉ tiêu báo cáo"),
        reverse("reporting_indicators"),
        perm="reporting.configure_dataset",
        icon_name="list-ul",
        order=900,
    )


@register_todos
def reporting_todos(*, user) -> list[Todo]:
    """Reports due from the user's bodies, returned to them, and waiting for their review."""
    counts = selectors.report_todo_counts(user=user)
    reports = reverse("bao-cao-don-vi:index")
    return [
        Todo(
            label=_("báo cáo bị trả lại, cần hoàn thiện"),
            count=counts["returned"],
            url=f"{reports}?status=returned",
            urgent=True,
        ),
        Todo(
            label=_("báo cáo đến hạn chưa gửi"),
            count=counts["due"],
            url=reverse("bieu-bao-cao:index"),
        ),
        Todo(
            label=_("báo cáo chờ duyệt"),
            count=counts["to_review"],
            url=f"{reports}?status=submitted",
        ),
    ]
