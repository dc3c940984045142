"""Public pages of the training app (``urls``): upcoming and past courses and their
iCalendar feed, a course's public materials, the participant's ticket (QR code, confirmation,
invitation, evaluation, materials, certificate) and the certificate verification page. The
ticket's pages name their holder: never cached."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import qrcode
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache

from giamngheo.core.admin import add_service_errors
from giamngheo.core.antiabuse import AbuseCheck, client_address, form_token, once, rate_limited
from giamngheo.core.documents import document_response

from . import selectors, services
from .enums import CertificateStatus, EnrolmentStatus
from .forms import EvaluationForm, RegistrationForm

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
    course = selectors.get_public_course(pk=pk)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "training/course.html",
        {
            "course": course,
            "registration_open": course.open_registration
            and course.starts_on is not None
            and course.starts_on >= today,
        },
    )


@method_decorator(never_cache, name="dispatch")
class RegistrationView(View):
    """``/tap-huan/lop/<pk>/dang-ky/``: an officer registers themself on a course that takes
    registrations; the organiser approves it, and only then is the invitation with the ticket
    sent, to the contacts typed here (the page itself never shows a ticket nor anyone's name:
    a phone number already known finds that person)."""

    def _render(self, request, course, form, status=200, refusal=""):
        return TemplateResponse(
            request,
            "training/register.html",
            {"course": course, "form": form, "refusal": refusal},
            status=status,
        )

    def _form(self, request, data=None):
        return RegistrationForm(
            data, organisations=selectors.open_organisations(today=timezone.localdate())
        )

    def get(self, request, pk):
        course = selectors.get_open_course(pk=pk, today=timezone.localdate())
        return self._render(request, course, self._form(request))

    def post(self, request, pk):
        course = selectors.get_open_course(pk=pk, today=timezone.localdate())
        if rate_limited(
            f"training:register:{client_address(request)}", limit=settings.FEEDBACK_RATE_LIMIT
        ):
            return self._render(
                request,
                course,
                self._form(request),
                status=429,
                refusal=_("Bạn đã gửi quá nhiều đăng ký. Vui lòng thử lại sau ít phút."),
            )
        form = self._form(request, request.POST)
        try:
            form.check_abuse()
        except AbuseCheck as exc:
            # A fresh form (a new signed start), the message above it.
            return self._render(request, course, self._form(request), status=400, refusal=exc)
        if not form.is_valid():
            return self._render(request, course, form, status=400)
        data = form.cleaned_data

        def register() -> str:
            services.register_openly(
                course=course,
                full_name=data["full_name"],
                organisation=data["organisation"],
                position=data["position"],
                phone=data["phone"],
                email=data["email"],
                sex=data["sex"],
                ethnicity=data["ethnicity"],
            )
            return reverse("training:registered", args=[course.pk])

        try:
            url, _first = once(
                form_token(f"training-register-{course.pk}", request.POST.get("started", "")),
                register,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self._render(request, course, form, status=400)
        return HttpResponseRedirect(url)


def registered(request, pk):
    return TemplateResponse(
        request, "training/registered.html", {"course": selectors.get_public_course(pk=pk)}
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
