"""Registers the submitters of campaign items with the personal-data registry (organisations)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, Subject, register

from .models import Submission
from .services import erase_contact


def _find(subject: Subject):
    q = Q()
    if subject.email:
        q |= Q(contact=subject.email.lower())
    if subject.phone:
        q |= Q(contact=subject.phone)
    return Submission.objects.filter(q).select_related("campaign") if q else []


def _export(item: Submission) -> dict:
    return {
        "chiến dịch": item.campaign.name,
        "tiêu đề": item.title,
        "liên kết": item.url,
        "tên hiển thị": item.author_name,
        "kênh xác minh": item.get_contact_channel_display(),
        "liên hệ": item.contact,
        "đồng ý công khai": item.consent_show,
        "người xuất hiện đã đồng ý": item.consent_people,
        "gửi lúc": item.submitted_at.isoformat(),
        "trạng thái": item.get_status_display(),
    }


register(
    PersonalDataCategory(
        key="campaigns.submitter",
        label=_("Người gửi bài tham gia chiến dịch truyền thông số"),
        purpose=_("Xác minh người gửi, báo kết quả kiểm duyệt, thống kê người tham gia"),
        retention=_("2 năm sau khi chiến dịch kết thúc"),
        find=_find,
        export=_export,
        erase=lambda item: erase_contact(submission=item),
        order=150,
    )
)
