"""Views of the publications app: thin, each through a scoped selector and one service.

Admin screens (registered in ``wagtail_hooks``): balances per holder and title as of a date,
dispatches awaiting confirmation (overdue after ``OVERDUE_WORKING_DAYS``), confirming a receipt
(built for a phone), sending copies from a print run. Public pages (``urls``): the library and
"where to get a printed copy", and the edition's PDF.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from giamngheo.core.admin import ObjectFormView
from giamngheo.core.documents import document_response
from giamngheo.organisations.models import Organisation

from . import selectors, services
from .forms import AsOfForm, ConfirmReceiptForm, DispatchForm

# A dispatch not confirmed within this many working days is overdue (and its recipient is
# reminded).
OVERDUE_WORKING_DAYS = 5
# Rows of the balance screen per page (200 communes × 20 titles would be 4,000 rows at once).
BALANCE_PAGE = 100


def _as_of(request):
    form = AsOfForm(request.GET or None)
    day = form.cleaned_data.get("on") if form.is_valid() else None
    return form, day or timezone.localdate()


# --- admin -------------------------------------------------------------------------------------


class BalanceView(View):
    """Copies per holder and title at the end of a day, for the holders in the user's reach."""

    def get(self, request):
        if not request.user.has_perm("publications.view_movement"):
            raise PermissionDenied
        form, day = _as_of(request)
        page = Paginator(selectors.balances_for_user(user=request.user, on=day), BALANCE_PAGE)
        rows = page.get_page(request.GET.get("p"))
        return TemplateResponse(
            request,
            "publications/admin/balances.html",
            {
                "page_title": _("Tồn kho ấn phẩm theo đơn vị"),
                "header_title": _("Tồn kho ấn phẩm theo đơn vị"),
                "form": form,
                "on": day,
                "rows": rows,
                "next_query": f"on={day:%Y-%m-%d}",
            },
        )


class AwaitingView(View):
    def get(self, request):
        if not request.user.has_perm("publications.view_dispatch"):
            raise PermissionDenied
        today = timezone.localdate()
        found = selectors.awaiting_confirmation(
            user=request.user, today=today, overdue_after=OVERDUE_WORKING_DAYS
        )
        for item in found:
            item.can_confirm = services.may_confirm(user=request.user, dispatch=item)
        return TemplateResponse(
            request,
            "publications/admin/awaiting.html",
            {
                "page_title": _("Phiếu giao chờ xác nhận"),
                "header_title": _("Phiếu giao chờ xác nhận"),
                "dispatches": found,
                "overdue_after": OVERDUE_WORKING_DAYS,
            },
        )


class ForbiddenMixin:
    """A refused action on a visible object answers 403 here, not Wagtail's redirect to the
    dashboard (the admin turns a PermissionDenied into one)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "403.html", status=403)


class ConfirmReceiptView(ForbiddenMixin, ObjectFormView):
    scoped_get = staticmethod(selectors.get_dispatch_for_user)
    permission = "publications.confirm_dispatch"
    denied = PermissionDenied
    form_class = ConfirmReceiptForm
    template_name = "publications/admin/confirm.html"
    page_title = _("Xác nhận nhận ấn phẩm")
    refusals = (ValidationError, PermissionDenied)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "dispatch": self.object}

    def perform(self, form):
        return services.confirm_receipt(
            actor=self.request.user,
            dispatch=self.object,
            received_quantity=form.cleaned_data["received_quantity"],
            received_on=form.cleaned_data["received_on"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("Đã xác nhận nhận %(copies)s bản “%(title)s”.") % {
            "copies": f"{self.result.received_quantity:,}".replace(",", "."),
            "title": self.object.print_run.edition.title.name,
        }

    def get_success_url(self):
        return reverse("publications_awaiting")


class DispatchCreateView(ForbiddenMixin, ObjectFormView):
    """Send copies of a print run from a holder in the user's reach to a unit in force."""

    scoped_get = staticmethod(selectors.get_print_run_for_user)
    permission = "publications.add_dispatch"
    denied = PermissionDenied
    form_class = DispatchForm
    template_name = "publications/admin/dispatch.html"
    page_title = _("Giao ấn phẩm cho đơn vị")
    refusals = (ValidationError, PermissionDenied)

    def get_form_kwargs(self):
        today = timezone.localdate()
        return {
            **super().get_form_kwargs(),
            "senders": selectors.holders_for_user(user=self.request.user),
            "recipients": Organisation.objects.valid_on(today).select_related("unit"),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.dispatch(
            actor=self.request.user,
            print_run=self.object,
            sender=data["sender"],
            recipient=data["recipient"],
            quantity=data["quantity"],
            dispatched_on=data["dispatched_on"],
        )

    def get_success_message(self):
        return _("Đã giao %(copies)s bản cho “%(recipient)s”, chờ đơn vị nhận xác nhận.") % {
            "copies": f"{self.result.quantity:,}".replace(",", "."),
            "recipient": self.result.recipient.name,
        }

    def get_success_url(self):
        return reverse("publications_awaiting")


DELIVERY_NOTE_FORMATS = ("docx", "pdf", "xlsx")


def download_delivery_note(request, pk: str, fmt: str):
    """The delivery note of a dispatch in the user's reach (404 otherwise)."""
    found = selectors.get_dispatch_for_user(user=request.user, pk=pk)
    return document_response(
        request,
        kind="publication_delivery_note",
        fmt=fmt,
        record=found,
        name=f"bien-ban-giao-nhan-{found.pk}",
    )


# --- public ------------------------------------------------------------------------------------


def library(request):
    """The publications library: covers, languages, licence line, PDF downloads, and where a
    printed copy can be had (from the confirmed balances)."""
    return TemplateResponse(
        request,
        "publications/library.html",
        {
            "titles": selectors.public_titles(),
            "places": selectors.where_to_get_a_copy(on=timezone.localdate()),
        },
    )


def download(request, pk):
    edition = selectors.get_public_edition(pk=pk)
    if not edition.file:
        raise Http404
    response = FileResponse(
        edition.file.open("rb"),
        as_attachment=True,
        filename=f"{edition.title.name_folded.replace(' ', '-')}-{edition.language}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def cover(request, pk):
    edition = selectors.get_public_edition_cover(pk=pk)
    response = FileResponse(edition.cover.open("rb"))
    response["X-Content-Type-Options"] = "nosniff"
    return response
