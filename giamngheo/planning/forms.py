"""Admin forms of the planning app: a sub-plan, and an activity with its budget by funding
source, its outputs and one piece of evidence. Choices come from the user's scope only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from giamngheo.core.choices import preselect_single_choices
from giamngheo.core.numbers import MoneyField, QuantityField
from giamngheo.organisations import selectors as org_selectors

from . import selectors, services
from .enums import ItemKind, OutputKind
from .models import MAX_AMOUNT, MAX_QUANTITY, Activity, FundingSource, PlanItem, SubPlan


class SubPlanForm(WagtailAdminModelForm):
    class Meta:
        model = SubPlan
        fields = ["plan", "organisation", "title", "summary"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if self.instance.pk:
            self.fields["plan"].disabled = True
            self.fields["organisation"].disabled = True
        if for_user is not None and self.instance.pk:
            self.fields["plan"].queryset = selectors.plans_for_user(user=for_user)
            self.fields["organisation"].queryset = org_selectors.organisations_for_user(
                user=for_user
            )
        elif for_user is not None:
            # A new sub-plan: only the plans and organisations still waiting for one (the
            # assigned bodies in reach without a sub-plan yet), a single one preselected.
            self.fields["plan"].queryset = selectors.plans_with_openings(user=for_user)
            self.fields["organisation"].queryset = selectors.subplan_openings(user=for_user)
            preselect_single_choices(self)


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
            "overspend_reason",
        ]
        widgets = {
            "contents": forms.CheckboxSelectMultiple,
            "overspend_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "overspend_reason": _(
                "Bắt buộc khi kinh phí đã chi của một nguồn vượt kinh phí dự kiến."
            )
        }

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
        preselect_single_choices(self)
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
                self.fields[f"{part}_{source.pk}"] = MoneyField(
                    label=_("Kinh phí %(part)s (đồng) — %(source)s")
                    % {"part": label, "source": source.name},
                    max_value=MAX_AMOUNT,
                    required=False,
                    initial=getattr(line, part, None),
                    help_text=_("Ví dụ: 15.000.000"),
                )
        # The reason follows the money it explains.
        self.fields["overspend_reason"] = self.fields.pop("overspend_reason")
        for kind in OutputKind:
            self.fields[f"output_{kind.value}"] = QuantityField(
                label=_("Số lượng: %(kind)s") % {"kind": kind.label},
                max_value=MAX_QUANTITY,
                required=False,
                initial=outputs.get(kind.value),
            )

    def clean(self):
        data = super().clean()
        over = services.overspent_lines(self.budget(None))
        if over and not (data.get("overspend_reason") or "").strip():
            self.add_error("overspend_reason", services.overspend_message(over))
        return data

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
