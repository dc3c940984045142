"""Choices of the organisations app, with the Vietnamese wording of the administration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


# A unit may only sit under a unit of the level before it (three levels until 30/6/2025,
# two since 1/7/2025: a commune then sits directly under its province).
ALLOWED_PARENT_LEVELS: dict[str, set[str | None]] = {
    UnitLevel.PROVINCE: {None},
    UnitLevel.DISTRICT: {UnitLevel.PROVINCE},
    UnitLevel.COMMUNE: {UnitLevel.DISTRICT, UnitLevel.PROVINCE},
}


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Điều chỉnh địa giới, đơn vị quản lý")
    ABOLISH = "abolish", _("Kết thúc hoạt động cấp hành chính")


class OrganisationKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    DEPARTMENT = "so", _("Sở, ban, ngành")
    PRESS = "press", _("Cơ quan báo chí")
    BROADCASTER = "broadcaster", _("Đài phát thanh và truyền hình")
    FRONT = "front", _("Mặt trận Tổ quốc")
    ASSOCIATION = "association", _("Hội, đoàn thể")
    OTHER = "other", pgettext_lazy("organisation kind", "Khác")


class OrganisationSuccessionKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    TRANSFER = "transfer", _("Chuyển giao chức năng, nhiệm vụ")
    RENAME = "rename", _("Đổi tên")
    DISSOLVE = "dissolve", _("Giải thể, chấm dứt hoạt động")


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("Quản trị cấp tỉnh")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    EDITOR = "editor", _("Biên tập viên")
    APPROVER = "approver", _("Lãnh đạo phê duyệt")
    JUROR = "juror", _("Thành viên ban giám khảo, hội đồng")


# Every staff role signs in to the admin and must use two factors.
STAFF_ROLES = frozenset(Role.values)

# The Wagtail groups a role brings, for the parts of Wagtail that grant by group (pages,
# documents, images). Everything else is decided by rules.py from the memberships themselves.
ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    Role.PROVINCE_ADMIN: ("Editors", "Moderators"),
    Role.UNIT_OFFICER: (),
    Role.EDITOR: ("Editors",),
    Role.APPROVER: ("Moderators",),
    Role.JUROR: (),
}


class PublicAccountKind(models.TextChoices):
    CITIZEN = "citizen", _("Người dân")
    JOURNALIST = "journalist", _("Nhà báo, phóng viên")


class ConsentChannel(models.TextChoices):
    WEB = "web", _("Trang thông tin điện tử")
    API = "api", _("Giao diện lập trình (API)")
    ZALO = "zalo", _("Zalo")
    PAPER = "paper", _("Văn bản giấy")
    PHONE = "phone", _("Điện thoại")
    IN_PERSON = "in_person", _("Trực tiếp")


class AccessPurpose(models.TextChoices):
    HANDLE = "handle", _("Xử lý hồ sơ, phản ánh")
    APPRAISE = "appraise", _("Thẩm định, xét duyệt")
    REPORT = "report", _("Tổng hợp báo cáo")
    SUBJECT_REQUEST = "subject_request", _("Yêu cầu của chủ thể dữ liệu")
    AUDIT = "audit", _("Kiểm tra, giám sát")
