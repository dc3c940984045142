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
from .enums import PlanStatus
from .forms import (
    AsOfForm,
    ConfirmReceiptForm,
    DispatchForm,
    EditionForm,
    PlanLinesForm,
    PlanProposeForm,
    PrintRunForm,
    TitleForm,
)

# A dispatch not confirmed within this many working days is overdue (and its recipient is
# reminded: tasks.send_overdue_reminders).
OVERDUE_WORKING_DAYS = services.OVERDUE_WORKING_DAYS
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


class ConfirmReceiptView(ObjectFormView):
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


class DispatchCreateView(ObjectFormView):
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


# --- dispatch plans ----------------------------------------------------------------------------


class PlanCreateView(ObjectFormView):
    """Propose a dispatch plan of a print run for the communes of one district."""

    scoped_get = staticmethod(selectors.get_print_run_for_user)
    permission = "publications.add_dispatch"
    denied = PermissionDenied
    form_class = PlanProposeForm
    template_name = "publications/admin/plan_new.html"
    page_title = _("Lập kế hoạch phân bổ cho các xã")
    refusals = (ValidationError, PermissionDenied)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "senders": selectors.holders_for_user(user=self.request.user),
            "areas": selectors.districts(),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.propose_plan(
            actor=self.request.user,
            print_run=self.object,
            sender=data["sender"],
            area=data["area"],
            rule=data["rule"],
            total=data["total"],
            dispatched_on=data["dispatched_on"],
        )

    def get_success_message(self):
        return _("Đã lập kế hoạch phân bổ %(copies)s bản cho %(count)s xã; kiểm tra rồi giao.") % {
            "copies": f"{self.result.total:,}".replace(",", "."),
            "count": self.result.lines.count(),
        }

    def get_success_url(self):
        return reverse("publications_plan", args=[self.result.pk])


class PlanView(ObjectFormView):
    """A plan's copies per commune: edited and saved while a draft, then sent in one step."""

    scoped_get = staticmethod(selectors.get_plan_for_user)
    permission = "publications.add_dispatch"
    denied = PermissionDenied
    form_class = PlanLinesForm
    template_name = "publications/admin/plan.html"
    page_title = _("Kế hoạch phân bổ ấn phẩm")
    refusals = (ValidationError, PermissionDenied)

    def setup_object(self):
        super().setup_object()
        self.lines = selectors.plan_lines(plan=self.object)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "lines": self.lines}
        kwargs["initial"] = {"dispatched_on": self.object.dispatched_on}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lines=self.lines,
            draft=self.object.status == PlanStatus.DRAFT,
            **kwargs,
        )

    def perform(self, form):
        if self.object.status != PlanStatus.DRAFT:
            raise ValidationError(_("Kế hoạch này đã được giao, không sửa được nữa."))
        self.sending = self.request.POST.get("action") == "dispatch"
        if self.sending:
            return services.dispatch_plan(
                actor=self.request.user,
                plan=self.object,
                dispatched_on=form.cleaned_data["dispatched_on"],
                quantities=form.quantities(),
            )
        return services.update_plan(
            actor=self.request.user, plan=self.object, quantities=form.quantities()
        )

    def get_success_message(self):
        if self.sending:
            return _("Đã giao %(copies)s bản theo kế hoạch, chờ các xã xác nhận.") % {
                "copies": f"{self.result.total:,}".replace(",", ".")
            }
        return _("Đã lưu kế hoạch phân bổ.")

    def get_success_url(self):
        return reverse("publications_plan", args=[self.object.pk])


# --- titles, editions, print runs --------------------------------------------------------------


class TitleCreateView(ObjectFormView):
    scoped_get = None
    form_class = TitleForm
    template_name = "publications/admin/create.html"
    page_title = _("Thêm ấn phẩm")
    refusals = (ValidationError, PermissionDenied)

    def check_permission(self, obj):
        if not self.request.user.has_perm("publications.create_title"):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "publishers": selectors.holders_for_user(user=self.request.user),
            "themes": selectors.content_items(),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.create_title(actor=self.request.user, **data)

    def get_success_message(self):
        return _("Đã thêm ấn phẩm “%(name)s”; thêm bản ngôn ngữ và tệp PDF.") % {
            "name": self.result.name
        }

    def get_success_url(self):
        return reverse("publications_edition_new", args=[self.result.pk])


class EditionCreateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_title_for_user)
    form_class = EditionForm
    template_name = "publications/admin/create.html"
    page_title = _("Thêm bản ngôn ngữ")
    refusals = (ValidationError, PermissionDenied)

    def check_permission(self, obj):
        if not self.request.user.has_perm("publications.create_title"):
            raise PermissionDenied

    def perform(self, form):
        data = form.cleaned_data
        return services.add_edition(
            actor=self.request.user,
            title=self.object,
            language=data["language"],
            pdf=data["pdf"],
            cover=data["cover"],
        )

    def get_success_message(self):
        return _("Đã thêm bản “%(edition)s”.") % {"edition": self.result}

    def get_success_url(self):
        return reverse("publications_print_run_new") + f"?edition={self.result.pk}"


class PrintRunCreateView(ObjectFormView):
    """A print run delivered into a store; its cost is checked against the activity's budget
    line for the chosen funding source (``services.record_print_run``)."""

    scoped_get = None
    form_class = PrintRunForm
    template_name = "publications/admin/create.html"
    page_title = _("Nhập đợt in")
    refusals = (ValidationError, PermissionDenied)

    def check_permission(self, obj):
        if not self.request.user.has_perm("publications.record_printrun"):
            raise PermissionDenied

    def get_form_kwargs(self):
        user = self.request.user
        kwargs = {
            **super().get_form_kwargs(),
            "editions": selectors.editions_for_user(user=user),
            "activities": selectors.publication_activities(user=user),
            "budget_lines": selectors.publication_budget_lines(user=user),
            "stores": selectors.holders_for_user(user=user),
        }
        edition = self.request.GET.get("edition")
        if self.request.method == "GET" and edition and edition.isdigit():
            kwargs["initial"] = {"edition": int(edition)}
        return kwargs

    def perform(self, form):
        return services.record_print_run(actor=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã nhập kho %(copies)s bản “%(edition)s”.") % {
            "copies": f"{self.result.quantity:,}".replace(",", "."),
            "edition": self.result.edition,
        }

    def get_success_url(self):
        return reverse("dot-in:inspect", args=[self.result.pk])


# --- the distribution report -------------------------------------------------------------------

REPORT_FORMATS = ("docx", "pdf", "xlsx")


def download_distribution_report(request, pk: str, fmt: str):
    """The distribution report of a title, over the holders in the user's reach."""
    if not request.user.has_perm("publications.view_movement"):
        raise Http404
    title = selectors.get_title_for_user(user=request.user, pk=pk)
    report = selectors.distribution_report(user=request.user, title=title)
    return document_response(
        request,
        kind="publication_distribution_report",
        fmt=fmt,
        record=report,
        name=f"bao-cao-phat-hanh-{title.pk}",
    )
