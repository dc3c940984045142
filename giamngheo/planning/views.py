"""Admin views of the planning app (registered in wagtail_hooks): the plan, sub-plan and
activity screens of the viewsets, the sub-plan's status change and the evidence download.

Thin: every object comes through a scoped selector (a foreign id is a 404), every write is one
service call, a service's ValidationError lands on the form or in a message.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from giamngheo.core.admin import ObjectActionView, ScopedDownloadView, ServiceErrorsMixin

from . import documents, selectors, services
from .enums import SUBPLAN_REVIEW_TARGETS, SUBPLAN_TRANSITIONS, ItemKind, SubPlanStatus

# --- plans -------------------------------------------------------------------------------------


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


class EvidenceDownloadView(ScopedDownloadView):
    """Evidence files go out only through the scoped activity, as attachments, never sniffed."""

    scoped_get = staticmethod(selectors.get_evidence_for_user)


# --- sub-plans ---------------------------------------------------------------------------------


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
            and (
                target not in SUBPLAN_REVIEW_TARGETS
                or user.has_perm("planning.approve_subplan", subplan)
            )
        ]
        context["transition_url"] = reverse("planning_subplan_transition", args=[subplan.pk])
        context["events"] = subplan.events.select_related("actor")
        return context


class SubPlanTransitionView(ObjectActionView):
    """Send, approve or return a sub-plan: scoped fetch, one service call, a message."""

    scoped_get = staticmethod(selectors.get_subplan_for_user)

    def check_permission(self, obj) -> None:
        self.target = self.request.POST.get("to", "")
        if self.target not in SubPlanStatus.values:
            raise Http404
        # Approving and returning are the lead department's (rules: planning.approve_subplan).
        if self.target in SUBPLAN_REVIEW_TARGETS and not self.request.user.has_perm(
            "planning.approve_subplan", obj
        ):
            raise PermissionDenied(_("Chỉ cơ quan thường trực được phê duyệt hoặc trả lại."))

    def perform(self, form):
        return services.transition_subplan(
            subplan=self.object,
            to=self.target,
            actor=self.request.user,
            reason=self.request.POST.get("reason", ""),
        )

    def get_success_message(self):
        return _("Kế hoạch cụ thể “%(title)s” đã chuyển sang “%(status)s”.") % {
            "title": self.object.title,
            "status": self.object.get_status_display(),
        }

    def get_success_url(self):
        return reverse("ke-hoach-cu-the:inspect", args=[self.object.pk])


# --- activities --------------------------------------------------------------------------------


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
            overspend_reason=d.get("overspend_reason", ""),
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
            overspend_reason=d.get("overspend_reason", ""),
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
