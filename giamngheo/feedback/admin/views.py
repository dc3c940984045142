"""The handlers' screens: the register list, the item with its reporter (read logged), an item
entered by an officer, an attachment download and the statistics. Every item comes through the
scoped selectors; the actions on an item are in ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from giamngheo.core.admin import ScopedDownloadView, add_service_errors
from giamngheo.core.exports import ScopedIndexView
from giamngheo.core.uploads import image_thumbnail
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose

from .. import rules, selectors, services
from ..enums import ANSWERABLE, IdentityMode, StatsGroup
from ..exports import STATS_HEADERS, stats_cells, stats_export
from .actions import assignable_organisations
from .forms import (
    AnswerForm,
    BanReporterForm,
    LocateForm,
    ModerationForm,
    OfficerIntakeForm,
    RedactionForm,
    StatisticsFilterForm,
    TemplatePickForm,
    TransitionForm,
)


class HandlerOnlyMixin:
    """Screens for feedback handlers only; anyone else in the admin is refused (403): the
    screen exists for every installation, so hiding it would disclose nothing."""

    def dispatch(self, request, *args, **kwargs):
        if not rules.is_feedback_handler(user=request.user):
            raise PermissionDenied(_("Chỉ cán bộ xử lý phản ánh, kiến nghị được mở trang này."))
        return super().dispatch(request, *args, **kwargs)


class FeedbackIndexView(ScopedIndexView):
    scoped_list = staticmethod(selectors.feedback_for_user)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if rules.is_feedback_handler(user=self.request.user):
            buttons.append(
                HeaderButton(
                    _("Nhập phản ánh qua điện thoại, thư"),
                    url=reverse("phan-anh:intake"),
                    icon_name="plus",
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if rules.is_feedback_handler(user=self.request.user):
            buttons.append(
                HeaderButton(
                    _("Thống kê"), url=reverse("thong-ke-phan-anh:index"), icon_name="table"
                )
            )
        return buttons


class FeedbackInspectView(generic.InspectView):
    template_name = "feedback/admin/inspect.html"

    def get_unit_display_value(self):
        return self.object.unit or _("Chưa xác định — chờ cơ quan đầu mối xác định xã, phường")

    def get_address_display_value(self):
        return self.object.address or "—"

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
        lead = rules.sees_all_feedback(user=user)
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
            can_locate=user.has_perm("feedback.locate_feedback", item),
            locate_form=LocateForm(),
            transition_form=TransitionForm(
                feedback=item, organisations=assignable_organisations(), lead=lead
            ),
            answer_form=AnswerForm(initial=initial, templates=templates),
            template_pick_form=pick_form,
            has_templates=templates.exists(),
            moderation_form=ModerationForm(feedback=item),
            ban_form=BanReporterForm(),
            redaction_form=RedactionForm(initial={"mode": "boxes"}),
            may_answer=item.status in ANSWERABLE,
            process_url=reverse("phan-anh:process", args=[item.pk]),
            inspect_url=reverse("phan-anh:inspect", args=[item.pk]),
        )
        return context


class IntakeView(HandlerOnlyMixin, View):
    """Officers enter phone, letter and in-person items: form → submit_feedback → the item."""

    http_method_names = ["get", "post"]

    def render(self, form):
        return TemplateResponse(
            self.request,
            "feedback/admin/intake.html",
            {
                "form": form,
                "page_title": _("Nhập phản ánh nhận qua điện thoại, thư, trực tiếp"),
                "header_icon": "mail",
            },
            status=400 if form.errors else 200,
        )

    def get(self, request):
        return self.render(OfficerIntakeForm(user=request.user))

    def post(self, request):
        form = OfficerIntakeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                item = services.submit_feedback(**form.service_kwargs(), entered_by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã nhập phản ánh %(code)s.") % {"code": item.tracking_code}
                )
                return HttpResponseRedirect(reverse("phan-anh:inspect", args=[item.pk]))
        return self.render(form)


class AttachmentDownloadView(ScopedDownloadView):
    """Attachments are served only through the scoped item, never from a public URL;
    ``?ban=cong-khai`` gives the redacted public copy, ``?ban=thu-nho`` a small JPEG of a
    photo for the item's screen (issue 13 item 8: attachments show thumbnails)."""

    scoped_get = staticmethod(selectors.get_attachment_for_user)
    as_attachment = False

    def get(self, request, *args, **kwargs):
        if request.GET.get("ban") != "thu-nho":
            return super().get(request, *args, **kwargs)
        attachment = self.get_object()
        if attachment.kind not in services.IMAGE_KINDS:
            raise Http404
        with attachment.file.open("rb") as handle:
            response = HttpResponse(image_thumbnail(handle), content_type="image/jpeg")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def get_file(self, obj):
        return obj.public_file if self.request.GET.get("ban") == "cong-khai" else obj.file


class StatisticsView(HandlerOnlyMixin, View):
    """Received, answered, answered on time, median days — by body, commune, category or month,
    over the items the user may see; CSV/XLSX of the same figures."""

    http_method_names = ["get", "head"]

    def get(self, request):
        form = StatisticsFilterForm(request.GET or None)
        year, group_by, category = None, StatsGroup.ORGANISATION, None
        if form.is_bound and form.is_valid():
            year = form.cleaned_data["nam"]
            group_by = form.cleaned_data["theo"] or StatsGroup.ORGANISATION
            category = form.cleaned_data["linh_vuc"]
        stats = selectors.statistics_for_user(
            user=request.user, year=year, group_by=group_by, category=category
        )
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx") and not form.errors:
            name = f"thong-ke-phan-anh-{year or 'tat-ca'}-{group_by}"
            return stats_export(stats, fmt=fmt, filename=name)
        query = request.GET.copy()
        query.pop("export", None)
        return TemplateResponse(
            request,
            "feedback/admin/statistics.html",
            {
                "form": form,
                "stats": stats,
                "rows": [(r, stats_cells(r, ranked=stats.ranked)) for r in stats.rows],
                "headers": STATS_HEADERS,
                "group_label": StatsGroup(group_by).label,
                "min_group": selectors.STATS_MIN_GROUP,
                "query": query.urlencode(),
                "page_title": _("Thống kê phản ánh, kiến nghị"),
                "header_icon": "table",
            },
            status=400 if form.errors else 200,
        )


class BanIndexView(ScopedIndexView):
    scoped_list = staticmethod(selectors.bans_for_user)
