"""Admin screens (Vietnamese) for units, successions, organisations, memberships and the
personal-data logs. Province administrators manage them; an officer sees their own scope.

Every screen reads through the scoped selectors and writes through the services, so the admin
obeys the same rules as everything else and every change lands in Wagtail's history.
"""

from __future__ import annotations

from datetime import date, datetime

import django_filters
from django.db.models import Q
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminDateInput

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.exports import ScopedIndexView
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, services
from .enums import Role, UnitLevel
from .models import (
    AdministrativeUnit,
    ConsentRecord,
    Membership,
    Organisation,
    PersonalDataAccess,
    UnitSuccession,
)
from .urls import urlpatterns as two_factor_urlpatterns

register_rules_policies(
    AdministrativeUnit,
    UnitSuccession,
    Organisation,
    Membership,
    PersonalDataAccess,
    ConsentRecord,
)


# --- units -------------------------------------------------------------------------------------


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


class UnitForm(WagtailAdminModelForm):
    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "unit_type", "level", "parent", "valid_from", "valid_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A reform is recorded as closing and succeeding, never by moving a unit.
            self.fields["parent"].disabled = True
            self.fields["level"].disabled = True


class AdministrativeUnitViewSet(ScopedModelViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Đơn vị hành chính")
    name = "don-vi-hanh-chinh"
    url_prefix = "to-chuc/don-vi-hanh-chinh"
    form_fields = UnitForm.Meta.fields
    list_display = [
        IndentedNameColumn("name", label=_("Tên đơn vị"), url_name="don-vi-hanh-chinh:edit"),
        Column("code", label=_("Mã")),
        Column("unit_type", label=_("Loại")),
        "level",
        Column("valid_from", label=_("Từ ngày")),
        Column("valid_to", label=_("Đến hết ngày")),
    ]
    filterset_class = UnitFilterSet
    search_fields = ["name", "name_folded", "code"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = UnitIndexView
    list_export = ["code", "name", "unit_type", "level", "parent", "valid_from", "valid_to"]
    export_filename = "don-vi-hanh-chinh"
    scoped_get = staticmethod(selectors.get_unit_for_user)
    create_service = staticmethod(_create_unit)
    update_service = staticmethod(lambda i, a: services.update_unit(unit=i, actor=a))

    def get_form_class(self, for_update=False):
        return UnitForm


class UnitSuccessionViewSet(ModelViewSet):
    model = UnitSuccession
    icon = "arrow-right"
    menu_label = _("Kế thừa đơn vị hành chính")
    name = "ke-thua-don-vi"
    url_prefix = "to-chuc/ke-thua-don-vi"
    form_fields = ["predecessor", "successor", "kind", "date", "is_primary", "legal_basis"]
    list_display = ["predecessor", "successor", "kind", "date", "is_primary"]
    list_filter = ["kind", "date"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return UnitSuccession.objects.select_related("predecessor", "successor")


# --- organisations -------------------------------------------------------------------------------


class OrganisationForm(WagtailAdminModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "unit",
            "is_lead",
            "responsibilities",
            "valid_from",
            "valid_to",
            "successor",
            "succession_kind",
            "succession_note",
        ]


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


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Cơ quan, đơn vị")
    name = "co-quan-don-vi"
    url_prefix = "to-chuc/co-quan-don-vi"
    form_fields = OrganisationForm.Meta.fields
    list_display = [
        TitleColumn("name", label=_("Tên cơ quan, đơn vị"), url_name="co-quan-don-vi:inspect"),
        "kind",
        Column("unit", label=_("Địa bàn")),
        Column("valid_from", label=_("Từ ngày")),
        Column("valid_to", label=_("Đến hết ngày")),
        Column("successor", label=_("Cơ quan kế thừa")),
    ]
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "name_folded", "short_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "short_name",
        "kind",
        "unit",
        "is_lead",
        "responsibilities",
        "valid_from",
        "valid_to",
        "successor",
        "succession_kind",
        "succession_note",
    ]
    copy_view_enabled = False
    list_export = ["name", "short_name", "kind", "unit", "valid_from", "valid_to", "successor"]
    export_filename = "co-quan-don-vi"
    scoped_get = staticmethod(selectors.get_organisation_for_user)
    scoped_list = staticmethod(selectors.organisations_for_user)
    create_service = staticmethod(_create_organisation)
    update_service = staticmethod(
        lambda i, a: services.update_organisation(organisation=i, actor=a)
    )

    def get_form_class(self, for_update=False):
        return OrganisationForm


# --- memberships ---------------------------------------------------------------------------------


class MembershipForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "position", "valid_from", "valid_to"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            # Organisations in force today — and the membership's own one, even if it has since
            # closed (the 2025 reform), so that editing a past membership keeps it.
            scoped = selectors.organisations_for_user(user=for_user)
            in_force = scoped.valid_on(timezone.localdate()).values("pk")
            self.fields["organisation"].queryset = scoped.filter(
                Q(pk__in=in_force) | Q(pk=self.instance.organisation_id)
            )
        self.fields["user"].queryset = (
            self.fields["user"].queryset.filter(is_active=True).order_by("username")
        )
        if for_user is not None and not selectors.is_province_admin(user=for_user):
            self.fields["role"].choices = [
                c for c in self.fields["role"].choices if c[0] != Role.PROVINCE_ADMIN
            ]


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


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Phân công cán bộ")
    name = "phan-cong-can-bo"
    url_prefix = "to-chuc/phan-cong-can-bo"
    form_fields = MembershipForm.Meta.fields
    list_display = [
        TitleColumn("user", label=_("Tài khoản"), url_name="phan-cong-can-bo:edit"),
        Column("organisation", label=_("Cơ quan, đơn vị")),
        "role",
        "position",
        Column("valid_from", label=_("Từ ngày")),
        Column("valid_to", label=_("Đến hết ngày")),
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = ["user", "organisation", "role", "position", "valid_from", "valid_to"]
    export_filename = "phan-cong-can-bo"
    scoped_get = staticmethod(selectors.get_membership_for_user)
    scoped_list = staticmethod(selectors.memberships_for_user)
    create_service = staticmethod(_create_membership)
    update_service = staticmethod(lambda i, a: services.update_membership(membership=i, actor=a))

    def get_form_class(self, for_update=False):
        return MembershipForm


# --- personal data logs (read-only) --------------------------------------------------------------


class ReadOnlyViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = True


class PersonalDataAccessViewSet(ReadOnlyViewSet):
    model = PersonalDataAccess
    icon = "view"
    menu_label = _("Nhật ký truy cập dữ liệu cá nhân")
    name = "nhat-ky-du-lieu-ca-nhan"
    url_prefix = "to-chuc/nhat-ky-du-lieu-ca-nhan"
    list_display = ["accessed_at", "actor_username", "content_type", "object_id", "purpose"]
    list_filter = ["purpose", "accessed_at"]
    form_fields = ["purpose"]


class ConsentRecordViewSet(ReadOnlyViewSet):
    model = ConsentRecord
    icon = "tick-inverse"
    menu_label = _("Sự đồng ý xử lý dữ liệu")
    name = "su-dong-y"
    url_prefix = "to-chuc/su-dong-y"
    list_display = ["purpose_code", "channel", "given_at", "withdrawn_at"]
    list_filter = ["purpose_code", "channel"]
    form_fields = ["purpose_code", "purpose", "channel", "given_at", "withdrawn_at"]


class OrganisationsGroup(ModelViewSetGroup):
    menu_label = _("Tổ chức và phân quyền")
    menu_icon = "group"
    menu_order = 250
    items = (
        AdministrativeUnitViewSet,
        UnitSuccessionViewSet,
        OrganisationViewSet,
        MembershipViewSet,
        PersonalDataAccessViewSet,
        ConsentRecordViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OrganisationsGroup()


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("xac-thuc/", include((two_factor_urlpatterns, "organisations_2fa")))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("organisations.deactivate", _("Khóa tài khoản"), _("Đã khóa tài khoản"))
    actions.register_action(
        "organisations.two_factor_enrolled",
        _("Bật xác thực hai bước"),
        _("Đã bật xác thực hai bước"),
    )
    actions.register_action(
        "organisations.recovery_codes_generated", _("Tạo mã dự phòng"), _("Đã tạo mã dự phòng mới")
    )
