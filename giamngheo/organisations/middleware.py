"""Two factors for staff in the admin: signed in with a password alone, a staff member reaches
only the pages that verify (or first set up) their second factor."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import requires_two_factor


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        return (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("organisations_2fa:verify"),  # the whole /xac-thuc/ section
            # Assets every admin page loads (an icon sprite, translations): redirecting them
            # would inject the verification page into the page being shown.
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
        )

    def __call__(self, request):
        if getattr(settings, "STAFF_TWO_FACTOR_REQUIRED", True) and self._must_verify(request):
            user = request.user
            enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            name = "organisations_2fa:verify" if enrolled else "organisations_2fa:setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        path = request.path
        if not path.startswith(self.admin_prefix) or path.startswith(self.exempt_prefixes):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False

        return requires_two_factor(user=user)
