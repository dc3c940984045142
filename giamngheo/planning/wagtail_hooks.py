"""Admin screens (Vietnamese) for plans, sub-plans and activities.

Every screen reads through the scoped selectors (a foreign id is a 404, a list holds no foreign
row) and writes through the services. Plans are read here and downloaded as official documents;
they are entered through services (the demo loader for the seed plan) until their editor lands.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .document_views import plan_urlpatterns, subplan_urlpatterns
from .forms import ActivityForm, SubPlanForm
from .models import Activity, Plan, SubPlan

# A plan is entered through services (the demo loader for the seed plan) until its editor
# lands: the generic admin only reads it. Activities: the rules decide (an activity with
# evidence or outputs recorded is never deleted).
register_rules_policies(Plan, forbid={"add", "change", "delete"})
register_rules_policies(SubPlan, Activity)


# --- plans -------------------------------------------------------------------------------------


class PlanViewSet(ScopedModelViewSet):
    model = Plan
    icon = "doc-full"
    menu_label = _("Kế hoạch")
    name = "ke-hoach"
    url_prefix = "ke-hoach/ke-hoach"
    form_fields = ["title"]
    list_display = [
        TitleColumn("title", label=_("Trích yếu"), url_name="ke-hoach:inspect"),
        Column("number_and_symbol", label=_("Số, ký hiệu")),
        Column("year", label=_("Năm")),
        Column("report_deadline", label=_("Hạn báo cáo")),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "issuing_body_name",
        "number",
        "symbol",
        "place",
        "issued_on",
        "title",
        "year",
        "period_text",
        "report_deadline",
        "signer_authority",
        "signer_title",
        "signer_name",
    ]
    copy_view_enabled = False
    list_export = ["title", "year", "number", "symbol", "report_deadline"]
    export_filename = "ke-hoach"
    scoped_list = staticmethod(selectors.plans_for_user)
    scoped_get = staticmethod(selectors.get_plan_for_user)
    inspect_view_class = views.PlanInspectView


# --- sub-plans ---------------------------------------------------------------------------------


class SubPlanViewSet(ScopedModelViewSet):
    model = SubPlan
    icon = "list-ul"
    menu_label = _("Kế hoạch cụ thể")
    name = "ke-hoach-cu-the"
    url_prefix = "ke-hoach/ke-hoach-cu-the"
    form_fields = SubPlanForm.Meta.fields
    list_display = [
        TitleColumn("title", label=_("Tên kế hoạch"), url_name="ke-hoach-cu-the:inspect"),
        Column("organisation", label=_("Cơ quan, đơn vị")),
        "status",
        NumberColumn("activity_count", label=_("Số hoạt động")),
        NumberColumn("planned_total", label=_("Kinh phí dự kiến (đồng)")),
        NumberColumn("spent_total", label=_("Kinh phí đã chi (đồng)")),
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "plan",
        "organisation",
        "assignment",
        "title",
        "summary",
        "status",
        "return_reason",
        "submitted_at",
        "decided_at",
    ]
    copy_view_enabled = False
    list_export = ["title", "organisation", "status", "activity_count", "planned_total"]
    export_filename = "ke-hoach-cu-the"
    scoped_list = staticmethod(lambda *, user: selectors.subplan_list_for_user(user=user))
    add_view_class = views.SubPlanCreateView
    scoped_get = staticmethod(selectors.get_subplan_for_user)
    edit_view_class = views.SubPlanEditView
    inspect_view_class = views.SubPlanInspectView

    def get_form_class(self, for_update=False):
        return SubPlanForm


# --- activities --------------------------------------------------------------------------------


class ActivityViewSet(ScopedModelViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Hoạt động")
    name = "hoat-dong"
    url_prefix = "ke-hoach/hoat-dong"
    form_fields = ActivityForm.Meta.fields
    list_display = [
        TitleColumn("title", label=_("Tên hoạt động"), url_name="hoat-dong:inspect"),
        Column("subplan", label=_("Kế hoạch cụ thể")),
        Column("form", label=_("Hình thức")),
        Column("start_date", label=_("Từ ngày")),
        Column("end_date", label=_("Đến ngày")),
        "status",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "subplan",
        "title",
        "description",
        "form",
        "start_date",
        "end_date",
        "status",
    ]
    copy_view_enabled = False
    list_export = ["title", "subplan", "form", "start_date", "end_date", "status"]
    export_filename = "hoat-dong"
    scoped_list = staticmethod(lambda *, user: selectors.activity_list_for_user(user=user))
    add_view_class = views.ActivityCreateView
    scoped_get = staticmethod(selectors.get_activity_for_user)
    inspect_view_class = views.ActivityInspectView
    edit_view_class = views.ActivityEditView

    def get_form_class(self, for_update=False):
        return ActivityForm


class PlanningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Kế hoạch truyền thông")
    menu_icon = "doc-full"
    menu_order = 310
    items = (PlanViewSet, SubPlanViewSet, ActivityViewSet)


@hooks.register("register_admin_viewset")
def register_planning_viewsets():
    return PlanningViewSetGroup()


@hooks.register("register_admin_urls")
def register_planning_urls():
    return [
        *plan_urlpatterns,
        path(
            "ke-hoach/ke-hoach-cu-the/<str:pk>/chuyen-trang-thai/",
            views.SubPlanTransitionView.as_view(),
            name="planning_subplan_transition",
        ),
        path(
            "ke-hoach/minh-chung/<str:pk>/tai-ve/",
            views.EvidenceDownloadView.as_view(),
            name="planning_download_evidence",
        ),
        *subplan_urlpatterns,
    ]


@register_todos
def planning_todos(*, user) -> list[Todo]:
    """Sub-plans waiting for the lead department's approval; returned ones for their body."""
    counts = selectors.subplan_todo_counts(user=user)
    index = reverse("ke-hoach-cu-the:index")
    todos = [
        Todo(
            label=_("kế hoạch cụ thể bị trả lại, cần hoàn thiện"),
            count=counts["returned"],
            url=f"{index}?status=returned",
            urgent=True,
        )
    ]
    if counts["submitted"] and user.has_perm("planning.approve_subplan"):
        todos.append(
            Todo(
                label=_("kế hoạch cụ thể chờ phê duyệt"),
                count=counts["submitted"],
                url=f"{index}?status=submitted",
            )
        )
    return todos
