"""Thin views: scoped selector → form → one service → message and redirect (or render)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from giamngheo.core.admin import ObjectActionView, ObjectFormView, ScopedDownloadView
from giamngheo.core.antiabuse import (
    AbuseCheck,
    client_address,
    form_token,
    once,
    rate_limited,
)
from giamngheo.core.documents.views import document_response
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose
from giamngheo.organisations.models import AdministrativeUnit

from . import forms, selectors, services
from .enums import MeetingStatus, NominationStatus
from .models import Decision, DossierFile

N = NominationStatus


# --- public -----------------------------------------------------------------------------------


def honour_roll(request):
    year = request.GET.get("nam", "")
    form_code = request.GET.get("hinh-thuc", "")[:60]
    commune = request.GET.get("xa", "")
    rows = list(
        selectors.honour_roll(
            year=int(year) if year.isdigit() else None, form_code=form_code, commune_id=commune
        )[:500]
    )
    forms_offered, communes = selectors.honour_roll_filters()
    return TemplateResponse(
        request,
        "awards/honour_roll.html",
        {
            "rows": rows,
            "years": selectors.honour_years(),
            "year": year,
            "forms": forms_offered,
            "form_code": form_code,
            "communes": communes,
            "commune": commune,
        },
    )


def comment_list(request):
    return TemplateResponse(
        request,
        "awards/comment_list.html",
        {"nominations": list(selectors.published_for_comment(today=timezone.localdate()))},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def comment(request, pk):
    nomination = selectors.get_published_nomination(pk=pk, today=timezone.localdate())
    status = 200
    if request.method == "POST":
        if rate_limited(
            f"awards:comment:{client_address(request)}", limit=settings.FEEDBACK_RATE_LIMIT
        ):
            return render(
                request,
                "awards/message.html",
                {"message": _("Bạn đã gửi quá nhiều ý kiến. Vui lòng thử lại sau ít phút.")},
                status=429,
            )
        form = forms.PublicCommentForm(request.POST)
        try:
            form.check_abuse()
        except AbuseCheck as exc:
            return render(request, "awards/message.html", {"message": str(exc)}, status=400)
        if form.is_valid():
            d = form.cleaned_data

            def file_it() -> str:
                services.add_public_comment(
                    nomination=nomination,
                    text=d["text"],
                    author_name=d["author_name"],
                    is_objection=d["is_objection"],
                )
                return reverse("awards:comment_thanks")

            try:
                url, _first = once(form_token("awards", request.POST.get("started", "")), file_it)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(url)
        status = 400
    else:
        form = forms.PublicCommentForm()
    return render(
        request, "awards/comment.html", {"nomination": nomination, "form": form}, status=status
    )


def comment_thanks(request):
    return render(
        request,
        "awards/message.html",
        {"message": _("Cảm ơn anh/chị. Ý kiến đã được chuyển tới Hội đồng Thi đua - Khen thưởng.")},
    )


# --- admin pages ------------------------------------------------------------------------------


def round_page(request, pk):
    round_ = selectors.get_round_for_user(user=request.user, pk=pk)
    nominations = list(
        selectors.nominations_for_user(user=request.user)
        .filter(round=round_)
        .order_by("nominating_organisation__name", "name", "pk")
    )
    office = selectors.is_office(user=request.user, round=round_)
    return TemplateResponse(
        request,
        "awards/admin/round.html",
        {
            "round": round_,
            "page_title": round_.name,
            "header_title": round_.name,
            "nominations": nominations,
            "office": office,
            "may_nominate": selectors.nominating_organisations(user=request.user).exists(),
            "meetings": list(selectors.meetings_for_user(user=request.user).filter(round=round_)),
            "decisions": list(round_.decisions.all()) if office else [],
            "revocations": selectors.revocations(round=round_) if office else [],
        },
    )


def nomination_page(request, pk):
    n = selectors.get_nomination_for_user(user=request.user, pk=pk)
    office = request.user.has_perm("awards.view_identity", n)
    identity = getattr(n, "identity", None) if office else None
    if identity is not None:
        log_personal_data_access(
            user=request.user,
            subject=identity,
            purpose=AccessPurpose.APPRAISE,
            detail=f"nomination {n.pk}",
            request=request,
        )
    files = list(n.files.select_related("component"))
    present = {f.component_id for f in files}
    return TemplateResponse(
        request,
        "awards/admin/nomination.html",
        {
            "n": n,
            "page_title": n.name,
            "header_title": n.name,
            "files": files,
            "components": [(c, c.pk in present) for c in n.form.components.all()],
            "comments": list(n.comments.all())
            if office or n.status in selectors.COUNCIL_STATUSES
            else [],
            "identity": identity,
            "office": office,
            "editable": request.user.has_perm("awards.edit_nomination", n),
            "revocation": selectors.revocation_of(nomination=n),
            "today": timezone.localdate(),
        },
    )


class RoundCreateView(ObjectFormView):
    """The office opens a round of commendation on its emulation activity (plan item 2.3)."""

    scoped_get = None
    template_name = "awards/admin/form.html"
    page_title = _("Tạo đợt xét khen thưởng")
    header_icon = "pick"

    def check_permission(self, obj):
        if not self.request.user.has_perm("awards.create_round"):
            raise PermissionDenied(
                _("Chỉ cơ quan thường trực thi đua, khen thưởng có hoạt động thi đua (mục 2.3) "
                  "tạo đợt xét.")
            )  # fmt: skip

    def get_form(self):
        user = self.request.user
        rule_set = selectors.rule_set_on(timezone.localdate())
        return forms.RoundForm(
            **self.get_form_kwargs(),
            activities=selectors.round_activities(user=user).order_by("-start_date", "title"),
            offices=selectors.round_offices(user=user).order_by("name"),
            councils=selectors.council_candidates().order_by("name"),
            form_choices=[(f.code, f.name) for f in rule_set.forms.all()],
        )

    def perform(self, form):
        return services.create_round(actor=self.request.user, **form.service_kwargs())

    def get_success_message(self):
        return _("Đã tạo đợt xét “%(name)s”.") % {"name": self.result.name}

    def get_success_url(self):
        return reverse("awards_round", args=[self.result.pk])


class NominationCreateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_round_for_user)
    template_name = "awards/admin/form.html"
    page_title = _("Lập hồ sơ đề nghị khen thưởng")

    def check_permission(self, obj):
        if not self.request.user.has_perm("awards.nominate", None):
            raise PermissionDenied(_("Anh/chị không phải cán bộ của đơn vị đề nghị."))

    def get_form(self):
        orgs = selectors.nominating_organisations(user=self.request.user).order_by("name")
        communes = AdministrativeUnit.objects.filter(level="commune").order_by("name")
        forms_on = selectors.rule_set_on(min(timezone.localdate(), self.object.nominations_close))
        choices = [
            (f.code, f.name)
            for f in forms_on.forms.all()
            if not self.object.form_codes or f.code in self.object.form_codes
        ]
        return forms.NominationForm(
            **self.get_form_kwargs(), organisations=orgs, communes=communes, form_choices=choices
        )

    def perform(self, form):
        return services.create_nomination(
            actor=self.request.user, round=self.object, **form.service_kwargs()
        )

    def get_success_url(self):
        return reverse("awards_nomination", args=[self.result.pk])


class _NominationAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_nomination_for_user)
    denied = PermissionDenied

    def get_success_url(self):
        return reverse("awards_nomination", args=[self.object.pk])


class ComponentView(_NominationAction):
    permission = "awards.edit_nomination"
    form_class = forms.ComponentForm
    success_message = _("Đã đính kèm thành phần hồ sơ.")

    def perform(self, form):
        return services.attach_component(
            actor=self.request.user,
            nomination=self.object,
            component_code=form.cleaned_data["component_code"],
            upload=form.cleaned_data["file"],
        )


class SubmitView(_NominationAction):
    permission = "awards.edit_nomination"
    success_message = _("Đã trình hồ sơ.")

    def perform(self, form):
        return services.submit_nomination(actor=self.request.user, nomination=self.object)


class ReturnView(_NominationAction):
    permission = "awards.appraise"
    form_class = forms.ReasonForm
    success_message = _("Đã trả lại hồ sơ.")

    def perform(self, form):
        return services.return_nomination(
            actor=self.request.user, nomination=self.object, reason=form.cleaned_data["reason"]
        )


class PassView(_NominationAction):
    permission = "awards.appraise"
    success_message = _("Hồ sơ đủ điều kiện.")

    def perform(self, form):
        return services.pass_appraisal(actor=self.request.user, nomination=self.object)


class PublishView(_NominationAction):
    permission = "awards.appraise"
    success_message = _("Đã công khai danh sách trên cổng thông tin.")

    def perform(self, form):
        return services.publish_nomination(
            actor=self.request.user, nomination=self.object, today=timezone.localdate()
        )


class CouncilView(_NominationAction):
    permission = "awards.appraise"
    success_message = _("Đã trình hội đồng.")

    def perform(self, form):
        return services.send_to_council(
            actor=self.request.user, nomination=self.object, today=timezone.localdate()
        )


class RevokeView(ObjectFormView):
    """The office revokes a commendation: an entry of the revocation register."""

    scoped_get = staticmethod(selectors.get_nomination_for_user)
    permission = "awards.appraise"
    denied = PermissionDenied
    form_class = forms.RevocationForm
    template_name = "awards/admin/form.html"
    page_title = _("Hủy bỏ khen thưởng")
    success_message = _("Đã hủy bỏ khen thưởng và ghi vào sổ hủy bỏ quyết định khen thưởng.")

    def perform(self, form):
        return services.revoke_commendation(
            actor=self.request.user, nomination=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("awards_nomination", args=[self.object.pk])


class DossierFileView(ScopedDownloadView):
    @staticmethod
    def scoped_get(*, user, pk):
        found = (
            DossierFile.objects.filter(nomination__in=selectors.nominations_for_user(user=user))
            .filter(pk=pk)
            .first()
            if str(pk).isdigit()
            else None
        )
        if found is None:
            raise Http404
        return found


# --- the council ------------------------------------------------------------------------------


class MeetingCreateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_round_for_user)
    permission = "awards.manage_meeting"
    denied = PermissionDenied
    form_class = forms.MeetingForm
    template_name = "awards/admin/form.html"
    page_title = _("Triệu tập phiên họp hội đồng")

    def perform(self, form):
        return services.create_meeting(
            actor=self.request.user, round=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("awards_meeting", args=[self.result.pk])


def meeting_page(request, pk):
    meeting = selectors.get_meeting_for_user(user=request.user, pk=pk)
    screen = selectors.council_screen(meeting=meeting, page=request.GET.get("trang") or 1)
    manager = request.user.has_perm("awards.manage_meeting", meeting)
    seat = selectors.seat_of(user=request.user, meeting=meeting)
    is_open = meeting.status == MeetingStatus.OPEN
    return TemplateResponse(
        request,
        "awards/admin/meeting.html",
        {
            "meeting": meeting,
            "page_title": str(meeting),
            "header_title": str(meeting),
            "screen": screen,
            "counts": screen.counts,
            "quorum": screen.quorum,
            "rows": screen.rows,
            "seats": list(meeting.seats.select_related("membership__user")),
            "manager": manager,
            "seat": seat,
            # Decided once for the page, not in each of its rows.
            "ballot_entry": is_open and manager,
            "can_vote": is_open and not manager and seat is not None,
            "page_number": str(screen.page.number) if screen.page else "1",
        },
    )


class _MeetingAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_meeting_for_user)
    permission = "awards.manage_meeting"
    denied = PermissionDenied

    def get_success_url(self):
        url = reverse("awards_meeting", args=[self.object.pk])
        page = self.request.POST.get("trang", "")
        # Back to the page of the screen the ballot was entered on.
        return f"{url}?trang={page}" if page.isdigit() and page != "1" else url

    def nomination(self, pk):
        found = selectors.nominations_for_user(user=self.request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError(_("Hồ sơ này không được trình phiên họp."))
        return found


class AttendanceView(_MeetingAction):
    success_message = _("Đã ghi điểm danh.")

    def perform(self, form):
        marks = {
            int(key.removeprefix("seat-")): value
            for key, value in self.request.POST.items()
            if key.startswith("seat-") and key.removeprefix("seat-").isdigit()
        }
        return services.set_attendance(
            actor=self.request.user, meeting=self.object, attendance=marks
        )


class OpenMeetingView(_MeetingAction):
    success_message = _("Đã khai mạc phiên họp, bắt đầu bỏ phiếu.")

    def perform(self, form):
        return services.open_meeting(actor=self.request.user, meeting=self.object)


class CloseMeetingView(_MeetingAction):
    success_message = _("Đã kết thúc phiên họp; chỉ còn lưu số phiếu.")

    def perform(self, form):
        return services.close_meeting(actor=self.request.user, meeting=self.object)


class BallotView(_MeetingAction):
    form_class = forms.BallotForm
    success_message = _("Đã nhập kết quả kiểm phiếu.")

    def perform(self, form):
        d = dict(form.cleaned_data)
        nomination = self.nomination(d.pop("nomination"))
        return services.record_ballot(
            actor=self.request.user, meeting=self.object, nomination=nomination, **d
        )


class VoteView(_MeetingAction):
    permission = "awards.cast_vote"
    form_class = forms.VoteForm
    success_message = _("Đã ghi nhận phiếu của anh/chị.")

    def perform(self, form):
        nomination = self.nomination(form.cleaned_data["nomination"])
        return services.cast_vote(
            actor=self.request.user,
            meeting=self.object,
            nomination=nomination,
            choice=form.cleaned_data["choice"],
        )


class DecideView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_round_for_user)
    permission = "awards.manage_meeting"
    denied = PermissionDenied
    form_class = forms.DecisionForm
    template_name = "awards/admin/form.html"
    page_title = _("Ban hành quyết định khen thưởng")

    def perform(self, form):
        return services.decide_round(
            actor=self.request.user, round=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("awards_round", args=[self.object.pk])


# --- documents --------------------------------------------------------------------------------


def decision_document(request, pk, fmt):
    round_ids = selectors.rounds_for_user(user=request.user).values("pk")
    decision = (
        Decision.objects.filter(round__in=round_ids, pk=pk).first() if str(pk).isdigit() else None
    )
    if decision is None or not selectors.is_office(user=request.user, round=decision.round):
        raise Http404
    return document_response(
        request, kind="awards.decision", fmt=fmt, record=decision, name="quyet-dinh-khen-thuong"
    )


def minutes_document(request, pk, fmt):
    meeting = selectors.get_meeting_for_user(user=request.user, pk=pk)
    return document_response(
        request, kind="awards.minutes", fmt=fmt, record=meeting, name="bien-ban-hop-hoi-dong"
    )


def certificate_document(request, pk, fmt):
    n = selectors.get_nomination_for_user(user=request.user, pk=pk)
    if n.status != N.COMMENDED:
        raise Http404
    return document_response(
        request, kind="awards.certificate", fmt=fmt, record=n, name="bang-khen"
    )
