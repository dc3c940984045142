"""The campaigns' set-up and bulk moderation screens: thin, through the scoped selectors, a
form and one service each. Registered in ``wagtail_hooks``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from giamngheo.core.admin import ObjectActionView, ObjectFormView, error_text

from .. import selectors, services
from .. import views as campaign_views
from ..enums import ModerationDecision, SubmissionStatus
from .forms import BulkModerationForm, CampaignForm, ModeratorForm

REFUSALS = (ValidationError, PermissionDenied)
TEMPLATE = "campaigns/admin/setup_form.html"


def _campaign_url(campaign) -> str:
    return reverse("chien-dich:inspect", args=[campaign.pk])


class _CampaignFormMixin:
    form_class = CampaignForm
    template_name = TEMPLATE
    header_icon = "pick"
    refusals = REFUSALS

    def campaign_form_kwargs(self, *, campaign=None) -> dict:
        user = self.request.user
        activities = selectors.digital_activities(user=user)
        if campaign is not None:
            activities = activities.filter(pk=campaign.activity_id)
        return {
            "activities": activities,
            "themes": selectors.theme_choices(activities=activities),
            "communes": selectors.commune_choices(user=user),
            "campaign": campaign,
        }


class CampaignCreateView(_CampaignFormMixin, ObjectFormView):
    scoped_get = None
    page_title = gettext_lazy("Tạo chiến dịch")

    def check_permission(self, obj):
        if not self.request.user.has_perm("campaigns.create_campaign"):
            raise PermissionDenied(
                _("Chỉ cán bộ của cơ quan có hoạt động truyền thông số (mục 2.6) mới tạo được.")
            )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.campaign_form_kwargs()}

    def perform(self, form):
        return services.create_campaign(actor=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã tạo chiến dịch “%(name)s”; giao người kiểm duyệt cho chiến dịch.") % {
            "name": self.result.name
        }

    def get_success_url(self):
        return reverse("campaigns_moderators", args=[self.result.pk])


class CampaignEditView(_CampaignFormMixin, ObjectFormView):
    scoped_get = staticmethod(selectors.get_campaign_for_user)
    permission = "campaigns.change_campaign"
    denied = PermissionDenied
    page_title = gettext_lazy("Sửa chiến dịch")
    success_message = gettext_lazy("Đã lưu chiến dịch.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.campaign_form_kwargs(campaign=self.object)}

    def perform(self, form):
        return services.update_campaign(
            actor=self.request.user, campaign=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return _campaign_url(self.object)


class ModeratorsView(ObjectFormView):
    """The campaign's moderators, and the form that adds one (by user name or e-mail)."""

    scoped_get = staticmethod(selectors.get_campaign_for_user)
    permission = "campaigns.assign_moderators"
    denied = PermissionDenied
    form_class = ModeratorForm
    template_name = "campaigns/admin/moderators.html"
    page_title = gettext_lazy("Người kiểm duyệt chiến dịch")
    header_icon = "user"
    refusals = REFUSALS
    success_message = gettext_lazy("Đã giao người kiểm duyệt cho chiến dịch.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "find_account": selectors.find_staff_account}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "moderators": list(selectors.campaign_moderators(campaign=self.object)),
        }

    def perform(self, form):
        return services.add_moderator(
            actor=self.request.user, campaign=self.object, user=form.cleaned_data["account"]
        )

    def get_success_url(self):
        return reverse("campaigns_moderators", args=[self.object.pk])


class ModeratorRemoveView(ObjectActionView):
    scoped_get = staticmethod(selectors.get_campaign_for_user)
    permission = "campaigns.assign_moderators"
    denied = PermissionDenied
    refusals = REFUSALS
    success_message = gettext_lazy("Đã bỏ người kiểm duyệt khỏi chiến dịch.")

    def perform(self, form):
        user = self.object.moderators.filter(pk=self.kwargs["user"]).first()
        if user is None:
            raise Http404
        return services.remove_moderator(actor=self.request.user, campaign=self.object, user=user)

    def get_success_url(self):
        return reverse("campaigns_moderators", args=[self.object.pk])


class QueueView(campaign_views.QueueView):
    """The queue with its bulk form on the pending items."""

    def get(self, request):
        response = super().get(request)
        context = response.context_data
        if context["status"] == SubmissionStatus.PENDING:
            context["bulk_form"] = BulkModerationForm(
                items=selectors.submissions_for_user(user=request.user)
            )
            context["bulk_next"] = request.get_full_path()
        return response


class BulkModerationView(View):
    """Several pending items approved or rejected at once with one reason (POST only): every
    id through the scoped selector (one foreign or missing id: 404), every item one the user
    moderates (else 403), then one service call in one transaction."""

    http_method_names = ["post"]

    def _next(self, request) -> str:
        target = request.POST.get("next", "")
        queue = reverse("campaigns_queue")
        if target.startswith(queue) and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}
        ):
            return target
        return queue

    def post(self, request):
        if not request.user.has_perm("campaigns.view_submission"):
            raise PermissionDenied
        ids = request.POST.getlist("items")
        if any(not i.isdigit() or len(i) > 18 for i in ids):
            raise Http404
        found = list(selectors.submissions_for_user(user=request.user).filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise Http404  # missing and foreign are the same answer
        for item in found:
            if not request.user.has_perm("campaigns.moderate_submission", item):
                raise PermissionDenied(_("Bạn không phải người kiểm duyệt của chiến dịch này."))
        form = BulkModerationForm(
            data=request.POST, items=selectors.submissions_for_user(user=request.user)
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(self._next(request))
        data = form.cleaned_data
        try:
            done = services.moderate_submissions(
                actor=request.user,
                submissions=sorted(data["items"], key=lambda s: (s.submitted_at, s.pk)),
                decision=data["decision"],
                reason=data["reason"],
                checks=form.checks(),
            )
        except REFUSALS as exc:
            messages.error(request, error_text(exc))
        else:
            text = (
                _("Đã duyệt %(n)s bài; các bài hiển thị trong thư viện chiến dịch.")
                if data["decision"] == ModerationDecision.APPROVE
                else _("Đã không duyệt %(n)s bài; người gửi được báo lý do.")
            )
            messages.success(request, text % {"n": len(done)})
        return HttpResponseRedirect(self._next(request))
