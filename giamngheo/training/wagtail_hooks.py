"""Admin registration of the training screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors
from .admin import views as admin_views
from .models import Allotment, Attendance, Certificate, Course, Enrolment, TargetGroup

# Courses, places, participants, marks and certificates are written through the services (the
# screens below and the demo loader); the generic admin only lists them.
register_rules_policies(TargetGroup)
register_rules_policies(
    Course, Allotment, Enrolment, Attendance, Certificate, forbid={"add", "change", "delete"}
)


class TargetGroupViewSet(ModelViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Nhóm đối tượng tập huấn")
    name = "nhom-doi-tuong-tap-huan"
    url_prefix = "tap-huan/nhom-doi-tuong"
    form_fields = ["name", "position"]
    list_display = ["name", "position"]
    copy_view_enabled = False


class CourseViewSet(ScopedModelViewSet):
    model = Course
    icon = "group"
    menu_label = _("Lớp tập huấn")
    name = "lop-tap-huan"
    url_prefix = "tap-huan/lop"
    form_fields = ["title"]
    list_display = [
        TitleColumn("title", label=_("Tên lớp"), url_name="training_course"),
        Column("organiser", label=_("Đơn vị tổ chức")),
        Column("dates_text", label=_("Thời gian")),
        Column("capacity", label=_("Số học viên tối đa")),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "activity",
        "organiser",
        "venue_unit",
        "venue_address",
        "capacity",
        "starts_on",
        "ends_on",
        "min_sessions",
    ]
    copy_view_enabled = False
    list_export = ["title", "organiser", "starts_on", "ends_on", "capacity"]
    export_filename = "lop-tap-huan"
    scoped_list = staticmethod(selectors.courses_for_user)
    scoped_get = staticmethod(selectors.get_course_for_user)


class CertificateViewSet(ScopedModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Giấy chứng nhận tập huấn")
    name = "giay-chung-nhan-tap-huan"
    url_prefix = "tap-huan/giay-chung-nhan"
    form_fields = ["holder_name"]
    list_display = [
        TitleColumn(
            "holder_name", label=_("Họ và tên"), url_name="giay-chung-nhan-tap-huan:inspect"
        ),
        Column("course_title", label=_("Lớp tập huấn")),
        Column("code", label=_("Mã xác minh")),
        "status",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "holder_name",
        "course_title",
        "dates_text",
        "issuer_name",
        "code",
        "status",
        "issued_at",
        "revoked_at",
        "revoke_reason",
    ]
    copy_view_enabled = False
    list_export = ["number", "holder_name", "course_title", "code", "status"]
    export_filename = "giay-chung-nhan-tap-huan"
    scoped_list = staticmethod(selectors.certificates_for_user)
    scoped_get = staticmethod(selectors.get_certificate_for_user)


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Tập huấn, bồi dưỡng")
    menu_icon = "group"
    menu_order = 340
    items = (CourseViewSet, CertificateViewSet, TargetGroupViewSet)


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    return [
        path(
            "tap-huan/tao-lop/", admin_views.CourseCreateView.as_view(), name="training_course_add"
        ),
        path(
            "tap-huan/lop/<str:pk>/trang/", admin_views.CourseView.as_view(), name="training_course"
        ),
        path(
            "tap-huan/lop/<str:pk>/phan-bo/", admin_views.AllotView.as_view(), name="training_allot"
        ),
        path(
            "tap-huan/lop/<str:pk>/tai-lieu/",
            admin_views.MaterialView.as_view(),
            name="training_material",
        ),
        path(
            "tap-huan/lop/<str:pk>/chot-diem-danh/",
            admin_views.CloseAttendanceView.as_view(),
            name="training_close",
        ),
        path(
            "tap-huan/lop/<str:pk>/cap-giay-chung-nhan/",
            admin_views.IssueCertificatesView.as_view(),
            name="training_issue",
        ),
        path(
            "tap-huan/lop/<str:pk>/danh-gia/",
            admin_views.EvaluationView.as_view(),
            name="training_evaluation",
        ),
        path(
            "tap-huan/lop/<str:pk>/cau-hoi/",
            admin_views.QuestionsView.as_view(),
            name="training_questions",
        ),
        path(
            "tap-huan/cau-hoi/<str:pk>/sua/",
            admin_views.QuestionEditView.as_view(),
            name="training_question_edit",
        ),
        path(
            "tap-huan/cau-hoi/<str:pk>/xoa/",
            admin_views.QuestionDeleteView.as_view(),
            name="training_question_delete",
        ),
        path(
            "tap-huan/lop/<str:pk>/<str:name>.<str:fmt>",
            admin_views.course_document,
            name="training_course_document",
        ),
        path(
            "tap-huan/chi-tieu/<str:pk>/cu-hoc-vien/",
            admin_views.NameParticipantView.as_view(),
            name="training_name",
        ),
        path(
            "tap-huan/hoc-vien/<str:pk>/rut-ten/",
            admin_views.WithdrawView.as_view(),
            name="training_withdraw",
        ),
        path(
            "tap-huan/hoc-vien/<str:pk>/duyet/",
            admin_views.ApproveView.as_view(),
            name="training_approve",
        ),
        path(
            "tap-huan/hoc-vien/<str:pk>/giay-trieu-tap.<str:fmt>",
            admin_views.enrolment_invitation,
            name="training_invitation",
        ),
        path(
            "tap-huan/buoi/<str:pk>/diem-danh/",
            admin_views.CheckInView.as_view(),
            name="training_checkin",
        ),
        path(
            "tap-huan/buoi/<str:pk>/danh-sach-giay/",
            admin_views.PaperAttendanceView.as_view(),
            name="training_paper",
        ),
        path(
            "tap-huan/diem-danh/<str:pk>/sua/",
            admin_views.CorrectAttendanceView.as_view(),
            name="training_correct",
        ),
        path(
            "tap-huan/giay-chung-nhan/<str:pk>/thu-hoi/",
            admin_views.RevokeCertificateView.as_view(),
            name="training_revoke",
        ),
        path(
            "tap-huan/giay-chung-nhan/<str:pk>/tai-ve.<str:fmt>",
            admin_views.certificate_document,
            name="training_certificate",
        ),
        path(
            "tap-huan/tai-lieu/<str:pk>/",
            admin_views.MaterialDownloadView.as_view(),
            name="training_material_download",
        ),
    ]


class AddCourseMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("training.add_course")


@hooks.register("register_admin_menu_item")
def register_add_course_menu_item():
    return AddCourseMenuItem(
        _("Tạo lớp tập huấn"), reverse("training_course_add"), icon_name="plus", order=341
    )
