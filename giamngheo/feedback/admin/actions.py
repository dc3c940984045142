"""One view per action a handler takes on an item (pretalx: one view per state change).

Each fetches the item through ``selectors.get_feedback_for_user`` (a foreign id is a 404), asks
the rules (``feedback.handle_feedback``, and the action's own permission), validates its form,
calls one service and answers with a message and a redirect to the item. The item screen's
forms all post to one URL (``phan-anh:process``) naming the action in the ``action`` field;
``ProcessView`` only looks the view up in ``ACTIONS``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from giamngheo.core.admin import ObjectActionView
from giamngheo.organisations.models import Organisation

from .. import rules, selectors, services
from ..enums import FeedbackStatus
from ..models import FeedbackAttachment
from .forms import (
    AnswerForm,
    BanReporterForm,
    LocateForm,
    ModerationForm,
    RedactionForm,
    TransitionForm,
)


def assignable_organisations():
    """Every body in force today, the People's Committees of communes and wards included,
    in the order of the unit tree (province bodies, then each commune's)."""
    return (
        Organisation.objects.valid_on(timezone.localdate())
        .select_related("unit")
        .order_by("unit__path", "name")
    )


class FeedbackAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_feedback_for_user)
    permission = "feedback.handle_feedback"
    # A second permission some actions need besides handling the item (publish, ban).
    also_requires: str | None = None

    def check_permission(self, obj) -> None:
        super().check_permission(obj)
        if self.also_requires and not self.request.user.has_perm(self.also_requires, obj):
            raise Http404

    def get_success_url(self) -> str:
        return reverse("phan-anh:inspect", args=[self.object.pk])


class TransitionAction(FeedbackAction):
    form_class = TransitionForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "feedback": self.object,
            "organisations": assignable_organisations(),
        }

    def perform(self, form):
        d = form.cleaned_data
        return services.transition_feedback(
            feedback=self.object,
            to=d["to"],
            actor=self.request.user,
            reason=d["reason"],
            organisation=d["organisation"] if d["to"] == FeedbackStatus.ASSIGNED else None,
        )

    def get_success_message(self):
        return _("Đã cập nhật trạng thái: %(status)s.") % {
            "status": self.object.get_status_display()
        }

    def get_success_url(self):
        if not rules.in_reach(user=self.request.user, feedback=self.object):
            # Transferred or returned: the item has left this body's register.
            return reverse("phan-anh:index")
        return super().get_success_url()


class LocateAction(FeedbackAction):
    """Triage: name the commune of an item filed without one (the whole-register roles only)."""

    also_requires = "feedback.locate_feedback"
    form_class = LocateForm

    def perform(self, form):
        d = form.cleaned_data
        return services.locate_feedback(
            feedback=self.object, unit=d["unit"], actor=self.request.user, reason=d["reason"]
        )

    def get_success_message(self):
        return _("Đã xác định địa bàn: %(unit)s.") % {"unit": self.object.unit.name}

    def get_success_url(self):
        if not rules.in_reach(user=self.request.user, feedback=self.object):
            return reverse("phan-anh:index")
        return super().get_success_url()


class AnswerAction(FeedbackAction):
    form_class = AnswerForm
    success_message = _("Đã ghi nhận câu trả lời.")

    def get_form_kwargs(self):
        templates = selectors.answer_templates_for(category=self.object.category)
        return {**super().get_form_kwargs(), "templates": templates}

    def perform(self, form):
        d = form.cleaned_data
        return services.answer_feedback(
            feedback=self.object,
            body=d["body"],
            actor=self.request.user,
            template=d["template"],
            propose_publication=d["propose_publication"],
        )


class ProposeAction(FeedbackAction):
    success_message = _("Đã đề nghị lãnh đạo duyệt công khai.")

    def perform(self, form):
        return services.propose_publication(feedback=self.object, actor=self.request.user)


class PublishAction(FeedbackAction):
    also_requires = "feedback.publish_answer"
    success_message = _("Đã công khai câu hỏi và trả lời.")

    def perform(self, form):
        return services.publish_answer(feedback=self.object, actor=self.request.user)


class UnpublishAction(PublishAction):
    success_message = _("Đã thôi công khai câu hỏi và trả lời.")

    def perform(self, form):
        return services.unpublish_answer(feedback=self.object, actor=self.request.user)


class ModerateAction(FeedbackAction):
    form_class = ModerationForm
    success_message = _("Đã cập nhật kiểm duyệt.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "feedback": self.object}

    def perform(self, form):
        return services.moderate_feedback(
            feedback=self.object, actor=self.request.user, **form.service_kwargs()
        )


class BanAction(FeedbackAction):
    also_requires = "feedback.ban_reporter"
    form_class = BanReporterForm

    def perform(self, form):
        return services.ban_reporter(
            feedback=self.object,
            actor=self.request.user,
            reason=form.cleaned_data["ban_reason"],
            until=form.cleaned_data["until"],
        )

    def get_success_message(self):
        return _("Đã chặn người gửi (%(n)s mục trong danh sách chặn).") % {"n": len(self.result)}


class AttachmentAction(FeedbackAction):
    """An action on one attachment of the item: the attachment is looked up among the item's."""

    def attachment(self) -> FeedbackAttachment:
        raw = self.request.POST.get("attachment")
        found = (
            self.object.attachments.filter(pk=raw).first() if raw and str(raw).isdigit() else None
        )
        if found is None:
            raise Http404
        return found


class RedactAction(AttachmentAction):
    form_class = RedactionForm
    success_message = _("Đã tạo bản công khai của ảnh.")

    def perform(self, form):
        return services.redact_attachment(
            attachment=self.attachment(),
            actor=self.request.user,
            mode=form.cleaned_data["mode"],
            boxes=form.cleaned_data["boxes"],
        )


class HideAttachmentAction(AttachmentAction):
    hidden = True
    success_message = _("Đã cập nhật việc công khai tệp đính kèm.")

    def perform(self, form):
        return services.hide_attachment(
            attachment=self.attachment(), actor=self.request.user, hidden=self.hidden
        )


class ShowAttachmentAction(HideAttachmentAction):
    hidden = False


# The value of the ``action`` field of each form on the item screen → its view.
ACTIONS = {
    "transition": TransitionAction,
    "locate": LocateAction,
    "answer": AnswerAction,
    "propose": ProposeAction,
    "publish": PublishAction,
    "unpublish": UnpublishAction,
    "moderate": ModerateAction,
    "ban": BanAction,
    "redact": RedactAction,
    "hide_attachment": HideAttachmentAction,
    "show_attachment": ShowAttachmentAction,
}
_ACTION_VIEWS = {name: view.as_view() for name, view in ACTIONS.items()}


class ProcessView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        view = _ACTION_VIEWS.get(request.POST.get("action", ""))
        if view is not None:
            return view(request, pk=pk)
        item = selectors.get_feedback_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("feedback.handle_feedback", item):
            raise Http404
        messages.error(request, _("Thao tác không hợp lệ."))
        return HttpResponseRedirect(reverse("phan-anh:inspect", args=[item.pk]))
