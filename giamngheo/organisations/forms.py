"""Sign-in forms, and the admin forms of units, organisations and memberships."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import selectors
from .enums import Role
from .models import AdministrativeUnit, Membership, Organisation


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        strip=True,
        help_text=_("Nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label=_("Theo địa giới ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )


# --- admin forms ---------------------------------------------------------------------------------


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
