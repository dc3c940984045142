"""Thin views: scoped selector → form → one service → message and redirect (or render).

Three sides: the station operator's phone-sized pages (signed in, scoped by station), the
portal's archive with its podcast feed, and the admin's actions on a bulletin.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import format_datetime

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from giamngheo.core.admin import ObjectActionView, ObjectFormView, error_text
from giamngheo.feedback import selectors as feedback
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.selectors import units_for_user

from . import exchange, selectors, services
from .enums import BulletinStatus, Language
from .forms import (
    AcksForm,
    AiredForm,
    BulletinForm,
    CoverageForm,
    NotAiredForm,
    RecordingForm,
    WithdrawForm,
)
from .models import BulletinVersion

# --- the station operator ---------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "broadcasts/station/login.html"

    def get_default_redirect_url(self):
        return reverse("broadcasts:station")


def _operator(view):
    return login_required(view, login_url="broadcasts:station_login")


@_operator
def station_home(request):
    deliveries = list(selectors.deliveries_for_operator(user=request.user))
    now = timezone.now()
    return TemplateResponse(
        request,
        "broadcasts/station/home.html",
        {
            "deliveries": deliveries,
            "overdue": [
                d
                for d in deliveries
                if d.ack_due_at and not d.acknowledged_at and d.ack_due_at < now
            ],
            "stations": selectors.stations_operated_by(user=request.user),
        },
    )


@method_decorator(_operator, name="dispatch")
class DeliveryView(View):
    def get(self, request, pk):
        delivery = selectors.get_delivery_for_operator(user=request.user, pk=pk)
        return self.render(delivery, AiredForm(), NotAiredForm())

    def render(self, delivery, aired, not_aired, status=200):
        return TemplateResponse(
            request=self.request,
            template="broadcasts/station/delivery.html",
            context={
                "delivery": delivery,
                "bulletin": delivery.bulletin,
                # Vietnamese first, then the ethnic-language recordings.
                "versions": sorted(
                    (v for v in delivery.bulletin.versions.all() if v.audio),
                    key=lambda v: v.language != Language.VIETNAMESE,
                ),
                "airings": delivery.airings.all(),
                "aired_form": aired,
                "not_aired_form": not_aired,
            },
            status=status,
        )

    def post(self, request, pk):
        delivery = selectors.get_delivery_for_operator(user=request.user, pk=pk)
        action = request.POST.get("action")
        aired, not_aired = AiredForm(), NotAiredForm()
        try:
            if action == "aired":
                aired = AiredForm(request.POST, request.FILES)
                if not aired.is_valid():
                    return self.render(delivery, aired, not_aired, status=400)
                services.confirm_airing(
                    actor=request.user,
                    delivery=delivery,
                    aired_at=aired.cleaned_data["aired_at"],
                    times=aired.cleaned_data["times"],
                    evidence=aired.cleaned_data.get("evidence"),
                )
                messages.success(request, _("Đã ghi nhận lượt phát."))
            elif action == "not_aired":
                not_aired = NotAiredForm(request.POST, request.FILES)
                if not not_aired.is_valid():
                    return self.render(delivery, aired, not_aired, status=400)
                services.record_not_aired(
                    actor=request.user,
                    delivery=delivery,
                    reason=not_aired.cleaned_data["reason"],
                    evidence=not_aired.cleaned_data.get("evidence"),
                )
                messages.success(request, _("Đã ghi nhận: không phát, có lý do."))
            elif action == "ack":
                services.acknowledge(actor=request.user, delivery=delivery)
                messages.success(request, _("Đã xác nhận nhận bản tin."))
            else:
                raise Http404
        except ValidationError as exc:
            form = aired if action == "aired" else not_aired
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.render(delivery, aired, not_aired, status=400)
        return redirect("broadcasts:delivery", pk=delivery.pk)


@_operator
def delivery_audio(request, pk):
    delivery = selectors.get_delivery_for_operator(user=request.user, pk=pk)
    # ?ngon_ngu=tay …: an ethnic-language recording; the Vietnamese audio by default.
    language = request.GET.get("ngon_ngu") or Language.VIETNAMESE
    version = next((v for v in delivery.bulletin.versions.all() if v.language == language), None)
    if version is None or not version.audio:
        raise Http404
    return FileResponse(version.audio.open("rb"), content_type="audio/mpeg", as_attachment=False)


# --- the portal -------------------------------------------------------------------------------


def archive(request):
    bulletins = list(selectors.public_bulletins()[:50])
    return TemplateResponse(request, "broadcasts/archive.html", {"bulletins": bulletins})


def bulletin_detail(request, pk):
    bulletin = selectors.get_public_bulletin(pk=pk)
    return TemplateResponse(request, "broadcasts/bulletin.html", {"bulletin": bulletin})


def public_audio(request, pk):
    version = (
        BulletinVersion.objects.filter(bulletin__in=selectors.public_bulletins(), pk=pk)
        .exclude(audio="")
        .first()
        if str(pk).isdigit()
        else None
    )
    if version is None:
        raise Http404
    response = FileResponse(version.audio.open("rb"), content_type="audio/mpeg")
    response["Content-Length"] = str(version.audio_bytes or version.audio.size)
    return response


def podcast(request):
    """RSS 2.0 with one enclosure (URL, length in bytes, type) per bulletin's Vietnamese audio:
    any podcast application subscribes to it."""
    bulletins = [
        b for b in selectors.public_bulletins()[:100] if b.vietnamese and b.vietnamese.audio
    ]
    response = TemplateResponse(
        request,
        "broadcasts/podcast.xml",
        {
            "items": [
                {
                    "bulletin": b,
                    "version": b.vietnamese,
                    "pub_date": format_datetime(b.approved_at or b.created_at),
                    "url": request.build_absolute_uri(
                        reverse("broadcasts:audio", args=[b.vietnamese.pk])
                    ),
                    "link": request.build_absolute_uri(reverse("broadcasts:bulletin", args=[b.pk])),
                }
                for b in bulletins
            ],
            "home": request.build_absolute_uri(reverse("broadcasts:archive")),
            "self_url": request.build_absolute_uri(),
        },
        content_type="application/rss+xml; charset=utf-8",
    )
    return response


# --- the admin --------------------------------------------------------------------------------


def _bulletin_url(pk) -> str:
    return reverse("ban-tin-truyen-thanh:inspect", args=[pk])


class BulletinCreateView(ObjectFormView):
    scoped_get = None
    template_name = "broadcasts/admin/form.html"
    page_title = gettext_lazy("Soạn bản tin truyền thanh")
    header_icon = "pick"
    refusals = (ValidationError, PermissionDenied)

    def check_permission(self, obj) -> None:
        if not self.request.user.has_perm("broadcasts.add_bulletin"):
            raise PermissionDenied(_("Chỉ biên tập viên mới soạn bản tin."))

    def get_form(self):
        return BulletinForm(
            **self.get_form_kwargs(),
            activities=selectors.radio_activities_for_user(user=self.request.user),
            communes=units_for_user(user=self.request.user).filter(level=UnitLevel.COMMUNE),
        )

    def perform(self, form):
        data = form.cleaned_data
        if data.get("everywhere"):
            # Every commune in the writer's reach in force when the airing starts, never the
            # whole country's.
            communes = list(form.fields["communes"].queryset.valid_on(data["air_from"]))
        else:
            communes = services.resolve_communes(
                on=data["air_from"], communes=data["communes"], district=data["district"]
            )
        return services.create_bulletin(
            actor=self.request.user,
            activity=data["activity"],
            title=data["title"],
            text=data["text"],
            priority=data["priority"],
            communes=communes,
            air_from=data["air_from"],
            air_to=data["air_to"],
            times_per_day=data["times_per_day"],
            valid_until=data["valid_until"],
            themes=data["themes"],
        )

    def get_success_url(self) -> str:
        return _bulletin_url(self.result.pk)


class _BulletinAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_bulletin_for_user)
    denied = PermissionDenied
    refusals = (ValidationError, PermissionDenied)

    def get_success_url(self) -> str:
        return _bulletin_url(self.object.pk)


class ApproveView(_BulletinAction):
    permission = "broadcasts.approve_bulletin"
    success_message = gettext_lazy("Đã duyệt bản tin; âm thanh tiếng Việt đang được tạo.")

    def perform(self, form):
        return services.approve_bulletin(actor=self.request.user, bulletin=self.object)


class SendView(_BulletinAction):
    permission = "broadcasts.send_bulletin"
    success_message = gettext_lazy("Đã gửi bản tin đến các đài xã.")

    def perform(self, form):
        return services.send_bulletin(actor=self.request.user, bulletin=self.object)


class CloseView(_BulletinAction):
    permission = "broadcasts.send_bulletin"
    success_message = gettext_lazy("Đã kết thúc bản tin.")

    def perform(self, form):
        return services.close_bulletin(actor=self.request.user, bulletin=self.object)


class WithdrawView(_BulletinAction):
    permission = "broadcasts.approve_bulletin"
    form_class = WithdrawForm
    success_message = gettext_lazy("Đã thu hồi bản tin.")

    def perform(self, form):
        return services.withdraw_bulletin(
            actor=self.request.user, bulletin=self.object, reason=form.cleaned_data["reason"]
        )


class RecordingView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_bulletin_for_user)
    permission = "broadcasts.change_bulletin"
    denied = PermissionDenied
    form_class = RecordingForm
    template_name = "broadcasts/admin/form.html"
    page_title = gettext_lazy("Tải lên bản thu âm")
    refusals = (ValidationError, PermissionDenied)
    success_message = gettext_lazy("Đã lưu bản thu âm.")

    def perform(self, form):
        data = form.cleaned_data
        return services.upload_recording(
            actor=self.request.user,
            bulletin=self.object,
            upload=data["audio"],
            language=data["language"],
            text=data["text"],
        )

    def get_success_url(self) -> str:
        return _bulletin_url(self.object.pk)


@login_required
def admin_audio(request, pk):
    bulletin = selectors.get_bulletin_for_user(user=request.user, pk=pk)
    version = bulletin.vietnamese
    if version is None or not version.audio:
        raise Http404
    return FileResponse(version.audio.open("rb"), content_type="audio/mpeg")


@login_required
def cap_export(request, pk):
    bulletin = selectors.get_bulletin_for_user(user=request.user, pk=pk)
    response = HttpResponse(
        exchange.cap_message(bulletin), content_type="application/xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ban-tin-{bulletin.pk}-cap.xml"'
    return response


@login_required
def package_export(request, pk):
    bulletin = selectors.get_bulletin_for_user(user=request.user, pk=pk)
    response = HttpResponse(exchange.get_adapter().export(bulletin), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ban-tin-{bulletin.pk}.zip"'
    return response


@login_required
@require_POST
def import_acks(request):
    if not request.user.has_perm("broadcasts.send_bulletin"):
        raise PermissionDenied(_("Bạn không được nhập xác nhận của đài xã."))
    form = AcksForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = services.import_acknowledgements(
                actor=request.user, data=form.cleaned_data["file"].read()
            )
            messages.success(request, _("Đã ghi nhận %(n)s xác nhận.") % {"n": result.acknowledged})
        except Exception as exc:
            messages.error(request, _("Tệp không đúng định dạng CAP 1.2: %(e)s") % {"e": exc})
    return HttpResponseRedirect(reverse("broadcasts_coverage"))


class DraftFromAnswerView(View):
    """A published answer becomes a draft (read through feedback.selectors only)."""

    def post(self, request, code):
        answer = (
            feedback.published_answers()
            .filter(tracking_code=code)
            .select_related("answer", "unit")
            .first()
        )
        if answer is None:
            raise Http404
        activity = (
            selectors.radio_activities_for_user(user=request.user).order_by("-start_date").first()
        )
        if activity is None:
            raise PermissionDenied(_("Chưa có hoạt động truyền thanh cơ sở để gắn bản tin."))
        try:
            bulletin = services.draft_from_answer(
                actor=request.user, activity=activity, answer=answer, air_from=timezone.localdate()
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return HttpResponseRedirect(reverse("ban-tin-truyen-thanh:index"))
        messages.success(request, _("Đã tạo dự thảo bản tin từ câu trả lời."))
        return HttpResponseRedirect(_bulletin_url(bulletin.pk))


class CoverageView(View):
    def get(self, request):
        if not request.user.has_perm("broadcasts.view_bulletin"):
            raise PermissionDenied(_("Bạn không xem được báo cáo truyền thanh cơ sở."))
        form = CoverageForm(request.GET or None)
        today = timezone.localdate()
        start, end = date(today.year, 1, 1), today
        if form.is_valid():
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
        if end < start:
            start, end = end, start
        bulletins = selectors.bulletins_for_user(user=request.user).filter(
            status__in=[BulletinStatus.SENT, BulletinStatus.CLOSED]
        )
        report = selectors.coverage(
            bulletins=bulletins, start=start, end=min(end, start + timedelta(days=371))
        )
        return TemplateResponse(
            request,
            "broadcasts/admin/coverage.html",
            {
                "page_title": _("Độ phủ truyền thanh cơ sở"),
                "header_title": _("Độ phủ truyền thanh cơ sở"),
                "header_icon": "doc-full",
                "form": form,
                "report": report,
                "bars": [
                    {
                        "x": i * 10,
                        "first": first,
                        "last": last,
                        "days": days,
                        "percent": round(share * 100),
                        "y": 100 - round(share * 100),
                    }
                    for i, ((first, last, days), share) in enumerate(
                        zip(report.week_ranges(), report.share_by_week, strict=True)
                    )
                ],
                "partial_weeks": [w for w in report.week_ranges() if w[2] < 7],
                "share_percent": round(report.share * 100, 1),
                "chart_width": len(report.weeks) * 10,
                "overdue": selectors.overdue_deliveries(user=request.user)[:100],
                "acks_form": AcksForm(),
            },
        )
