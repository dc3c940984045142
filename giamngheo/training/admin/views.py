"""Admin screens of the training app (registered in ``wagtail_hooks``): thin, each through a
scoped selector, a form and one service.

A course's page (sessions, places per unit, participants, the attendance grid, documents),
creating a course, allotting places, materials, naming participants, withdrawing or approving
one, the phone check-in page of a session, the paper sheet, a correction, closing attendance,
issuing and revoking certificates, the evaluation results, the documents' downloads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_tasks import TaskResultStatus

from giamngheo.core.admin import (
    ObjectActionView,
    ObjectFormView,
    ScopedDownloadView,
    error_text,
)
from giamngheo.core.constraints import as_validation_error
from giamngheo.core.documents import document_response
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.enums import FormKind
from giamngheo.planning.selectors import activities_for_user

from .. import selectors, services, tasks
from ..enums import AttendanceSource, AttendanceStatus, CertificateStatus, EnrolmentStatus
from ..forms import (
    AllotmentForm,
    CheckInForm,
    CorrectionForm,
    CourseForm,
    MaterialForm,
    PaperAttendanceForm,
    ParticipantForm,
    QuestionForm,
    ReasonForm,
)
from ..models import Enrolment, Trainee

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
            open_registration=data["open_registration"],
            retention_years=data["retention_years"] or 5,
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
        )

    def get_success_message(self):
        return _("Đã tạo lớp “%(title)s”.") % {"title": self.result.title}

    def get_success_url(self):
        return _course_url(self.result)


def _url_maker(name: str, *rest):
    """``pk -> url`` for one admin route, reversed once: reversing each link of a 100-row grid
    cost more than the rest of the page."""
    marker = "__pk__"
    pattern = reverse(name, args=[marker, *rest])
    return lambda pk: pattern.replace(marker, str(pk))


def _labels(choices) -> dict[str, str]:
    # Each label translated once a request, not once a cell (get_FOO_display re-hashes the
    # choices and translates on every call).
    return {value: str(label) for value, label in choices.choices}


def _grid_rows(grid, *, manages: bool, certificates: dict) -> list[SafeString]:
    """The grid's rows as HTML, one ``<tr>`` each, built here: labels and links computed once
    a request and each row formatted in one pass. The template loop this replaces (a dozen
    tags and filters a cell) cost more than the rest of the view at a page of 100 rows."""
    enrolment_labels = _labels(EnrolmentStatus)
    mark_labels = _labels(AttendanceStatus)
    certificate_labels = _labels(CertificateStatus)
    correct_url = _url_maker("training_correct")
    pdf_url = _url_maker("training_certificate", "pdf")
    revoke_url = _url_maker("training_revoke")
    invitation_url = _url_maker("training_invitation", "docx")
    withdraw_url = _url_maker("training_withdraw")
    paper = format_html(" <small>({})</small>", _("giấy"))
    edit_label, revoke_label = str(_("Sửa")), str(_("Thu hồi"))
    invitation_label, withdraw_label = str(_("Giấy triệu tập")), str(_("Rút tên"))
    withdrawable = (EnrolmentStatus.INVITED, EnrolmentStatus.CONFIRMED)
    cells: dict[tuple, SafeString] = {}  # the same mark cell recurs on most rows

    def mark_cell(mark) -> SafeString:
        if mark is None:
            return mark_safe("<td>—</td>")
        key = (mark.status, mark.source)
        body = cells.get(key)
        if body is None:
            body = cells[key] = format_html(
                '<span class="tr-mark-{}">{}</span>{}',
                mark.status,
                mark_labels.get(mark.status, mark.status),
                paper if mark.source == AttendanceSource.PAPER else "",
            )
        if manages:
            return format_html(
                '<td>{} <a href="{}">{}</a></td>', body, correct_url(mark.pk), edit_label
            )
        return format_html("<td>{}</td>", body)

    rows = []
    for number, row in enumerate(grid.rows, start=grid.page.start_index()):
        certificate = certificates.get(row.enrolment_id)
        if certificate is None:
            certificate_cell = ""
        else:
            revoke = (
                format_html(' · <a href="{}">{}</a>', revoke_url(certificate.pk), revoke_label)
                if manages and certificate.status == CertificateStatus.VALID
                else ""
            )
            certificate_cell = format_html(
                '{} ({}) <a href="{}">PDF</a>{}',
                certificate.code,
                certificate_labels.get(certificate.status, certificate.status),
                pdf_url(certificate.pk),
                revoke,
            )
        withdraw = (
            format_html(' · <a href="{}">{}</a>', withdraw_url(row.enrolment_id), withdraw_label)
            if row.status in withdrawable
            else ""
        )
        rows.append(
            format_html(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td>"
                '<td><a href="{}">{}</a>{}</td></tr>',
                number,
                row.name,
                row.organisation,
                enrolment_labels.get(row.status, row.status),
                mark_safe("".join(mark_cell(m) for m in row.marks)),  # noqa: S308 (escaped)
                certificate_cell,
                invitation_url(row.enrolment_id),
                invitation_label,
                withdraw,
            )
        )
    return rows


class CourseView(View):
    """The course's page: what the user may see of it, and the actions they may take. The
    participants' grid is paged (``?trang=``, ``selectors.ATTENDANCE_PAGE`` a page)."""

    def get(self, request, pk):
        course = selectors.get_course_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("training.view_course", course):
            raise PermissionDenied
        manages = services.may_manage(user=request.user, course=course)
        grid = selectors.attendance_grid(
            user=request.user, course=course, page=request.GET.get("trang") or 1
        )
        sessions = grid.sessions
        allotments = list(
            selectors.allotments_for_user(user=request.user)
            .filter(course=course)
            .order_by("organisation__name")
        )
        named = selectors.named_by_allotment(user=request.user, course=course)
        nameable = services.nameable_organisations(
            user=request.user, organisations={a.organisation_id for a in allotments}
        )
        for allotment in allotments:
            allotment.may_name = allotment.organisation_id in nameable
            allotment.named = named.get(allotment.pk, 0)
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
            subject=[Trainee(pk=r.trainee_id) for r in grid.rows] + [e.trainee for e in pending],
            purpose=AccessPurpose.HANDLE,
            detail=f"training course {course.pk}",
            request=request,
        )
        certificates = (
            {
                c.enrolment_id: c
                for c in selectors.certificates_for_user(user=request.user)
                .filter(enrolment__in=[r.enrolment_id for r in grid.rows])
                .select_related(None)
                .only("id", "enrolment_id", "code", "status")
            }
            if grid.rows
            else {}
        )
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
                "rows": _grid_rows(grid, manages=manages, certificates=certificates),
                "grid_page": grid.page,
                "allotments": allotments,
                "pending": pending,
                "given": sum(a.places for a in allotments),
                "today_session": next((s for s in sessions if s.day == today), None),
                "required": services.sessions_required(course, total=len(sessions)),
                "materials": list(course.materials.all()),
                "certificate_progress": tasks.certificate_progress(course.pk) if manages else None,
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
    """Refused at once (not the organiser, attendance not closed); otherwise queued as a task
    whose progress the course's page shows."""

    def perform(self, form):
        services.check_issuable(actor=self.request.user, course=self.object)
        return tasks.issue_certificates.enqueue(self.object.pk, self.request.user.pk)

    def get_success_message(self):
        if self.result.status == TaskResultStatus.SUCCESSFUL:
            return _("Đã cấp %(count)s giấy chứng nhận.") % {"count": self.result.return_value}
        if self.result.status == TaskResultStatus.FAILED:
            return _("Chưa cấp được giấy chứng nhận; vui lòng thử lại.")
        return _("Đang cấp giấy chứng nhận; tiến độ hiện trên trang lớp tập huấn.")


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


# --- admin: the evaluation's questions ---------------------------------------------------------


def _questions_url(course) -> str:
    return reverse("training_questions", args=[course.pk])


class QuestionsView(_CourseAction, ObjectFormView):
    """The course's evaluation questions, with the form that adds one; open to changes until
    the first answer comes in."""

    form_class = QuestionForm
    template_name = "training/admin/questions.html"
    page_title = _("Câu hỏi đánh giá của lớp")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.object
        context["questions"] = list(self.object.questions.all())
        context["answered"] = self.object.responses.count()
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.add_question(
            actor=self.request.user,
            course=self.object,
            text=data["text"],
            kind=data["kind"],
            position=data["position"],
        )

    def get_success_message(self):
        return _("Đã thêm câu hỏi “%(text)s”.") % {"text": self.result.text}

    def get_success_url(self):
        return _questions_url(self.object)


class _QuestionAction:
    scoped_get = staticmethod(selectors.get_question_for_user)
    denied = PermissionDenied
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("training.manage_course", obj.course):
            raise PermissionDenied

    def get_success_url(self):
        return _questions_url(self.object.course)


class QuestionEditView(_QuestionAction, ObjectFormView):
    form_class = QuestionForm
    template_name = "training/admin/form.html"
    page_title = _("Sửa câu hỏi đánh giá")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method != "POST":
            kwargs["initial"] = {
                "text": self.object.text,
                "kind": self.object.kind,
                "position": self.object.position,
            }
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.change_question(
            actor=self.request.user,
            question=self.object,
            text=data["text"],
            kind=data["kind"],
            position=self.object.position if data["position"] is None else data["position"],
        )

    def get_success_message(self):
        return _("Đã sửa câu hỏi “%(text)s”.") % {"text": self.result.text}


class QuestionDeleteView(_QuestionAction, ObjectActionView):
    def perform(self, form):
        return services.remove_question(actor=self.request.user, question=self.object)

    def get_success_message(self):
        return _("Đã xóa câu hỏi “%(text)s”.") % {"text": self.object.text}


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
        if self.object.status == EnrolmentStatus.APPLIED:
            return _("Đã từ chối đăng ký của %(name)s.") % {"name": self.object.trainee.full_name}
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


def _summoned(session) -> int:
    return session.course.enrolments.filter(
        status__in=(
            EnrolmentStatus.INVITED,
            EnrolmentStatus.CONFIRMED,
            EnrolmentStatus.ATTENDED,
            EnrolmentStatus.ABSENT,
            EnrolmentStatus.EXCUSED,
        )
    ).count()


def _scan_answer(*, ok: bool, message: str, count: str = "", status: int = 200) -> JsonResponse:
    # Never cached: the admin's URLs are all ``never_cache`` (``no-store``).
    return JsonResponse(
        {"ok": ok, "message": str(message), "count": str(count)},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class CheckInView(ObjectFormView):
    """The phone page of one session: scan a ticket's QR code (or type the code).

    The page's script sends each scan with ``Accept: application/json`` and gets a small answer
    (``ok``, the message, the new count) instead of a redirect to the whole admin page: the
    camera stays on and a scan costs one short request. Typed codes without script post the
    form as before (message on the page after a redirect; errors on the form)."""

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
            summoned=_summoned(session),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "application/json" not in request.headers.get("Accept", ""):
            return super().post(request, *args, **kwargs)
        self.setup_object()
        form = self.get_form()
        if not form.is_valid():
            errors = [e for field_errors in form.errors.values() for e in field_errors]
            return _scan_answer(ok=False, message=" ".join(errors), status=400)
        try:
            try:
                self.result = self.perform(form)
            except IntegrityError as exc:
                raise as_validation_error(exc) from exc
        except REFUSALS as exc:
            return _scan_answer(ok=False, message=error_text(exc), status=400)
        return _scan_answer(
            ok=True,
            message=self.get_success_message(),
            count=_("Đã điểm danh %(present)s/%(summoned)s học viên.")
            % {"present": self.object.attendances.count(), "summoned": _summoned(self.object)},
        )

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
