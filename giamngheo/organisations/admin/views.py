"""The list screens' filters, columns and the unit tree index, and the service calls the add
views save through."""

from __future__ import annotations

from datetime import date, datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets import AdminDateInput

from giamngheo.core.exports import ScopedIndexView

from .. import selectors, services
from ..enums import UnitLevel
from ..models import AdministrativeUnit, Membership, Organisation


def _parse_day(raw: str | None) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((raw or "").strip(), fmt).date()
        except ValueError:
            continue
    return timezone.localdate()


class UnitFilterSet(WagtailFilterSet):
    ngay = django_filters.DateFilter(
        label=_("Theo địa giới ngày"),
        method="filter_as_of",
        widget=AdminDateInput,
        help_text=_("Mặc định: hôm nay. Chọn một ngày trước 01/07/2025 để xem địa giới ba cấp."),
    )
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=UnitLevel.choices)

    class Meta:
        model = AdministrativeUnit
        fields = ["level"]

    def filter_as_of(self, queryset, name, value):
        return queryset  # applied in the view, where the default (today) is known


class IndentedNameColumn(TitleColumn):
    """The unit's name indented by its depth below the shallowest unit listed (an officer's
    own commune is not indented under a province they cannot see)."""

    def get_value(self, instance):
        return f"{'— ' * getattr(instance, 'indent', 0)}{instance.name}"


class UnitIndexView(ScopedIndexView):
    scoped_list = staticmethod(selectors.units_for_user)
    default_ordering = "path"

    def get_base_queryset(self):
        day = _parse_day(self.request.GET.get("ngay"))
        self.as_of = day
        return (
            selectors.units_for_user(user=self.request.user).valid_on(day).select_related("parent")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = list(context.get("object_list") or [])
        top = min((u.depth for u in units), default=0)
        for unit in units:
            unit.indent = unit.depth - top
        context["as_of"] = self.as_of
        return context


def _create_unit(form, actor):
    d = form.cleaned_data
    return services.create_unit(
        code=d["code"],
        name=d["name"],
        level=d["level"],
        parent=d.get("parent"),
        unit_type=d.get("unit_type", ""),
        valid_from=d.get("valid_from"),
        valid_to=d.get("valid_to"),
        actor=actor,
    )


def _create_organisation(form, actor):
    d = form.cleaned_data
    org = services.create_organisation(
        name=d["name"],
        kind=d["kind"],
        unit=d["unit"],
        short_name=d.get("short_name", ""),
        is_lead=d.get("is_lead", False),
        responsibilities=d.get("responsibilities", ""),
        valid_from=d.get("valid_from"),
        valid_to=d.get("valid_to"),
        actor=actor,
    )
    if d.get("successor"):
        org.successor, org.succession_kind = d["successor"], d.get("succession_kind", "")
        org.succession_note = d.get("succession_note", "")
        services.update_organisation(organisation=org, actor=actor)
    return org


class OrganisationFilterSet(WagtailFilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "is_lead"]


def _create_membership(form, actor):
    d = form.cleaned_data
    return services.create_membership(
        user=d["user"],
        organisation=d["organisation"],
        role=d["role"],
        position=d.get("position", ""),
        valid_from=d.get("valid_from"),
        valid_to=d.get("valid_to"),
        actor=actor,
    )


class MembershipFilterSet(WagtailFilterSet):
    class Meta:
        model = Membership
        fields = ["role"]
