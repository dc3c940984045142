"""Admin screen "Nhập số liệu rà soát hộ nghèo" for the province level (the lead department and
superusers): download the template, upload a file, see every row error, import all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks

from giamngheo.core.admin import PermissionMenuItem
from giamngheo.organisations.selectors import is_province_admin

from . import exports, selectors, services
from .forms import ImportForm, TemplateForm


def _require_province_admin(request) -> None:
    if not is_province_admin(user=request.user):
        raise Http404


def import_view(request):
    _require_province_admin(request)
    result = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.import_poverty_reviews(
                upload=form.cleaned_data["file"], is_sample=form.cleaned_data["is_sample"]
            )
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Đã nhập số liệu: %(created)s dòng mới, %(updated)s dòng cập nhật, "
                        "%(skipped)s dòng bỏ qua (chưa có số liệu)."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "skipped": result.skipped,
                    },
                )
                return redirect("results_import")
        status = 400
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "results/admin/import.html",
        {
            "form": form,
            "template_form": TemplateForm(initial={"nam": timezone.localdate().year}),
            "result": result,
            "years": selectors.rows_per_year(),
            "page_title": _("Nhập số liệu rà soát hộ nghèo"),
            "header_icon": "table",
        },
        status=status,
    )


@require_POST
def delete_samples_view(request):
    _require_province_admin(request)
    deleted = services.delete_sample_reviews()
    messages.success(request, _("Đã xóa %(n)s dòng số liệu mẫu.") % {"n": deleted})
    return redirect("results_import")


def template_view(request):
    _require_province_admin(request)
    form = TemplateForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            " ".join(e for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    year = form.cleaned_data["nam"]
    response = HttpResponse(
        exports.template_workbook(year=year), content_type=exports_content_type()
    )
    response["Content-Disposition"] = f'attachment; filename="mau-ra-soat-ho-ngheo-{year}.xlsx"'
    return response


def exports_content_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("ket-qua/nhap-so-lieu/", import_view, name="results_import"),
        path("ket-qua/mau-nhap-so-lieu.xlsx", template_view, name="results_import_template"),
        path("ket-qua/xoa-so-lieu-mau/", delete_samples_view, name="results_delete_samples"),
    ]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Nhập số liệu rà soát hộ nghèo"),
        reverse("results_import"),
        shown_if=lambda user: is_province_admin(user=user),
        icon_name="table",
        order=330,
    )
