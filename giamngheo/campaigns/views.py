"""Views of the campaigns app: thin, each through a scoped selector and one service.

Public (``urls``): the campaigns and their gallery (cached whole for visitors, purged on every
moderation move), a campaign's page with how to take part, the submission form with its
one-time code, the report form, the submitter's private page. Admin (``wagtail_hooks``): the
moderation queue, an item's screen, one view per moderation act.

The gallery shows our own card for each item; the platform's player is put in only when the
visitor clicks (``static/campaigns/gallery.js``), so no third-party script or cookie loads
before that. Its frame-src is widened to the players' hosts on the gallery pages alone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from giamngheo.core.admin import (
    ObjectActionView,
    ObjectFormView,
    ScopedDownloadView,
    add_service_errors,
)
from giamngheo.core.antiabuse import form_token, once, rate_limited

from . import selectors, services
from .enums import Declarer, SubmissionStatus
from .forms import (
    AbuseCheck,
    ApproveForm,
    BanForm,
    ContactCodeForm,
    GalleryFilterForm,
    ReachForm,
    ReasonForm,
    ReportForm,
    SubmissionForm,
    TakedownForm,
)

GALLERY_PAGE = 24
QUEUE_PAGE = 50


def _client(request) -> str:
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone reset their own limit.
    return request.META.get("REMOTE_ADDR", "")


def _rate_limited(request, what: str, limit: int) -> bool:
    key = f"campaigns:rate:{what}:{_client(request)}"
    window = getattr(settings, "CAMPAIGN_RATE_WINDOW_SECONDS", 3600)
    return rate_limited(key, limit=limit, window=window)


def _problem(request, message: str, status: int):
    return render(request, "campaigns/problem.html", {"message": message}, status=status)


def _with_players(response):
    """The gallery alone may frame the platforms' players (after a click)."""
    hosts = [f"https://{h}" for h in selectors.embed_hosts()]
    if hosts:
        response._csp_replace = {"frame-src": hosts}
    return response


# --- public ------------------------------------------------------------------------------------


def _gallery_context(request, *, campaign=None):
    communes = selectors.gallery_communes(campaign=campaign)
    form = GalleryFilterForm(request.GET or None, communes=communes)
    items = selectors.gallery(campaign=campaign, **form.filters())
    page = Paginator(items, GALLERY_PAGE).get_page(request.GET.get("trang"))
    return {"filter_form": form, "items": page}


def index(request):
    """Every campaign, and the gallery of all approved items (by commune and kind)."""
    context = {"campaigns": selectors.public_campaigns(), **_gallery_context(request)}
    return _with_players(TemplateResponse(request, "campaigns/index.html", context))


def campaign_page(request, slug: str):
    campaign = selectors.get_public_campaign(slug=slug)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "is_open": campaign.is_open_on(today),
        **_gallery_context(request, campaign=campaign),
    }
    return _with_players(TemplateResponse(request, "campaigns/campaign.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request, slug: str):
    campaign = selectors.get_public_campaign(slug=slug)
    if not campaign.is_open_on(timezone.localdate()):
        return _problem(
            request,
            _("Chiến dịch chỉ nhận bài từ ngày %(start)s đến ngày %(end)s.")
            % {
                "start": campaign.starts_on.strftime("%d/%m/%Y"),
                "end": campaign.ends_on.strftime("%d/%m/%Y"),
            },
            400,
        )
    if request.method != "POST":
        return render(
            request,
            "campaigns/submit.html",
            {"campaign": campaign, "form": SubmissionForm(campaign=campaign)},
        )
    form = SubmissionForm(request.POST, request.FILES, campaign=campaign)
    try:
        form.check_abuse()
    except AbuseCheck as exc:
        return _problem(request, str(exc), 400)
    if request.POST.get("action") == "send_code":
        return _send_code(request, campaign, form)
    if _rate_limited(request, "submit", getattr(settings, "CAMPAIGN_RATE_LIMIT", 10)):
        return _problem(
            request,
            _("Bạn đã gửi quá nhiều bài trong thời gian ngắn. Vui lòng thử lại sau ít phút."),
            429,
        )
    if form.is_valid():
        data = form.cleaned_data

        def file_it() -> str:
            item = services.submit_entry(
                campaign=campaign,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                commune=data["commune"],
                url=data["url"],
                upload=data["upload"],
                author_name=data["author_name"],
                consent_show=data["consent_show"],
                consent_people=data["consent_people"],
                contact_channel=data["contact_channel"],
                contact=data["contact"],
                code=data["code"],
                client=_client(request),
            )
            return f"{reverse('campaigns:track', args=[item.private_token])}?moi=1"

        try:
            # The form's single-use token (core.antiabuse): the same form posted again (back
            # button, double click) files nothing and is answered with the first post's page.
            url, first = once(form_token("campaigns", request.POST.get("started", "")), file_it)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "banned":
                return _problem(request, " ".join(exc.messages), 403)
            add_service_errors(form, exc)
        else:
            if not first:
                messages.info(
                    request,
                    _("Bài này đã được gửi trước đó; hệ thống không ghi nhận thêm lần nữa."),
                )
            return redirect(url)
    return render(
        request, "campaigns/submit.html", {"campaign": campaign, "form": form}, status=400
    )


def _send_code(request, campaign, form):
    """The "send me a code" button: the same form comes back filled in, the code on its way."""
    form.is_valid()  # errors of the other fields are not shown yet
    form._errors = {}
    contact = ContactCodeForm(request.POST)
    status, sent = 400, False
    if _rate_limited(request, "code", getattr(settings, "CAMPAIGN_CODE_RATE_LIMIT", 5)):
        form.add_error("contact", _("Bạn đã yêu cầu quá nhiều mã. Vui lòng thử lại sau ít phút."))
    elif not contact.is_valid():
        form.add_error("contact", _("Vui lòng nhập số điện thoại hoặc thư điện tử."))
    else:
        try:
            services.send_contact_code(
                campaign=campaign,
                channel=contact.cleaned_data["contact_channel"],
                contact=contact.cleaned_data["contact"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            status, sent = 200, True
    return render(
        request,
        "campaigns/submit.html",
        {"campaign": campaign, "form": form, "code_sent": sent},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, token: str):
    """The submitter's private page: status, the reason of a refusal, declared reach."""
    item = selectors.get_submission_by_token(token=token)
    form = ReachForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.declare_reach(
                    submission=item,
                    declared_by=Declarer.SUBMITTER,
                    views=form.cleaned_data["views"],
                    shares=form.cleaned_data["shares"],
                    evidence=form.cleaned_data["evidence"],
                    on=form.cleaned_data["on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận số liệu lượt xem, chia sẻ bạn khai báo."))
                return redirect(reverse("campaigns:track", args=[token]))
        status = 400
    return render(
        request,
        "campaigns/track.html",
        {
            "item": item,
            "form": form,
            "new": request.GET.get("moi") == "1",
            "reach": item.reach.all(),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def report(request, pk: str):
    item = selectors.get_public_item(pk=pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_limited(request, "report", getattr(settings, "CAMPAIGN_REPORT_RATE_LIMIT", 30)):
            return _problem(request, _("Bạn đã gửi quá nhiều báo cáo. Vui lòng thử lại sau."), 429)
        if form.is_valid():
            try:
                services.report_submission(
                    submission=item, reason=form.cleaned_data["reason"], client=_client(request)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return render(request, "campaigns/reported.html", {"item": item})
        status = 400
    return render(request, "campaigns/report.html", {"item": item, "form": form}, status=status)


def _file_response(stored):
    response = FileResponse(stored.open("rb"))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def item_file(request, pk: str):
    item = selectors.get_public_item(pk=pk)
    if not item.file:
        raise Http404
    return _file_response(item.file)


def item_thumbnail(request, pk: str):
    item = selectors.get_public_item(pk=pk)
    if not item.thumbnail:
        raise Http404
    return _file_response(item.thumbnail)


# --- admin -------------------------------------------------------------------------------------


class QueueView(View):
    """Items to moderate, oldest first, by campaign and status (paginated, constant queries)."""

    def get(self, request):
        if not request.user.has_perm("campaigns.view_submission"):
            raise PermissionDenied
        campaigns = list(selectors.campaigns_for_user(user=request.user).order_by("-starts_on"))
        chosen = next((c for c in campaigns if str(c.pk) == request.GET.get("chien_dich")), None)
        status = request.GET.get("trang_thai", SubmissionStatus.PENDING)
        if status not in SubmissionStatus.values:
            status = SubmissionStatus.PENDING
        found = selectors.moderation_queue(user=request.user, campaign=chosen, status=status)
        page = Paginator(found, QUEUE_PAGE).get_page(request.GET.get("p"))
        page.object_list = selectors.queue_rows(page.object_list)
        title = gettext_lazy("Kiểm duyệt bài tham gia chiến dịch")
        return TemplateResponse(
            request,
            "campaigns/admin/queue.html",
            {
                "page_title": title,
                "header_title": title,
                "campaigns": campaigns,
                "chosen": chosen,
                "status": status,
                "statuses": SubmissionStatus.choices,
                "items": page,
            },
        )


class SubmissionView(View):
    def get(self, request, pk):
        item = selectors.get_submission_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("campaigns.view_submission", item):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "campaigns/admin/submission.html",
            {
                "page_title": item.title,
                "header_title": item.title,
                "item": item,
                "can_moderate": request.user.has_perm("campaigns.moderate_submission", item),
                "events": item.events.select_related("actor").order_by("at", "pk"),
                "reach": item.reach.all(),
                "reports": item.reports.all(),
                "approve_form": ApproveForm(),
            },
        )


class _ModerationMixin:
    scoped_get = staticmethod(selectors.get_submission_for_user)
    permission = "campaigns.moderate_submission"
    denied = PermissionDenied
    refusals = (ValidationError, PermissionDenied)

    def get_success_url(self):
        return reverse("campaigns_submission", args=[self.object.pk])


class _ModerationFormView(_ModerationMixin, ObjectFormView):
    template_name = "campaigns/admin/action.html"
    button = gettext_lazy("Xác nhận")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "button": self.button}


class ApproveView(_ModerationFormView):
    form_class = ApproveForm
    page_title = gettext_lazy("Duyệt bài")
    button = gettext_lazy("Duyệt, hiển thị trên Cổng")
    success_message = gettext_lazy("Đã duyệt bài; bài hiển thị trong thư viện chiến dịch.")

    def perform(self, form):
        return services.approve_submission(
            actor=self.request.user,
            submission=self.object,
            checks=form.checks(),
            note=form.cleaned_data["note"],
            thumbnail=form.cleaned_data["thumbnail"],
        )


class RejectView(_ModerationFormView):
    form_class = ReasonForm
    page_title = gettext_lazy("Không duyệt bài")
    button = gettext_lazy("Không duyệt")
    success_message = gettext_lazy("Đã không duyệt bài; người gửi được báo lý do.")

    def perform(self, form):
        return services.reject_submission(
            actor=self.request.user, submission=self.object, reason=form.cleaned_data["reason"]
        )


class HideView(_ModerationFormView):
    form_class = ReasonForm
    page_title = gettext_lazy("Ẩn bài")
    button = gettext_lazy("Ẩn bài")
    success_message = gettext_lazy("Đã ẩn bài khỏi thư viện.")

    def perform(self, form):
        return services.hide_submission(
            actor=self.request.user, submission=self.object, reason=form.cleaned_data["reason"]
        )


class TakedownView(_ModerationFormView):
    form_class = TakedownForm
    page_title = gettext_lazy("Gỡ bài theo yêu cầu")
    button = gettext_lazy("Gỡ bài")

    def perform(self, form):
        return services.take_down_submission(
            actor=self.request.user,
            submission=self.object,
            requested_at=form.cleaned_data["requested_at"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("Đã gỡ bài, %(hours)s giờ sau khi nhận yêu cầu.") % {
            "hours": f"{self.result.takedown_hours:.1f}".replace(".", ",")
        }


class ReachView(_ModerationFormView):
    form_class = ReachForm
    page_title = gettext_lazy("Khai báo lượt xem, chia sẻ")
    button = gettext_lazy("Ghi nhận")
    success_message = gettext_lazy("Đã ghi nhận số liệu ước tính.")

    def perform(self, form):
        data = form.cleaned_data
        return services.declare_reach(
            submission=self.object,
            declared_by=Declarer.MODERATOR,
            views=data["views"],
            shares=data["shares"],
            evidence=data["evidence"],
            on=data["on"],
            actor=self.request.user,
        )


class BanView(_ModerationFormView):
    form_class = BanForm
    page_title = gettext_lazy("Chặn người gửi")
    button = gettext_lazy("Chặn")
    success_message = gettext_lazy("Đã chặn người gửi; liên hệ này không gửi được bài mới.")

    def perform(self, form):
        return services.ban_submitter(
            actor=self.request.user,
            submission=self.object,
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data["until"],
        )


class UnhideView(_ModerationMixin, ObjectActionView):
    success_message = gettext_lazy("Đã hiển thị lại bài.")

    def perform(self, form):
        return services.unhide_submission(actor=self.request.user, submission=self.object)


class FeatureView(_ModerationMixin, ObjectActionView):
    def perform(self, form):
        return services.set_featured(
            actor=self.request.user,
            submission=self.object,
            featured=self.request.POST.get("featured") == "1",
        )

    def get_success_message(self):
        return _("Đã chọn làm bài nổi bật.") if self.result.featured else _("Đã bỏ chọn nổi bật.")


class SubmissionFileView(ScopedDownloadView):
    """The uploaded photo or video, for the moderator to see before approving."""

    scoped_get = staticmethod(selectors.get_submission_for_user)
    as_attachment = False


class EvidenceFileView(ScopedDownloadView):
    """A reach screenshot, reached through its item's scoped getter."""

    scoped_get = staticmethod(selectors.get_submission_for_user)
    as_attachment = False

    def get_file(self, obj):
        found = obj.reach.filter(pk=self.kwargs["reach"]).first()
        return found.evidence if found else None
