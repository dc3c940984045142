"""The participants of courses in the personal-data registry (DESIGN §5.7): found by phone
number or e-mail, exported with their courses, erased on request (and by
``services.erase_expired_trainees`` after the retention each course states, every night:
``manage.py training_purge`` in ``core.schedule.JOBS``)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, register

from .models import Trainee
from .services import erase_trainee


def _find(subject):
    keys = Q()
    if subject.phone:
        keys |= Q(phone=subject.phone)
    if subject.email:
        keys |= Q(email__iexact=subject.email)
    if not keys:
        return []
    return Trainee.objects.filter(keys, erased_at__isnull=True).prefetch_related(
        "enrolments__course", "enrolments__organisation"
    )


def _export(trainee: Trainee) -> dict:
    return {
        "họ tên": trainee.full_name,
        "giới tính": trainee.get_sex_display(),
        "dân tộc": trainee.get_ethnicity_display(),
        "điện thoại": trainee.phone,
        "thư điện tử": trainee.email,
        "các lớp": [
            {
                "lớp": e.course.title,
                "thời gian": e.course.dates_text,
                "đơn vị": e.organisation.name,
                "chức vụ": e.position,
                "trạng thái": e.get_status_display(),
            }
            for e in trainee.enrolments.all()
        ],
    }


register(
    PersonalDataCategory(
        key="training.trainee",
        label=_("Học viên lớp tập huấn"),
        purpose=_("Triệu tập, điểm danh, cấp giấy chứng nhận và báo cáo kết quả tập huấn"),
        retention=_("Theo thời hạn lưu của từng lớp (mặc định 5 năm sau khi lớp kết thúc)"),
        find=_find,
        export=_export,
        erase=lambda trainee: erase_trainee(trainee=trainee),
    )
)
