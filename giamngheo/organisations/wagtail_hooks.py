"""Admin screens (Vietnamese) for units, successions, organisations, memberships and the
personal-data logs. Province administrators manage them; an officer sees their own scope.

Every screen reads through the scoped selectors and writes through the services, so the admin
obeys the same rules as everything else and every change lands in Wagtail's history.
"""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, services
from .admin.views import (
    IndentedNameColumn,
    MembershipFilterSet,
    OrganisationFilterSet,
    UnitFilterSet,
    UnitIndexView,
    _create_membership,
    _create_organisation,
    _create_unit,
)
from .forms import MembershipForm, OrganisationForm, UnitForm
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
