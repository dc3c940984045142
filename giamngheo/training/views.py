"""Views of the training app: thin, each through a scoped selector, a form and one service.

Admin (registered in ``wagtail_hooks``): a course's page (sessions, places per unit,
participants, attendance grid, documents), creating a course, allotting places, naming
participants, withdrawing one, the phone check-in page of a session, the paper sheet, a
correction, closing attendance, issuing and revoking certificates, materials, the evaluation
results. Public (``urls``): upcoming courses and their iCalendar feed, a course's public
materials, the participant's ticket (QR, confirmation, evaluation, certificate) and the
certificate verification page.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import qrcode
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from giamngheo.core.admin import ObjectActionView, ObjectFormView, ScopedDownloadView
from giamngheo.core.documents import document_response
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.enums import FormKind
from giamngheo.planning.selectors import activities_for_user

from . import selectors, services
from .enums import AttendanceSource, CertificateStatus, EnrolmentStatus
from .forms import (
    AllotmentForm,
    CheckInForm,
    CorrectionForm,
    CourseForm,
    EvaluationForm,
    MaterialForm,
    PaperAttendanceForm,
    ParticipantForm,
    ReasonForm,
)
from .models import Enrolment

REFUSALS = (ValidationError, PermissionDenied)


def _course_url(course) -> str:
    return reverse("training_course", args=[course.pk])


# --- admin: the course --------------------------------------------------------------------------


class CourseCreateView(ObjectFormView):
    scoped_get = None
    permission = "training.add_course"
    denied = PermissionDenied
    form_class = CourseForm
    template_name = "training/admin/form.html"
    page_title = _("Tạo lớp tập huấn")
    refusals = REFUSALS

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "activities": activities_for_user(user=user).filter(form__form_kind=FormKind.TRAINING),
            "organisations": services.training_organisations(user=user),
            "units": AdministrativeUnit.objects.filter(
                pk__in=services.training_organisations(user=user).values("unit")
            ).order_by("path"),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.create_course(
            actor=self.request.user,
            activity=data["activity"],
            title=data["title"],
            organiser=data["organiser"],
            venue_unit=data["venue_unit"],
            venue_address=data["venue_address"],
            capacity=data["capacity"],
            sessions=data["sessions"],
            target_groups=data["target_groups"],
            programme=data["programme"],
            min_sessions=data["min_sessions"] or 0,
            reports_sex_ethnicity=data["reports_sex_ethnicity"],
            is_public=data["is_public"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
        )

    def get_success_message(self):
        return _("Đã tạo lớp “%(title)s”.") % {"title": self.result.title}

    def get_success_url(self):
        return _course_url(self.result)


class CourseView(View):
    """The course's page: what the user may see of it, and the actions they may take."""

    def get(self, request, pk):
        course = selectors.get_course_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("training.view_course", course):
            raise PermissionDenied
        manages = services.may_manage(user=request.user, course=course)
        sessions, rows = selectors.attendance_grid(user=request.user, course=course)
        allotments = list(
            selectors.allotments_for_user(user=request.user)
            .filter(course=course)
            .order_by("organisation__name")
        )
        for allotment in allotments:
            allotment.may_name = services.may_name(user=request.user, allotment=allotment)
            allotment.named = sum(
                1
                for r in rows
                if r.enrolment.allotment_id == allotment.pk
                and r.enrolment.status != EnrolmentStatus.WAITLISTED
            )
        pending = (
            list(
                selectors.enrolments_for_user(user=request.user).filter(
                    course=course, status=EnrolmentStatus.APPLIED
                )
            )
            if manages
            else []
        )
        log_personal_data_access(
            user=request.user,
            subject=[r.enrolment.trainee for r in rows] + [e.trainee for e in pending],
            purpose=AccessPurpose.HANDLE,
            detail=f"training course {course.pk}",
            request=request,
        )
        certificates = (
            {
                c.enrolment_id: c
                for c in selectors.certificates_for_user(user=request.user).filter(
                    enrolment__course=course
                )
            }
            if rows
            else {}
        )
        for row in rows:
            row.certificate = certificates.get(row.enrolment.pk)
        today = timezone.localdate()
        return TemplateResponse(
            request,
            "training/admin/course.html",
            {
                "page_title": course.title,
                "header_title": course.title,
                "course": course,
                "manages": manages,
                "sessions": sessions,
                "rows": rows,
                "allotments": allotments,
                "pending": pending,
                "given": sum(a.places for a in allotments),
                "today_session": next((s for s in sessions if s.day == today), None),
                "required": services.sessions_required(course, total=len(sessions)),
                "materials": list(course.materials.all()),
            },
        )


class _CourseAction:
    scoped_get = staticmethod(selectors.get_course_for_user)
    permission = "training.manage_course"
    denied = PermissionDenied
    refusals = REFUSALS

    def get_success_url(self):
        return _course_url(self.object)


class AllotView(_CourseAction, ObjectFormView):
    form_class = AllotmentForm
    template_name = "training/admin/form.html"
    page_title = _("Phân bổ chỉ tiêu học viên")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": services.training_organisations(user=self.request.user).order_by(
                "name"
            ),
        }

    def perform(self, form):
        return services.allot_places(
            actor=self.request.user,
            course=self.object,
            organisation=form.cleaned_data["organisation"],
            places=form.cleaned_data["places"],
        )

    def get_success_message(self):
        return _("Đã phân bổ %(places)s chỉ tiêu cho %(unit)s.") % {
            "places": self.result.places,
            "unit": self.result.organisation.name,
        }


class MaterialView(_CourseAction, ObjectFormView):
    form_class = MaterialForm
    template_name = "training/admin/form.html"
    page_title = _("Thêm tài liệu lớp tập huấn")

    def perform(self, form):
        return services.add_material(
            actor=self.request.user,
            course=self.object,
            title=form.cleaned_data["title"],
            audience=form.cleaned_data["audience"],
            upload=form.cleaned_data["file"],
        )

    def get_success_message(self):
        return _("Đã thêm tài liệu “%(title)s”.") % {"title": self.result.title}


class CloseAttendanceView(_CourseAction, ObjectActionView):
    def perform(self, form):
        return services.close_attendance(actor=self.request.user, course=self.object)

    def get_success_message(self):
        return _(
            "Đã chốt điểm danh: %(attended)s tham dự, %(absent)s vắng, %(excused)s vắng có lý do."
        ) % {
            "attended": self.result[EnrolmentStatus.ATTENDED],
            "absent": self.result[EnrolmentStatus.ABSENT],
            "excused": self.result[EnrolmentStatus.EXCUSED],
        }


class IssueCertificatesView(_CourseAction, ObjectActionView):
    def perform(self, form):
        return services.issue_certificates(actor=self.request.user, course=self.object)

    def get_success_message(self):
        return _("Đã cấp %(count)s giấy chứng nhận.") % {"count": len(self.result)}


class EvaluationView(View):
    def get(self, request, pk):
        course = selectors.get_course_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("training.manage_course", course):
            raise PermissionDenied
        responses, questions = selectors.evaluation_summary(course=course)
        return TemplateResponse(
            request,
            "training/admin/evaluation.html",
            {
                "page_title": _("Kết quả đánh giá lớp tập huấn"),
                "header_title": course.title,
                "course": course,
                "responses": responses,
                "questions": questions,
                "minimum": selectors.MIN_RESPONSES,
            },
        )


# --- admin: participants ----------------------------------------------------------------------


class NameParticipantView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_allotment_for_user)
    permission = "training.name_participants"
    denied = PermissionDenied
    form_class = ParticipantForm
    template_name = "training/admin/form.html"
    page_title = _("Cử học viên")
    refusals = REFUSALS

    def get_form_kwargs(self):
        home = self.object.organisation.unit
        return {
            **super().get_form_kwargs(),
            "organisations": services.training_organisations(user=self.request.user)
            .filter(unit__path__startswith=home.path)
            .order_by("unit__path", "name"),
            "target_groups": self.object.course.target_groups.all() or None,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _("%(unit)s — %(course)s: %(places)s chỉ tiêu.") % {
            "unit": self.object.organisation.name,
            "course": self.object.course.title,
            "places": self.object.places,
        }
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.name_participant(
            actor=self.request.user,
            allotment=self.object,
            full_name=data["full_name"],
            organisation=data["organisation"],
            position=data["position"],
            phone=data["phone"],
            email=data["email"],
            sex=data["sex"],
            ethnicity=data["ethnicity"],
            target_group=data["target_group"],
        )

    def get_success_message(self):
        return _("Đã cử %(name)s; giấy triệu tập đã gửi qua thư điện tử.") % {
            "name": self.result.trainee.full_name
        }

    def get_success_url(self):
        return _course_url(self.object.course)


class WithdrawView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_enrolment_for_user)
    permission = "training.view_enrolment"
    denied = PermissionDenied
    form_class = ReasonForm
    template_name = "training/admin/form.html"
    page_title = _("Rút tên học viên")
    refusals = REFUSALS

    def perform(self, form):
        return services.withdraw(
            actor=self.request.user, enrolment=self.object, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self):
        return _("Đã rút tên %(name)s.") % {"name": self.object.trainee.full_name}

    def get_success_url(self):
        return _course_url(self.object.course)


class ApproveView(ObjectActionView):
    scoped_get = staticmethod(selectors.get_enrolment_for_user)
    permission = "training.view_enrolment"
    denied = PermissionDenied
    refusals = REFUSALS

    def perform(self, form):
        return services.approve_registration(actor=self.request.user, enrolment=self.object)

    def get_success_message(self):
        return _("%(name)s: %(status)s.") % {
            "name": self.object.trainee.full_name,
            "status": self.result.get_status_display(),
        }

    def get_success_url(self):
        return _course_url(self.object.course)


# --- admin: attendance ----------------------------------------------------------------------


class CheckInView(ObjectFormView):
    """The phone page of one session: scan a ticket's QR code (or type the code)."""

    scoped_get = staticmethod(selectors.get_session_for_user)
    denied = PermissionDenied
    form_class = CheckInForm
    template_name = "training/admin/checkin.html"
    page_title = _("Điểm danh bằng mã QR")
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("training.manage_course", obj.course):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        context.update(
            session=session,
            course=session.course,
            present=session.attendances.count(),
            summoned=session.course.enrolments.filter(
                status__in=(
                    EnrolmentStatus.INVITED,
                    EnrolmentStatus.CONFIRMED,
                    EnrolmentStatus.ATTENDED,
                    EnrolmentStatus.ABSENT,
                    EnrolmentStatus.EXCUSED,
                )
            ).count(),
        )
        return context

    def perform(self, form):
        return services.check_in(
            actor=self.request.user,
            session=self.object,
            code=form.cleaned_data["code"],
            source=AttendanceSource.QR if form.cleaned_data["scanned"] else AttendanceSource.TYPED,
        )

    def get_success_message(self):
        return _("%(name)s: %(status)s lúc %(time)s.") % {
            "name": self.result.enrolment.trainee.full_name,
            "status": self.result.get_status_display(),
            "time": f"{timezone.localtime(self.result.checked_in_at):%H:%M}",
        }

    def get_success_url(self):
        return reverse("training_checkin", args=[self.object.pk])


class PaperAttendanceView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_session_for_user)
    denied = PermissionDenied
    form_class = PaperAttendanceForm
    template_name = "training/admin/form.html"
    page_title = _("Nhập điểm danh từ danh sách giấy")
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("training.manage_course", obj.course):
            raise PermissionDenied

    def get_form_kwargs(self):
        session = self.object
        waiting = (
            Enrolment.objects.filter(
                course=session.course,
                status__in=(
                    EnrolmentStatus.INVITED,
                    EnrolmentStatus.CONFIRMED,
                    EnrolmentStatus.ATTENDED,
                    EnrolmentStatus.ABSENT,
                    EnrolmentStatus.EXCUSED,
                ),
            )
            .exclude(attendances__session=session)
            .select_related("trainee", "organisation")
            .order_by("organisation__name", "trainee__full_name")
        )
        kwargs = {"enrolments": waiting}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _("Buổi học %(session)s — %(course)s.") % {
            "session": self.object,
            "course": self.object.course.title,
        }
        return context

    def perform(self, form):
        return services.record_paper_attendance(
            actor=self.request.user, session=self.object, marks=form.marks()
        )

    def get_success_message(self):
        return _("Đã nhập điểm danh của %(count)s học viên từ danh sách giấy.") % {
            "count": len(self.result)
        }

    def get_success_url(self):
        return _course_url(self.object.course)


class CorrectAttendanceView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_attendance_for_user)
    denied = PermissionDenied
    form_class = CorrectionForm
    template_name = "training/admin/form.html"
    page_title = _("Sửa điểm danh")
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("training.manage_course", obj.session.course):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = str(self.object)
        return context

    def perform(self, form):
        return services.correct_attendance(
            actor=self.request.user,
            attendance=self.object,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("Đã sửa điểm danh.")

    def get_success_url(self):
        return _course_url(self.object.session.course)


# --- admin: certificates and documents ---------------------------------------------------------


class RevokeCertificateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_certificate_for_user)
    permission = "training.revoke_certificate"
    denied = PermissionDenied
    form_class = ReasonForm
    template_name = "training/admin/form.html"
    page_title = _("Thu hồi giấy chứng nhận")
    refusals = REFUSALS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = str(self.object)
        return context

    def perform(self, form):
        return services.revoke_certificate(
            actor=self.request.user, certificate=self.object, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self):
        return _("Đã thu hồi giấy chứng nhận %(code)s.") % {"code": self.object.code}

    def get_success_url(self):
        return _course_url(self.object.enrolment.course)


class MaterialDownloadView(ScopedDownloadView):
    scoped_get = staticmethod(selectors.get_material_for_user)


COURSE_DOCUMENTS = {"danh-sach-ky-nhan": "training.attendance_list", "bao-cao": "training.report"}


def course_document(request, pk: str, name: str, fmt: str):
    course = selectors.get_course_for_user(user=request.user, pk=pk)
    if not services.may_manage(user=request.user, course=course):
        raise PermissionDenied
    kind = COURSE_DOCUMENTS.get(name)
    if kind is None:
        raise Http404
    if kind == "training.attendance_list":
        log_personal_data_access(
            user=request.user,
            subject=[e.trainee for e in course.enrolments.select_related("trainee")],
            purpose=AccessPurpose.HANDLE,
            detail=f"training attendance list {course.pk}",
            request=request,
        )
    return document_response(request, kind=kind, fmt=fmt, record=course, name=f"{name}-{course.pk}")


def enrolment_invitation(request, pk: str, fmt: str):
    enrolment = selectors.get_enrolment_for_user(user=request.user, pk=pk)
    return document_response(
        request,
        kind="training.invitation",
        fmt=fmt,
        record=enrolment,
        name=f"giay-trieu-tap-{enrolment.pk}",
    )


def certificate_document(request, pk: str, fmt: str):
    certificate = selectors.get_certificate_for_user(user=request.user, pk=pk)
    return document_response(
        request,
        kind="training.certificate",
        fmt=fmt,
        record=certificate,
        name=f"giay-chung-nhan-{certificate.code}",
    )


# --- public ---------------------------------------------------------------------------------------


def courses(request):
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "training/courses.html",
        {
            "upcoming": selectors.upcoming_courses(today=today),
            "past": selectors.past_courses(today=today),
        },
    )


def course_detail(request, pk):
    return TemplateResponse(
        request, "training/course.html", {"course": selectors.get_public_course(pk=pk)}
    )


def _ics_text(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def calendar(request):
    """The public courses' sessions as an iCalendar feed (one event per session)."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//giamngheo//Tap huan//VI",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _ics_text(_("Lịch tập huấn giảm nghèo")),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    host = request.get_host().split(":")[0]
    for session in selectors.calendar_sessions():
        course = session.course

        def utc(moment, day=session.day):
            aware = timezone.make_aware(datetime.combine(day, moment))
            return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

        lines += [
            "BEGIN:VEVENT",
            f"UID:training-session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc(session.starts_at)}",
            f"DTEND:{utc(session.ends_at)}",
            "SUMMARY:" + _ics_text(course.title),
            "LOCATION:" + _ics_text(f"{course.venue_address}, {course.venue_unit.name}"),
            "ORGANIZER;CN=" + _ics_text(course.organiser.name) + ":MAILTO:noreply@" + host,
            "URL:" + request.build_absolute_uri(reverse("training:course", args=[course.pk])),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-tap-huan.ics"'
    return response


def _file_response(material):
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=f"tai-lieu-{material.pk}.{material.file_kind}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_material(request, pk):
    return _file_response(selectors.get_public_material(pk=pk))


def _private(response):
    # A ticket names its holder: never stored by a shared cache, nor by ours.
    response["Cache-Control"] = "private, no-store"
    return response


class TicketView(View):
    """The participant's ticket: QR code, course, sessions; confirm attendance; links to the
    invitation, the evaluation, the materials and the certificate."""

    def get(self, request, code):
        enrolment = selectors.get_enrolment_by_ticket(code=code)
        course = enrolment.course
        return _private(
            TemplateResponse(
                request,
                "training/ticket.html",
                {
                    "enrolment": enrolment,
                    "course": course,
                    "sessions": list(course.sessions.all()),
                    "materials": list(course.materials.all()),
                    "certificate": selectors.valid_certificate_of(enrolment=enrolment),
                    "can_confirm": enrolment.status == EnrolmentStatus.INVITED,
                    "can_evaluate": not enrolment.survey_done
                    and enrolment.attendances.filter(status__in=("present", "late")).exists(),
                },
            )
        )

    def post(self, request, code):
        enrolment = selectors.get_enrolment_by_ticket(code=code)
        try:
            services.confirm_attendance(enrolment=enrolment)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Cảm ơn anh/chị đã xác nhận tham dự."))
        return HttpResponseRedirect(reverse("training:ticket", args=[enrolment.ticket]))


def ticket_qr(request, code):
    enrolment = selectors.get_enrolment_by_ticket(code=code)
    image = qrcode.QRCode(border=2, box_size=8)
    image.add_data(enrolment.ticket)
    image.make(fit=True)
    out = io.BytesIO()
    image.make_image().save(out, format="PNG")
    return _private(HttpResponse(out.getvalue(), content_type="image/png"))


def ticket_invitation(request, code, fmt):
    enrolment = selectors.get_enrolment_by_ticket(code=code)
    return _private(
        document_response(
            request,
            kind="training.invitation",
            fmt=fmt,
            record=enrolment,
            name=f"giay-trieu-tap-{enrolment.ticket}",
        )
    )


def ticket_certificate(request, code, fmt):
    enrolment = selectors.get_enrolment_by_ticket(code=code)
    certificate = selectors.valid_certificate_of(enrolment=enrolment)
    if certificate is None:
        raise Http404
    return _private(
        document_response(
            request,
            kind="training.certificate",
            fmt=fmt,
            record=certificate,
            name=f"giay-chung-nhan-{certificate.code}",
        )
    )


def ticket_material(request, code, pk):
    enrolment = selectors.get_enrolment_by_ticket(code=code)
    return _private(_file_response(selectors.get_ticket_material(enrolment=enrolment, pk=pk)))


class EvaluationFormView(View):
    def _form(self, request, enrolment):
        questions = enrolment.course.questions.all()
        data = request.POST if request.method == "POST" else None
        return EvaluationForm(data, questions=questions)

    def _render(self, request, enrolment, form, status=200):
        return _private(
            TemplateResponse(
                request,
                "training/evaluation.html",
                {"enrolment": enrolment, "course": enrolment.course, "form": form},
                status=status,
            )
        )

    def get(self, request, code):
        enrolment = selectors.get_enrolment_by_ticket(code=code)
        return self._render(request, enrolment, self._form(request, enrolment))

    def post(self, request, code):
        enrolment = selectors.get_enrolment_by_ticket(code=code)
        form = self._form(request, enrolment)
        if not form.is_valid():
            return self._render(request, enrolment, form, status=400)
        try:
            services.submit_evaluation(enrolment=enrolment, answers=form.answers())
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self._render(request, enrolment, form, status=400)
        messages.success(request, _("Cảm ơn anh/chị đã gửi phiếu đánh giá (ẩn danh)."))
        return HttpResponseRedirect(reverse("training:ticket", args=[enrolment.ticket]))


def verify(request, code=None):
    """``/tap-huan/xac-minh/<code>/``: name, course, dates and issuer of a certificate in force;
    a revoked one says so (with no other detail); an unknown code is refused (404)."""
    code = code if code is not None else request.GET.get("ma", "")
    if code is None or not code.strip():
        return TemplateResponse(request, "training/verify.html", {"asked": False})
    certificate = selectors.find_certificate(code=code)
    status = (
        200 if certificate is not None and certificate.status == CertificateStatus.VALID else 404
    )
    return TemplateResponse(
        request,
        "training/verify.html",
        {
            "asked": True,
            "code": code.strip()[:40],
            "certificate": certificate,
            "valid": status == 200,
        },
        status=status,
    )
