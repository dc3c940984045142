"""Handlers' register in the Wagtail admin: the list of items routed to the user's bodies, the
item with its reporter (read logged), and the actions — each a call to one service."""

from __future__ import annotations

import csv
import io

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from giamngheo.core.exports import ScopedIndexView, neutralise_cell
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose
from giamngheo.organisations.models import Organisation

from . import selectors, services
from .enums import NOT_RUNNING, FeedbackStatus, IdentityMode, StatsGroup
from .forms import (
    AnswerForm,
    BanReporterForm,
    ModerationForm,
    OfficerIntakeForm,
    RedactionForm,
    StatisticsFilterForm,
    TemplatePickForm,
    TransitionForm,
)
from .models import (
    AnswerTemplate,
    ApiKey,
    Ban,
    Category,
    DeadlinePolicy,
    Feedback,
    FeedbackAttachment,
    RoutingRule,
)


class RulesPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


for _model in (Feedback, Category, RoutingRule, ApiKey, DeadlinePolicy, AnswerTemplate, Ban):
    register_permission_policy(_model, RulesPermissionPolicy(_model), exact_class=True)


class FeedbackIndexView(ScopedIndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if selectors.is_feedback_handler(user=self.request.user):
            buttons.append(
                HeaderButton(
                    _("Nhập phản ánh qua điện thoại, thư"),
                    url=reverse("phan-anh:intake"),
                    icon_name="plus",
                )
            )
        return buttons

    scoped_list = staticmethod(selectors.feedback_for_user)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if selectors.is_feedback_handler(user=self.request.user):
            buttons.append(
                HeaderButton(
                    _("Thống kê"), url=reverse("thong-ke-phan-anh:index"), icon_name="table"
                )
            )
        return buttons


class FeedbackInspectView(generic.InspectView):
    template_name = "feedback/admin/inspect.html"

    def get_object(self, queryset=None):
        return selectors.get_feedback_for_user(user=self.request.user, pk=unquote(str(self.pk)))

    def get_latitude_display_value(self):
        return self.object.latitude if self.object.latitude is not None else "—"

    def get_longitude_display_value(self):
        return self.object.longitude if self.object.longitude is not None else "—"

    def get_consent_publish_display_value(self):
        return _("Có") if self.object.consent_publish else _("Không")

    def get_organisation_display_value(self):
        return self.object.organisation or _("Chưa xác định — cần chuyển xử lý")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        user = self.request.user
        shows_reporter = item.identity_mode != IdentityMode.ANONYMOUS
        if shows_reporter:
            log_personal_data_access(
                user=user,
                subject=item,
                purpose=AccessPurpose.HANDLE,
                detail=f"feedback {item.tracking_code}",
                request=self.request,
            )
        answer = getattr(item, "answer", None)
        templates = selectors.answer_templates_for(category=item.category)
        pick_form = TemplatePickForm(
            self.request.GET if "mau" in self.request.GET else None, templates=templates
        )
        initial = {
            "body": getattr(answer, "body", ""),
            "template": getattr(answer, "template_id", None),
        }
        if pick_form.is_bound and pick_form.is_valid():
            chosen = pick_form.cleaned_data["mau"]
            initial = {"body": chosen.body, "template": chosen.pk}
        lead = selectors.sees_all_feedback(user=user)
        attachments = list(item.attachments.all())
        context.update(
            item=item,
            shows_reporter=shows_reporter,
            events=selectors.events_for(feedback=item).select_related("actor"),
            attachments=attachments,
            image_attachments=[a for a in attachments if a.kind in services.IMAGE_KINDS],
            answer=answer,
            can_handle=user.has_perm("feedback.handle_feedback", item),
            can_publish=user.has_perm("feedback.publish_answer", item),
            can_ban=user.has_perm("feedback.ban_reporter", item),
            transition_form=TransitionForm(
                feedback=item, organisations=_assignable_organisations(), lead=lead
            ),
            answer_form=AnswerForm(initial=initial, templates=templates),
            template_pick_form=pick_form,
            has_templates=templates.exists(),
            moderation_form=ModerationForm(feedback=item),
            ban_form=BanReporterForm(),
            redaction_form=RedactionForm(initial={"mode": "boxes"}),
            may_answer=item.status in (FeedbackStatus.IN_PROGRESS, FeedbackStatus.INFO_SUPPLIED),
            process_url=reverse("phan-anh:process", args=[item.pk]),
            inspect_url=reverse("phan-anh:inspect", args=[item.pk]),
        )
        return context


def _assignable_organisations():
    from django.utils import timezone

    return Organisation.objects.valid_on(timezone.localdate()).select_related("unit")


def _form_errors(form) -> ValidationError:
    return ValidationError([e for errs in form.errors.values() for e in errs])


@require_POST
def process_view(request, pk):
    """One action per POST, each through one service; a refused action is a message."""
    item = selectors.get_feedback_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("feedback.handle_feedback", item):
        raise Http404
    action = request.POST.get("action")
    back = reverse("phan-anh:inspect", args=[item.pk])
    try:
        if action == "transition":
            form = TransitionForm(
                request.POST, feedback=item, organisations=_assignable_organisations()
            )
            if not form.is_valid():
                raise _form_errors(form)
            services.transition_feedback(
                feedback=item,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                organisation=form.cleaned_data["organisation"]
                if form.cleaned_data["to"] == FeedbackStatus.ASSIGNED
                else None,
            )
            messages.success(
                request,
                _("Đã cập nhật trạng thái: %(status)s.") % {"status": item.get_status_display()},
            )
            if not selectors.in_reach(user=request.user, feedback=item):
                # Transferred or returned: the item has left this body's register.
                return redirect("phan-anh:index")
        elif action == "answer":
            form = AnswerForm(
                request.POST, templates=selectors.answer_templates_for(category=item.category)
            )
            if not form.is_valid():
                raise _form_errors(form)
            services.answer_feedback(
                feedback=item,
                body=form.cleaned_data["body"],
                actor=request.user,
                template=form.cleaned_data["template"],
                propose_publication=form.cleaned_data["propose_publication"],
            )
            messages.success(request, _("Đã ghi nhận câu trả lời."))
        elif action == "propose":
            services.propose_publication(feedback=item, actor=request.user)
            messages.success(request, _("Đã đề nghị lãnh đạo duyệt công khai."))
        elif action in ("publish", "unpublish"):
            if not request.user.has_perm("feedback.publish_answer", item):
                raise Http404
            if action == "publish":
                services.publish_answer(feedback=item, actor=request.user)
                messages.success(request, _("Đã công khai câu hỏi và trả lời."))
            else:
                services.unpublish_answer(feedback=item, actor=request.user)
                messages.success(request, _("Đã thôi công khai câu hỏi và trả lời."))
        elif action == "moderate":
            form = ModerationForm(request.POST, feedback=item)
            if not form.is_valid():
                raise _form_errors(form)
            services.moderate_feedback(feedback=item, actor=request.user, **form.service_kwargs())
            messages.success(request, _("Đã cập nhật kiểm duyệt."))
        elif action == "ban":
            if not request.user.has_perm("feedback.ban_reporter", item):
                raise Http404
            form = BanReporterForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            bans = services.ban_reporter(
                feedback=item,
                actor=request.user,
                reason=form.cleaned_data["ban_reason"],
                until=form.cleaned_data["until"],
            )
            messages.success(
                request, _("Đã chặn người gửi (%(n)s mục trong danh sách chặn).") % {"n": len(bans)}
            )
        elif action in ("redact", "hide_attachment", "show_attachment"):
            attachment = _attachment_of(item, request.POST.get("attachment"))
            if action == "redact":
                form = RedactionForm(request.POST)
                if not form.is_valid():
                    raise _form_errors(form)
                services.redact_attachment(
                    attachment=attachment,
                    actor=request.user,
                    mode=form.cleaned_data["mode"],
                    boxes=form.cleaned_data["boxes"],
                )
                messages.success(request, _("Đã tạo bản công khai của ảnh."))
            else:
                services.hide_attachment(
                    attachment=attachment, actor=request.user, hidden=action == "hide_attachment"
                )
                messages.success(request, _("Đã cập nhật việc công khai tệp đính kèm."))
        else:
            raise ValidationError(_("Thao tác không hợp lệ."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(back)


def _attachment_of(item, raw) -> FeedbackAttachment:
    attachment = item.attachments.filter(pk=raw).first() if raw and str(raw).isdigit() else None
    if attachment is None:
        raise Http404
    return attachment


def intake_view(request):
    """Officers enter phone, letter and in-person items: form → submit_feedback → the item."""
    if not selectors.is_feedback_handler(user=request.user):
        raise Http404
    if request.method == "POST":
        form = OfficerIntakeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                item = services.submit_feedback(**form.service_kwargs(), entered_by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Đã nhập phản ánh %(code)s.") % {"code": item.tracking_code}
                )
                return redirect("phan-anh:inspect", item.pk)
    else:
        form = OfficerIntakeForm(user=request.user)
    return TemplateResponse(
        request,
        "feedback/admin/intake.html",
        {
            "form": form,
            "page_title": _("Nhập phản ánh nhận qua điện thoại, thư, trực tiếp"),
            "header_icon": "mail",
        },
        status=400 if form.errors else 200,
    )


def attachment_view(request, pk):
    """Attachments are served only through the scoped item, never from a public URL."""
    attachment = (
        FeedbackAttachment.objects.filter(pk=pk).select_related("feedback").first()
        if str(pk).isdigit()
        else None
    )
    if attachment is None:
        raise Http404
    selectors.get_feedback_for_user(user=request.user, pk=attachment.feedback_id)
    stored = attachment.public_file if request.GET.get("ban") == "cong-khai" else attachment.file
    if not stored:
        raise Http404
    response = FileResponse(stored.open("rb"), filename=stored.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class OverdueColumn(Column):
    def get_value(self, instance):
        return _("Quá hạn") if instance.is_overdue else ""


def overdue_q() -> Q:
    return Q(deadline__lt=timezone.localdate()) & ~Q(status__in=NOT_RUNNING)


class FeedbackFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Quá hạn"), method="filter_overdue")
    awaiting_publication = django_filters.BooleanFilter(
        label=gettext_lazy("Chờ duyệt công khai"), method="filter_awaiting"
    )
    is_hidden = django_filters.BooleanFilter(label=gettext_lazy("Đã ẩn khỏi trang công khai"))
    is_spam = django_filters.BooleanFilter(label=gettext_lazy("Tin rác"))

    class Meta:
        model = Feedback
        fields = ["status", "kind", "category", "channel"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_awaiting(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(answer__publish_proposed_at__isnull=False, answer__is_published=False)
        return queryset.filter(q) if value else queryset.exclude(q)


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "mail"
    menu_label = gettext_lazy("Sổ tiếp nhận phản ánh")
    name = "phan-anh"
    url_prefix = "phan-anh"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = FeedbackIndexView
    inspect_view_class = FeedbackInspectView
    list_display = [
        "tracking_code",
        "subject",
        "status",
        "kind",
        "unit",
        "organisation",
        "deadline",
        OverdueColumn("overdue", label=gettext_lazy("Quá hạn")),
    ]
    filterset_class = FeedbackFilterSet
    list_export = [
        "tracking_code",
        "received_at",
        "kind",
        "category",
        "subject",
        "unit",
        "organisation",
        "status",
        "deadline",
        "channel",
    ]
    export_filename = "phan-anh-kien-nghi"
    search_fields = ["tracking_code", "subject"]
    search_backend_name = None
    form_fields = ["subject"]
    inspect_view_fields = [
        "tracking_code",
        "kind",
        "category",
        "subject",
        "description",
        "unit",
        "latitude",
        "longitude",
        "channel",
        "status",
        "received_at",
        "deadline",
        "organisation",
        "consent_publish",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("xu-ly/<int:pk>/", process_view, name="process"),
            path("tep/<int:pk>/", attachment_view, name="attachment"),
            path("nhap/", intake_view, name="intake"),
        ]


# --- statistics ----------------------------------------------------------------------------------

STATS_HEADERS = [
    gettext_lazy("Xếp hạng"),
    gettext_lazy("Nhóm"),
    gettext_lazy("Tiếp nhận"),
    gettext_lazy("Đã trả lời"),
    gettext_lazy("Trả lời đúng hạn"),
    gettext_lazy("Tỷ lệ đúng hạn (%)"),
    gettext_lazy("Số ngày trả lời (trung vị)"),
]


def _stats_cells(row, *, ranked: bool) -> list:
    if not ranked:
        rank = ""
    elif row.rank is None:
        rank = str(_("Chưa đủ số liệu để xếp hạng"))
    else:
        rank = row.rank
    return [
        rank,
        str(row.label),
        row.received,
        row.answered,
        row.answered_on_time,
        row.on_time_rate if row.on_time_rate is not None else "",
        row.median_days if row.median_days is not None else "",
    ]


def _stats_export(stats, *, fmt: str, filename: str):
    header = [str(h) for h in STATS_HEADERS]
    body = [_stats_cells(r, ranked=stats.ranked) for r in stats.rows]
    total = ["", str(_("Tổng cộng")), *_stats_cells(stats.total, ranked=False)[2:]]
    rows = [[neutralise_cell(c) for c in r] for r in (header, *body, total)]
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly only with a BOM
        csv.writer(out).writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Thống kê"))[:31]
    for r in rows:
        sheet.append(r)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@require_GET
def statistics_view(request):
    """Received, answered, answered on time, median days — by body, commune, category or month,
    over the items the user may see; CSV/XLSX of the same figures."""
    if not selectors.is_feedback_handler(user=request.user):
        raise Http404
    form = StatisticsFilterForm(request.GET or None)
    year, group_by, category = None, StatsGroup.ORGANISATION, None
    if form.is_bound:
        if form.is_valid():
            year = form.cleaned_data["nam"]
            group_by = form.cleaned_data["theo"] or StatsGroup.ORGANISATION
            category = form.cleaned_data["linh_vuc"]
    stats = selectors.statistics_for_user(
        user=request.user, year=year, group_by=group_by, category=category
    )
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and not form.errors:
        name = f"thong-ke-phan-anh-{year or 'tat-ca'}-{group_by}"
        return _stats_export(stats, fmt=fmt, filename=name)
    query = request.GET.copy()
    query.pop("export", None)
    return TemplateResponse(
        request,
        "feedback/admin/statistics.html",
        {
            "form": form,
            "stats": stats,
            "rows": [(r, _stats_cells(r, ranked=stats.ranked)) for r in stats.rows],
            "headers": STATS_HEADERS,
            "group_label": StatsGroup(group_by).label,
            "min_group": selectors.STATS_MIN_GROUP,
            "query": query.urlencode(),
            "page_title": _("Thống kê phản ánh, kiến nghị"),
            "header_icon": "table",
        },
        status=400 if form.errors else 200,
    )


class HandlerMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.is_feedback_handler(user=request.user)


class StatisticsViewSet(ViewSet):
    name = "thong-ke-phan-anh"
    url_prefix = "phan-anh/thong-ke"
    icon = "table"
    menu_label = gettext_lazy("Thống kê phản ánh")
    menu_item_class = HandlerMenuItem

    def get_urlpatterns(self):
        return [path("", statistics_view, name="index")]


class DeadlinePolicyViewSet(ModelViewSet):
    model = DeadlinePolicy
    icon = "time"
    menu_label = gettext_lazy("Thời hạn xử lý")
    name = "thoi-han-phan-anh"
    url_prefix = "phan-anh/thoi-han"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["kind", "working_days", "remind_before"]
    form_fields = ["kind", "working_days", "remind_before"]


class AnswerTemplateViewSet(ModelViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Mẫu trả lời")
    name = "mau-tra-loi"
    url_prefix = "phan-anh/mau-tra-loi"
    add_to_admin_menu = False
    list_display = ["title", "category", "is_active"]
    list_filter = ["category", "is_active"]
    form_fields = ["title", "category", "body", "is_active"]

    def get_queryset(self, request):
        return AnswerTemplate.objects.select_related("category")


class BanCreateForm(WagtailAdminModelForm):
    """Adds a ban by value; services.create_ban keeps only the keyed hash."""

    value = forms.CharField(
        label=gettext_lazy("Số điện thoại, thư điện tử hoặc địa chỉ IP"), max_length=254
    )

    class Meta:
        model = Ban
        fields = ["kind", "until", "reason", "is_active"]

    def save(self, commit=True):
        d = self.cleaned_data
        self.instance = services.create_ban(
            kind=d["kind"],
            value=d["value"],
            reason=d["reason"],
            until=d["until"],
            actor=self.for_user,
        )
        return self.instance

    def _post_clean(self):
        # The hash is computed by the service; skip the model's validation of an empty hash.
        pass


class BanEditForm(WagtailAdminModelForm):
    class Meta:
        model = Ban
        fields = ["until", "reason", "is_active"]


class BanIndexView(ScopedIndexView):
    scoped_list = staticmethod(selectors.bans_for_user)


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "warning"
    menu_label = gettext_lazy("Danh sách chặn")
    name = "danh-sach-chan"
    url_prefix = "phan-anh/danh-sach-chan"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = BanIndexView
    list_display = ["kind", "hint", "until", "is_active", "reason", "created_at"]
    list_filter = ["kind", "is_active"]

    def get_form_class(self, for_update=False):
        return BanEditForm if for_update else BanCreateForm


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = gettext_lazy("Lĩnh vực phản ánh")
    name = "linh-vuc-phan-anh"
    url_prefix = "phan-anh/linh-vuc"
    add_to_admin_menu = False
    list_display = ["name", "code", "is_active", "sort_order"]
    form_fields = ["code", "name", "description", "is_active", "sort_order"]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = gettext_lazy("Quy tắc chuyển xử lý")
    name = "quy-tac-chuyen-xu-ly"
    url_prefix = "phan-anh/quy-tac"
    add_to_admin_menu = False
    list_display = ["category", "unit", "organisation", "valid_from", "valid_to"]
    list_filter = ["category"]
    form_fields = ["category", "unit", "organisation", "valid_from", "valid_to"]

    def get_queryset(self, request):
        return RoutingRule.objects.select_related("category", "unit", "organisation")


class ApiKeyViewSet(ModelViewSet):
    """Keys are created with ``manage.py open311_key create`` (the clear key is shown once);
    here the province administrator sees and revokes them."""

    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("Khóa API Open311")
    name = "khoa-api-open311"
    url_prefix = "phan-anh/khoa-api"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name", "prefix", "is_active", "created_at", "last_used_at"]
    form_fields = ["is_active"]


class FeedbackGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Phản ánh, kiến nghị")
    menu_icon = "mail"
    menu_order = 260
    items = (
        FeedbackViewSet,
        StatisticsViewSet,
        CategoryViewSet,
        RoutingRuleViewSet,
        DeadlinePolicyViewSet,
        AnswerTemplateViewSet,
        BanViewSet,
        ApiKeyViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return FeedbackGroup()
