"""Admin screens (Vietnamese): the poverty standards with their dimensions and indicators, the
support policies shown with a self-check result (province staff), and the contact requests of
households (read by the province and by the officers of the household's commune; reads logged).

A saved standard or policy changes public pages, so every write here purges the page cache.
"""

from __future__ import annotations

from django.db import models
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.numbers import MoneyField
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors
from .admin import views
from .enums import ContactStatus
from .models import (
    MAX_AMOUNT,
    ContactRequest,
    Dimension,
    Indicator,
    PovertyStandard,
    SupportPolicy,
)

register_rules_policies(PovertyStandard, Dimension, Indicator, SupportPolicy)
# Contact requests come from households only; staff read them and may delete them.
register_rules_policies(ContactRequest, forbid={"add", "change"})


class PurgingViewSet(ModelViewSet):
    add_view_class = views.PurgingCreateView
    edit_view_class = views.PurgingEditView
    delete_view_class = views.PurgingDeleteView
    add_to_admin_menu = False
    copy_view_enabled = False


class PovertyStandardViewSet(PurgingViewSet):
    model = PovertyStandard
    icon = "clipboard-list"
    menu_label = gettext_lazy("Chuẩn nghèo đa chiều")
    name = "chuan-ngheo"
    url_prefix = "tu-danh-gia/chuan-ngheo"
    list_display = ["name", "valid_from", "valid_to", "is_published"]
    form_fields = [
        "name",
        "legal_basis",
        "valid_from",
        "valid_to",
        "is_published",
        "rural_income_line",
        "urban_income_line",
        "rural_average_upper",
        "urban_average_upper",
        "poor_min_lacking",
        "notes",
    ]
    money_fields = frozenset(
        {"rural_income_line", "urban_income_line", "rural_average_upper", "urban_average_upper"}
    )

    def formfield_for_dbfield(self, db_field, **kwargs):
        # Income lines typed 1.500.000 (a number box would read the dots as a decimal point).
        if db_field.name in self.money_fields:
            kwargs.update(form_class=MoneyField, max_value=MAX_AMOUNT)
        return super().formfield_for_dbfield(db_field, **kwargs)


class DimensionViewSet(PurgingViewSet):
    model = Dimension
    icon = "list-ul"
    menu_label = gettext_lazy("Chiều thiếu hụt")
    name = "chieu-thieu-hut"
    url_prefix = "tu-danh-gia/chieu-thieu-hut"
    list_display = ["name", "standard", "order"]
    list_filter = ["standard"]
    form_fields = ["standard", "name", "order"]

    def get_queryset(self, request):
        return Dimension.objects.select_related("standard")


class IndicatorViewSet(PurgingViewSet):
    model = Indicator
    icon = "list-ol"
    menu_label = gettext_lazy("Chỉ số thiếu hụt")
    name = "chi-so-thieu-hut"
    url_prefix = "tu-danh-gia/chi-so"
    list_display = ["code", "name", "dimension", "order"]
    list_filter = ["dimension__standard"]
    form_fields = ["dimension", "code", "name", "question", "criterion", "order"]

    def get_queryset(self, request):
        return Indicator.objects.select_related("dimension", "dimension__standard")


class SupportPolicyViewSet(PurgingViewSet):
    model = SupportPolicy
    icon = "doc-full"
    menu_label = gettext_lazy("Chính sách hỗ trợ")
    name = "chinh-sach-ho-tro"
    url_prefix = "tu-danh-gia/chinh-sach"
    list_display = ["title", "for_poor", "for_near_poor", "for_average", "is_active", "order"]
    form_fields = [
        "title",
        "description",
        "for_poor",
        "for_near_poor",
        "for_average",
        "page",
        "url",
        "order",
        "is_active",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        # Django 6 assumes https for a URL typed without a scheme; say so now (no warning).
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


class ContactRequestViewSet(ScopedModelViewSet):
    model = ContactRequest
    icon = "mail"
    menu_label = gettext_lazy("Hộ đề nghị liên hệ")
    name = "de-nghi-lien-he"
    url_prefix = "tu-danh-gia/de-nghi-lien-he"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views.ContactRequestIndexView
    inspect_view_class = views.ContactRequestInspectView
    scoped_get = staticmethod(selectors.get_contact_request_for_user)
    list_display = ["name", "phone", "commune", "classification", "status", "created_at"]
    list_filter = ["classification", "status"]
    list_export = ["created_at", "name", "phone", "commune", "classification", "lacking_codes"]
    export_filename = "ho-de-nghi-lien-he"
    form_fields = ["note"]
    inspect_view_fields = [
        "created_at",
        "name",
        "phone",
        "commune",
        "note",
        "area",
        "classification",
        "lacking_codes",
        "standard",
        "consent_given_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("xu-ly/<int:pk>/", views.ContactRequestProcessView.as_view(), name="process"),
        ]


class SelfCheckGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Tự đánh giá hộ nghèo")
    menu_icon = "clipboard-list"
    menu_order = 270
    items = (
        ContactRequestViewSet,
        PovertyStandardViewSet,
        DimensionViewSet,
        IndicatorViewSet,
        SupportPolicyViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SelfCheckGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        f"selfcheck.{ContactStatus.CONTACTED}",
        _("Đã liên hệ hộ đề nghị"),
        _("Đã cập nhật: đã liên hệ, hướng dẫn hộ"),
    )
    actions.register_action(
        f"selfcheck.{ContactStatus.UNREACHABLE}",
        _("Chưa liên hệ được hộ đề nghị"),
        _("Đã cập nhật: chưa liên hệ được hộ"),
    )
