"""Handlers' register in the Wagtail admin: the list of items routed to the user's bodies, the
item with its reporter (read logged), and the actions — each a call to one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from giamngheo.core.exports import ScopedIndexView
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose
from giamngheo.organisations.models import Organisation

from . import selectors, services
from .enums import FeedbackStatus, IdentityMode
from .forms import AnswerForm, OfficerIntakeForm, TransitionForm
from .models import ApiKey, Category, Feedback, FeedbackAttachment, RoutingRule


class RulesPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


for _model in (Feedback, Category, RoutingRule, ApiKey):
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
        context.update(
            item=item,
            shows_reporter=shows_reporter,
            events=selectors.events_for(feedback=item).select_related("actor"),
            attachments=list(item.attachments.all()),
            answer=getattr(item, "answer", None),
            can_handle=user.has_perm("feedback.handle_feedback", item),
            can_publish=user.has_perm("feedback.publish_answer", item),
            transition_form=TransitionForm(
                feedback=item, organisations=_assignable_organisations()
            ),
            answer_form=AnswerForm(
                initial={"body": getattr(getattr(item, "answer", None), "body", "")}
            ),
            may_answer=item.status in (FeedbackStatus.IN_PROGRESS, FeedbackStatus.INFO_SUPPLIED),
            process_url=reverse("phan-anh:process", args=[item.pk]),
        )
        return context


def _assignable_organisations():
    from django.utils import timezone

    return Organisation.objects.valid_on(timezone.localdate()).select_related("unit")


@require_POST
def process_view(request, pk):
    """One action per POST, each through one service; a refused transition is a message."""
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
                raise ValidationError([e for errs in form.errors.values() for e in errs])
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
        elif action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            services.answer_feedback(
                feedback=item, body=form.cleaned_data["body"], actor=request.user
            )
            messages.success(request, _("Đã ghi nhận câu trả lời."))
        elif action in ("publish", "unpublish"):
            if not request.user.has_perm("feedback.publish_answer", item):
                raise Http404
            if action == "publish":
                services.publish_answer(feedback=item, actor=request.user)
                messages.success(request, _("Đã công khai câu hỏi và trả lời."))
            else:
                services.unpublish_answer(feedback=item, actor=request.user)
                messages.success(request, _("Đã thôi công khai câu hỏi và trả lời."))
        else:
            raise ValidationError(_("Thao tác không hợp lệ."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(back)


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
    response = FileResponse(
        attachment.file.open("rb"), filename=attachment.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class OverdueColumn(Column):
    def get_value(self, instance):
        return _("Quá hạn") if instance.is_overdue else ""


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
    list_filter = ["status", "kind", "category", "channel"]
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
    items = (FeedbackViewSet, CategoryViewSet, RoutingRuleViewSet, ApiKeyViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return FeedbackGroup()
