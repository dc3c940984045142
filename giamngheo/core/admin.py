"""The admin kit every app builds its Wagtail screens on.

- ``RulesPermissionPolicy``: Wagtail asks its permission policy; ours answers from django-rules
  (``user.has_perm``), with the object when there is one. ``forbid`` names the actions the
  generic admin views never offer for a model (a plan is entered through services, a contact
  request comes from a household), whatever the rules grant elsewhere.
- ``add_service_errors`` / ``ServiceErrorsMixin``: a service's ``ValidationError`` lands on the
  form — per field where the form has that field, else as a non-field error — never a 500.
- ``ScopedDownloadView``: a stored file reached *through* the scoped accessor of its row (a
  foreign or missing id is the same 404; the row is never fetched unscoped and then checked).
- ``ObjectActionView`` / ``ObjectFormView``: one view per action on one object, as pretalx does
  per state change. Scoped fetch → (permission) → form → one service → message → redirect.
- ``admin_permission_denied``: a refused action inside the admin answers 403 with a page in the
  admin's layout (installed over Wagtail's redirect to the dashboard in ``CoreConfig.ready``).
- ``PermissionMenuItem``: a menu entry shown only to the users its screen answers (a menu that
  leads to a 403 is an action offered to whom it does not apply).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import wagtail.admin.auth
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.localization import get_localized_response
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .constraints import as_validation_error
from .security import security_event

# --- menu entries for whom they apply ------------------------------------------------------------


class PermissionMenuItem(MenuItem):
    """A Wagtail menu item shown only when ``perm`` (a permission asked of ``user.has_perm``, so
    the rules decide) or ``shown_if(user)`` holds — the same test the screen behind it makes."""

    def __init__(self, label, url, *, perm: str | None = None, shown_if=None, **kwargs):
        if (perm is None) == (shown_if is None):
            raise TypeError("PermissionMenuItem needs exactly one of perm= or shown_if=")
        super().__init__(label, url, **kwargs)
        self.shown_if = shown_if or (lambda user: user.has_perm(perm))

    def is_shown(self, request):
        return bool(self.shown_if(request.user))


# --- a refusal inside the admin is a 403 --------------------------------------------------------


ADMIN_REFUSAL = _("Bạn không có quyền truy cập trang này hoặc thực hiện thao tác này.")


def admin_permission_denied(request):
    """Wagtail's "permission denied" answer, as the project gives it: status 403 and a page in
    the admin's layout saying so in the staff member's admin language, with the refusal's own
    message when a service or view gave one (``PermissionDenied("Chỉ cơ quan thường trực …")``).

    Wagtail answers with a redirect to the dashboard and a flash message instead, which leaves
    the refusal indistinguishable from a success that goes home and loses the reason on the next
    page. The anonymous still go to sign-in (``require_admin_access`` does that before any view
    runs); an XMLHttpRequest still gets the bare PermissionDenied (Django's 403), as in Wagtail.
    """
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied  # logged by the 403 handler (core.views)
    if request.user.is_authenticated:
        security_event("permission_denied", request=request)
    if not request.user.is_authenticated:
        return wagtail.admin.auth.reject_request(request)
    # ``require_admin_access`` calls this inside its ``except PermissionDenied`` without passing
    # the exception on; the one being handled carries the service's message.
    exc = sys.exception()
    reason = str(exc) if isinstance(exc, PermissionDenied) and exc.args else ""

    def page(request):
        return render(
            request,
            "core/admin_permission_denied.html",
            {"reason": reason or ADMIN_REFUSAL},
            status=403,
        )

    return get_localized_response(page, request)


def install_admin_permission_denied() -> None:
    """Wagtail has no setting for its refusal: ``require_admin_access`` (around every admin
    view, ours included) and ``user_passes_test`` (its own permission decorators) both call the
    module-level ``wagtail.admin.auth.permission_denied`` when they run, so replacing that one
    name, once, here, changes the answer everywhere. Called from ``CoreConfig.ready``;
    ``tests/core/test_core_admin_denied.py`` fails if a Wagtail upgrade stops looking it up."""
    wagtail.admin.auth.permission_denied = admin_permission_denied


# --- the permission policy ---------------------------------------------------------------------


class RulesPermissionPolicy(ModelPermissionPolicy):
    """Model-level answers from ``has_perm`` (rules), object-level ones *with* the object.

    ``forbid``: actions ("add", "change", "delete" …) the generic admin views never get for this
    model. Anything else is exactly what ``<app>.<action>_<model>`` in ``rules.py`` says.
    """

    def __init__(self, model, *, forbid: Iterable[str] = (), **kwargs):
        super().__init__(model, **kwargs)
        self.forbidden = frozenset(forbid)

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in self.forbidden:
            return False
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


def register_rules_policies(*models, forbid: Iterable[str] = ()) -> None:
    """Register a ``RulesPermissionPolicy`` (with the same ``forbid``) for each model."""
    for model in models:
        register_permission_policy(
            model, RulesPermissionPolicy(model, forbid=forbid), exact_class=True
        )


# --- service errors onto forms -----------------------------------------------------------------


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on ``form``: a field's errors on that field when the form
    has it, every other message (and a message-list error) as a non-field error."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.error_list)


def error_text(exc: ValidationError | PermissionDenied) -> str:
    """One line for a flash message."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


class ServiceErrorsMixin:
    """For Wagtail's generic create and edit views whose ``save_instance`` calls a service:
    a ValidationError it raises goes back onto the form (Wagtail's ``form_valid`` runs in one
    transaction, so nothing it wrote stays); so does a write the database refuses, as the
    constraint's Vietnamese sentence (``core.constraints``)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, IntegrityError) as exc:
            if isinstance(exc, IntegrityError):
                exc = as_validation_error(exc)
            add_service_errors(form, exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


# --- scoped file downloads ---------------------------------------------------------------------


class ScopedDownloadView(View):
    """A stored file sent as a private, never-sniffed download.

    ``scoped_get(user=, pk=)`` is the only way to the row: it returns the row *within the user's
    reach* or raises Http404 (missing and foreign ids are the same answer).
    """

    scoped_get: Callable | None = None
    file_field = "file"
    as_attachment = True
    http_method_names = ["get", "head"]

    def get_object(self):
        return type(self).scoped_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_file(self, obj):
        return getattr(obj, self.file_field)

    def get(self, request, *args, **kwargs):
        stored = self.get_file(self.get_object())
        if not stored:
            raise Http404
        response = FileResponse(
            stored.open("rb"),
            as_attachment=self.as_attachment,
            filename=stored.name.rsplit("/", 1)[-1],
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- one view per action -----------------------------------------------------------------------


class ObjectActionView(View):
    """POST-only: one action on one object.

    Subclasses set ``scoped_get`` (``(user=, pk=) -> obj`` raising Http404), optionally
    ``permission`` (a rules permission checked *with* the object; refused → ``denied``),
    ``form_class`` (built by ``get_form``), and implement ``perform(form)`` — the one service
    call — and ``get_success_url()``. A ValidationError or PermissionDenied from the service is
    an error message and the same redirect; success adds ``get_success_message()``.
    """

    http_method_names = ["post"]
    scoped_get: Callable | None = None
    permission: str | None = None
    # Http404 keeps a refused action indistinguishable from a foreign object; PermissionDenied
    # answers 403 where the object is visible but the action is not the user's.
    denied: type[Exception] = Http404
    form_class = None
    success_message = ""
    # What a refused service call may raise to become a message. A PermissionDenied is left to
    # the admin's 403 page (``admin_permission_denied``) unless a view adds it here.
    refusals: tuple[type[Exception], ...] = (ValidationError,)
    refused_message = _("Bạn không có quyền thực hiện thao tác này.")

    def get_object(self):
        return type(self).scoped_get(user=self.request.user, pk=self.kwargs["pk"])

    def check_permission(self, obj) -> None:
        if self.permission and not self.request.user.has_perm(self.permission, obj):
            raise self.denied

    def get_form_kwargs(self) -> dict:
        return {"data": self.request.POST, "files": self.request.FILES}

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(**self.get_form_kwargs())

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_success_message(self) -> str:
        return str(self.success_message)

    def get_success_url(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_failure_url(self) -> str:
        return self.get_success_url()

    def setup_object(self) -> None:
        self.object = self.get_object()
        self.check_permission(self.object)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        form = self.get_form()
        try:
            if form is not None and not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            try:
                self.result = self.perform(form)
            except IntegrityError as exc:
                raise as_validation_error(exc) from exc
        except self.refusals as exc:
            messages.error(request, error_text(exc) or str(self.refused_message))
            return HttpResponseRedirect(self.get_failure_url())
        message = self.get_success_message()
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url())


class ObjectFormView(ObjectActionView):
    """GET shows the form (or a confirmation) for the object; POST validates it and calls the
    service; a refusal re-renders the form with the errors on it (status 400).

    ``scoped_get = None`` (with ``get_object`` returning None) makes it an add screen.
    """

    http_method_names = ["get", "post"]
    template_name: str = ""
    page_title = ""
    header_icon = ""

    def get_object(self):
        if type(self).scoped_get is None:
            return None
        return super().get_object()

    def get_form_kwargs(self) -> dict:
        if self.request.method == "POST":
            return super().get_form_kwargs()
        return {}

    def get_context_data(self, **kwargs) -> dict:
        title = str(self.page_title)
        context = {
            "object": self.object,
            "page_title": title,
            "header_title": title,
            "header_icon": self.header_icon,
        }
        context.update(kwargs)
        return context

    def render(self, form, status=200):
        return TemplateResponse(
            self.request, self.template_name, self.get_context_data(form=form), status=status
        )

    def get(self, request, *args, **kwargs):
        self.setup_object()
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        self.setup_object()
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render(form, status=400)
        try:
            try:
                self.result = self.perform(form)
            except IntegrityError as exc:
                raise as_validation_error(exc) from exc
        except self.refusals as exc:
            if form is None:
                messages.error(request, error_text(exc) or str(self.refused_message))
                return HttpResponseRedirect(self.get_failure_url())
            if isinstance(exc, PermissionDenied):
                exc = ValidationError(str(exc) or str(self.refused_message))
            add_service_errors(form, exc)
            return self.render(form, status=400)
        message = self.get_success_message()
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url())
