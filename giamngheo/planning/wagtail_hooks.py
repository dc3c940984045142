"""Admin screens (Vietnamese) for plans, sub-plans and activities.

Every screen reads through the scoped selectors (a foreign id is a 404, a list holds no foreign
row) and writes through the services. Plans are read here and downloaded as official documents;
they are entered through services (the demo loader for the seed plan) until their editor lands.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from giamngheo.core.viewsets import ScopedModelViewSet
from giamngheo.organisations import selectors as org_selectors

from . import documents, selectors, services
from .document_views import plan_urlpatterns, subplan_urlpatterns
from .enums import SUBPLAN_REVIEW_TARGETS, SUBPLAN_TRANSITIONS, ItemKind, OutputKind, SubPlanStatus
from .models import MAX_AMOUNT, MAX_QUANTITY, Activity, FundingSource, Plan, PlanItem, SubPlan


class RulesPermissionPolicy(ModelPermissionPolicy):
    """Model-level answers from ``has_perm`` (rules), object-level ones *with* the object."""

    def user_has_permission_for_instance(self, user, action, instance):
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


class ReadOnlyRulesPolicy(RulesPermissionPolicy):
    """Read through rules; no add, edit or delete from the generic admin views."""

    WRITE = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITE and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in self.WRITE and super().user_has_permission_for_instance(
            user, action, instance
        )


register_permission_policy(Plan, ReadOnlyRulesPolicy(Plan), exact_class=True)
register_permission_policy(SubPlan, RulesPermissionPolicy(SubPlan), exact_class=True)


class NoDeleteRulesPolicy(RulesPermissionPolicy):
    """Activities are added and edited in scope; a recorded activity is not deleted (it is
    cancelled, and its evidence stays)."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "delete" and super().user_has_permission_for_instance(
            user, action, instance
        )


register_permission_policy(Activity, NoDeleteRulesPolicy(Activity), exact_class=True)


# --- plans -------------------------------------------------------------------------------------


def download_evidence(request, pk: str):
    """Evidence files go out only through the scope check, as attachments, never sniffed."""
    evidence = selectors.get_evidence_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/")[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PlanInspectView(generic.InspectView):
    template_name = "planning/plan_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = selectors.plan_document(plan=self.object)
        context["plan"] = plan
        context["item_groups"] = [
            (label, selectors.plan_items(plan=plan, kind=kind)) for kind, label in ItemKind.choices
        ]
        return context


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
    inspect_view_class = PlanInspectView


# --- sub-plans ---------------------------------------------------------------------------------


class SubPlanForm(WagtailAdminModelForm):
    class Meta:
        model = SubPlan
        fields = ["plan", "organisation", "title", "summary"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if self.instance.pk:
            self.fields["plan"].disabled = True
            self.fields["organisation"].disabled = True
        if for_user is not None:
            self.fields["plan"].queryset = selectors.plans_for_user(user=for_user)
            self.fields["organisation"].queryset = org_selectors.organisations_for_user(
                user=for_user
            )


class ServiceErrorsMixin:
    """A service's ValidationError goes back to the form as field errors, never a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                form.add_error(None, exc.messages)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SubPlanCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        d = self.form.cleaned_data
        return services.create_subplan(
            actor=self.request.user,
            plan=d["plan"],
            organisation=d["organisation"],
            title=d["title"],
            summary=d.get("summary", ""),
        )


class SubPlanEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        d = self.form.cleaned_data
        return services.update_subplan(
            actor=self.request.user,
            subplan=self.object,
            title=d["title"],
            summary=d.get("summary", ""),
        )


# The button labels of each move, worded as the action an official takes.
TRANSITION_LABELS = {
    SubPlanStatus.SUBMITTED: _("Gửi cơ quan thường trực"),
    SubPlanStatus.APPROVED: _("Phê duyệt"),
    SubPlanStatus.RETURNED: _("Trả lại để hoàn thiện"),
}


class SubPlanInspectView(generic.InspectView):
    template_name = "planning/subplan_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, subplan = self.request.user, self.object
        allowed = SUBPLAN_TRANSITIONS[subplan.status]
        context["transitions"] = [
            (target, TRANSITION_LABELS[target])
            for target in (SubPlanStatus.SUBMITTED, SubPlanStatus.APPROVED, SubPlanStatus.RETURNED)
            if target in allowed
            and (target not in SUBPLAN_REVIEW_TARGETS or org_selectors.is_province_admin(user=user))
        ]
        context["transition_url"] = reverse("planning_subplan_transition", args=[subplan.pk])
        context["events"] = subplan.events.select_related("actor")
        return context


@require_POST
def transition_subplan_view(request, pk: str):
    """Thin: scoped fetch, one service call, a message, back to the sub-plan."""
    subplan = selectors.get_subplan_for_user(user=request.user, pk=pk)
    target = request.POST.get("to", "")
    if target not in SubPlanStatus.values:
        raise Http404
    try:
        services.transition_subplan(
            subplan=subplan, to=target, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Kế hoạch cụ thể “%(title)s” đã chuyển sang “%(status)s”.")
            % {"title": subplan.title, "status": subplan.get_status_display()},
        )
    return redirect("ke-hoach-cu-the:inspect", subplan.pk)


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
        Column("activity_count", label=_("Số hoạt động")),
        Column("planned_total", label=_("Kinh phí dự kiến (đồng)")),
        Column("spent_total", label=_("Kinh phí đã chi (đồng)")),
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
    add_view_class = SubPlanCreateView
    scoped_get = staticmethod(selectors.get_subplan_for_user)
    edit_view_class = SubPlanEditView
    inspect_view_class = SubPlanInspectView

    def get_form_class(self, for_update=False):
        return SubPlanForm


# --- activities --------------------------------------------------------------------------------


class ActivityForm(WagtailAdminModelForm):
    """The activity, its budget by funding source, its outputs and one piece of evidence.

    Budget and output fields are added per funding source and output kind; the services check
    that the sources belong to the sub-plan's plan and that every figure is within bounds.
    """

    evidence_title = forms.CharField(label=_("Tên minh chứng"), max_length=255, required=False)
    evidence_url = forms.URLField(
        label=_("Đường dẫn minh chứng"), required=False, assume_scheme="https"
    )
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)

    class Meta:
        model = Activity
        fields = [
            "subplan",
            "title",
            "description",
            "form",
            "contents",
            "units",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {"contents": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.sources = []
        if for_user is None:
            return
        plans = selectors.plans_for_user(user=for_user)
        self.fields["subplan"].queryset = selectors.subplans_for_user(user=for_user)
        self.fields["form"].queryset = PlanItem.objects.filter(
            plan__in=plans, kind=ItemKind.FORM
        ).select_related("plan")
        self.fields["contents"].queryset = PlanItem.objects.filter(
            plan__in=plans, kind=ItemKind.CONTENT
        )
        self.fields["units"].queryset = org_selectors.units_for_user(user=for_user)
        if self.instance.pk:
            self.fields["subplan"].disabled = True
        lines = (
            {b.funding_source_id: b for b in self.instance.budget_lines.all()}
            if self.instance.pk
            else {}
        )
        outputs = (
            dict(self.instance.outputs.values_list("kind", "quantity")) if self.instance.pk else {}
        )
        self.sources = list(FundingSource.objects.filter(plan__in=plans).select_related("plan"))
        for source in self.sources:
            line = lines.get(source.pk)
            for part, label in (("planned", _("dự kiến")), ("spent", _("đã chi"))):
                self.fields[f"{part}_{source.pk}"] = forms.IntegerField(
                    label=_("Kinh phí %(part)s (đồng) — %(source)s")
                    % {"part": label, "source": source.name},
                    min_value=0,
                    max_value=MAX_AMOUNT,
                    required=False,
                    initial=getattr(line, part, None),
                )
        for kind in OutputKind:
            self.fields[f"output_{kind.value}"] = forms.IntegerField(
                label=_("Số lượng: %(kind)s") % {"kind": kind.label},
                min_value=0,
                max_value=MAX_QUANTITY,
                required=False,
                initial=outputs.get(kind.value),
            )

    def budget(self, plan) -> list[services.BudgetSpec]:
        d = self.cleaned_data
        specs = []
        for source in self.sources:
            planned, spent = d.get(f"planned_{source.pk}"), d.get(f"spent_{source.pk}")
            if planned is None and spent is None:
                continue
            specs.append(
                services.BudgetSpec(funding_source=source, planned=planned or 0, spent=spent or 0)
            )
        return specs

    def outputs(self) -> dict[str, int]:
        return {
            kind.value: self.cleaned_data.get(f"output_{kind.value}") or 0 for kind in OutputKind
        }


class ActivitySaveMixin(ServiceErrorsMixin):
    """One transaction (Wagtail's form_valid): the activity, budget, outputs and evidence."""

    def _save_evidence(self, activity):
        d, user = self.form.cleaned_data, self.request.user
        title = d.get("evidence_title") or activity.title
        if d.get("evidence_url"):
            services.add_evidence_link(
                actor=user, activity=activity, title=title, url=d["evidence_url"]
            )
        if d.get("evidence_file"):
            services.add_evidence_file(
                actor=user, activity=activity, title=title, upload=d["evidence_file"]
            )


class ActivityCreateView(ActivitySaveMixin, generic.CreateView):
    def save_instance(self):
        d = self.form.cleaned_data
        subplan = d["subplan"]
        activity = services.create_activity(
            actor=self.request.user,
            subplan=subplan,
            title=d["title"],
            form=d["form"],
            contents=list(d["contents"]),
            units=list(d["units"]),
            start_date=d["start_date"],
            end_date=d["end_date"],
            description=d.get("description", ""),
            status=d["status"],
            budget=self.form.budget(subplan.plan),
            outputs={k: v for k, v in self.form.outputs().items() if v},
        )
        self._save_evidence(activity)
        return activity


class ActivityEditView(ActivitySaveMixin, generic.EditView):
    def save_instance(self):
        d, user = self.form.cleaned_data, self.request.user
        activity = services.update_activity(
            actor=user,
            activity=self.object,
            title=d["title"],
            form=d["form"],
            contents=list(d["contents"]),
            units=list(d["units"]),
            start_date=d["start_date"],
            end_date=d["end_date"],
            description=d.get("description", ""),
            status=d["status"],
        )
        services.set_activity_budget(
            actor=user, activity=activity, budget=self.form.budget(activity.subplan.plan)
        )
        services.set_activity_outputs(actor=user, activity=activity, outputs=self.form.outputs())
        self._save_evidence(activity)
        return activity


class ActivityInspectView(generic.InspectView):
    template_name = "planning/activity_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.object
        context["budget_lines"] = [
            {
                "source": line.funding_source.name,
                "planned": documents.format_number(line.planned),
                "spent": documents.format_number(line.spent),
            }
            for line in self.object.budget_lines.select_related("funding_source")
        ]
        return context


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
    add_view_class = ActivityCreateView
    scoped_get = staticmethod(selectors.get_activity_for_user)
    inspect_view_class = ActivityInspectView
    edit_view_class = ActivityEditView

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
            transition_subplan_view,
            name="planning_subplan_transition",
        ),
        path(
            "ke-hoach/minh-chung/<str:pk>/tai-ve/",
            download_evidence,
            name="planning_download_evidence",
        ),
        *subplan_urlpatterns,
    ]
