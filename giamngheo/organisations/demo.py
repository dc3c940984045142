"""Demo organisations: Bắc Giang as in the 2023 plan (section V), the Bắc Ninh province it became
part of on 1/7/2025, and three demo officers. Built by calling services; re-running adds nothing.

The 2025 successors of agencies are *reported* facts (press and secondary pages, see
docs FACTS.md) and are stored as data the province administrator edits, each with a note.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from giamngheo.core.demo import DemoLoad
from giamngheo.core.text import fold

from .enums import OrganisationKind as K
from .enums import OrganisationSuccessionKind as S
from .enums import Role, UnitLevel
from .importers import LEGACY_LAST_DAY, REFORM_DAY, import_units
from .models import AdministrativeUnit, Membership, Organisation
from .selectors import unit_successors
from .services import (
    create_membership,
    create_organisation,
    create_staff_account,
    set_organisation_successor,
    update_organisation,
)

PLAN_START = date(2023, 1, 1)
REPORTED = (
    "Thông tin kế thừa theo báo chí và trang thứ cấp (chưa đối chiếu văn bản gốc); quản trị "
    "cấp tỉnh kiểm tra và sửa khi có văn bản."
)

# name, short name, kind, is_lead, responsibilities (plan V), 2025 successor name, kind of change
PROVINCIAL_2023 = [
    (
        "Ủy ban nhân dân tỉnh Bắc Giang",
        "UBND tỉnh",
        K.PEOPLES_COMMITTEE,
        False,
        "Ban hành Kế hoạch; chỉ đạo các sở, ngành, địa phương thực hiện.",
        "Ủy ban nhân dân tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        "Sở LĐTBXH",
        K.DEPARTMENT,
        True,
        "Chủ trì tham mưu và đôn đốc triển khai Kế hoạch; cung cấp thông tin về Chương trình; "
        "phối hợp với Sở Thông tin và Truyền thông, Báo Bắc Giang, Đài Phát thanh và Truyền hình "
        "tỉnh, Hội Nhà báo tỉnh; theo dõi, kiểm tra, tổng hợp, báo cáo UBND tỉnh.",
        "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh",
        S.TRANSFER,
    ),
    (
        "Sở Thông tin và Truyền thông tỉnh Bắc Giang",
        "Sở TT&TT",
        K.DEPARTMENT,
        False,
        "Chỉ đạo, hướng dẫn Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh đẩy mạnh truyền "
        "thông; lồng ghép với các chương trình mục tiêu quốc gia khác; chuyển đổi số.",
        "Sở Khoa học và Công nghệ tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Tài chính tỉnh Bắc Giang",
        "Sở Tài chính",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Tài chính tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Kế hoạch và Đầu tư tỉnh Bắc Giang",
        "Sở KH&ĐT",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Tài chính tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bắc Giang",
        "Sở NN&PTNT",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang",
        "Sở VHTTDL",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
        "Sở GD&ĐT",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Sở Y tế tỉnh Bắc Giang",
        "Sở Y tế",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Y tế tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Ban Dân tộc tỉnh Bắc Giang",
        "Ban Dân tộc",
        K.DEPARTMENT,
        False,
        "Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể và thực hiện truyền thông.",
        "Sở Dân tộc và Tôn giáo tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Báo Bắc Giang",
        "Báo Bắc Giang",
        K.PRESS,
        False,
        "Xây dựng tin, bài, phóng sự, phỏng vấn, video clip; tổ chức đối thoại, tọa đàm trực tuyến "
        "về công tác giảm nghèo; nâng cao chất lượng chuyên mục, chuyên đề.",
        "Báo và Phát thanh, Truyền hình Bắc Ninh",
        S.MERGE,
    ),
    (
        "Đài Phát thanh và Truyền hình tỉnh Bắc Giang",
        "Đài PT-TH tỉnh",
        K.BROADCASTER,
        False,
        "Xây dựng tin, bài, phóng sự, phỏng vấn, video clip; tổ chức đối thoại, tọa đàm trực tuyến "
        "về công tác giảm nghèo; nâng cao chất lượng chuyên mục, chuyên đề.",
        "Báo và Phát thanh, Truyền hình Bắc Ninh",
        S.MERGE,
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Giang",
        "Ủy ban MTTQ tỉnh",
        K.FRONT,
        False,
        "Hướng dẫn MTTQ các cấp tuyên truyền, vận động; xây dựng Quỹ Vì người nghèo; giám sát, "
        "phản biện xã hội gắn với phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía "
        "sau”.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh",
        S.MERGE,
    ),
    (
        "Hội Nhà báo tỉnh Bắc Giang",
        "Hội Nhà báo tỉnh",
        K.ASSOCIATION,
        False,
        "Phối hợp với Sở Lao động - Thương binh và Xã hội tuyên truyền trên các phương tiện thông "
        "tin đại chúng.",
        "Hội Nhà báo tỉnh Bắc Ninh",
        S.MERGE,
    ),
]

NEW_2025_KINDS = {
    "Ủy ban nhân dân tỉnh Bắc Ninh": (K.PEOPLES_COMMITTEE, "UBND tỉnh"),
    "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở NN&MT"),
    "Sở Khoa học và Công nghệ tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở KH&CN"),
    "Sở Tài chính tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở Tài chính"),
    "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở VHTTDL"),
    "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở GD&ĐT"),
    "Sở Y tế tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở Y tế"),
    "Sở Dân tộc và Tôn giáo tỉnh Bắc Ninh": (K.DEPARTMENT, "Sở DT&TG"),
    "Báo và Phát thanh, Truyền hình Bắc Ninh": (K.PRESS, "Báo và PT-TH Bắc Ninh"),
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh": (K.FRONT, "Ủy ban MTTQ tỉnh"),
    "Hội Nhà báo tỉnh Bắc Ninh": (K.ASSOCIATION, "Hội Nhà báo tỉnh"),
}

DISTRICT_TASKS = (
    "Triển khai các hoạt động truyền thông; chỉ đạo cơ sở tuyên truyền; kiểm tra, giám sát; bố "
    "trí kinh phí địa phương; tổng hợp, báo cáo gửi Sở Lao động - Thương binh và Xã hội."
)

# username, password, first name, last name, role, organisation name, position, description
DEMO_USERS = [
    (
        "quantri.tinh",
        "HoaSen#Demo2023",
        "Quản trị",
        "cấp tỉnh",
        Role.PROVINCE_ADMIN,
        "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        "Chuyên viên Phòng Bảo trợ xã hội",
        "Quản trị cấp tỉnh (Sở LĐTBXH): quản lý đơn vị, cơ quan, phân công; xem toàn tỉnh",
    ),
    (
        "canbo.lucngan",
        "CauVong#Demo2023",
        "Cán bộ",
        "huyện Lục Ngạn",
        Role.UNIT_OFFICER,
        "Ủy ban nhân dân huyện Lục Ngạn",
        "Chuyên viên Phòng LĐTBXH huyện",
        "Cán bộ UBND huyện Lục Ngạn: chỉ thấy huyện Lục Ngạn và các xã của huyện",
    ),
    (
        "canbo.tansoi",
        "NuiXanh#Demo2023",
        "Cán bộ",
        "xã Tân Sỏi",
        Role.UNIT_OFFICER,
        "Ủy ban nhân dân xã Tân Sỏi",
        "Công chức Văn hóa - Xã hội",
        "Cán bộ UBND xã Tân Sỏi (huyện Yên Thế): chỉ thấy xã của mình",
    ),
]


def _org(
    *,
    name,
    kind,
    unit,
    short_name="",
    is_lead=False,
    responsibilities="",
    valid_from=None,
    valid_to=None,
) -> Organisation:
    existing = Organisation.objects.filter(name_folded=fold(name), unit=unit).first()
    if existing:
        return existing
    return create_organisation(
        name=name,
        kind=kind,
        unit=unit,
        short_name=short_name,
        is_lead=is_lead,
        responsibilities=responsibilities,
        valid_from=valid_from,
        valid_to=valid_to,
    )


@transaction.atomic
def load_demo_organisations(*, stdout=None, with_users: bool = True) -> list[tuple[str, str, str]]:
    """Units, organisations and (unless ``with_users`` is false) demo officers. Returns the
    (username, password, description) rows of the demo officers for the command to print."""
    say = stdout.write if stdout else (lambda _m: None)
    import_units(province="Bắc Giang", stdout=stdout)
    units = AdministrativeUnit.objects.filter(source__startswith="vietnamadminunits")
    old_province = units.get(source_key="legacy:tinhbacgiang")
    new_province = units.get(source_key="2025:tinhbacninh")

    new_orgs = {
        name: _org(
            name=name,
            kind=kind,
            short_name=short,
            unit=new_province,
            valid_from=REFORM_DAY,
            is_lead=name.startswith("Sở Nông nghiệp và Môi trường"),
        )
        for name, (kind, short) in NEW_2025_KINDS.items()
    }
    for name, short, kind, is_lead, tasks, successor_name, change in PROVINCIAL_2023:
        org = _org(
            name=name,
            kind=kind,
            unit=old_province,
            short_name=short,
            is_lead=is_lead,
            responsibilities=tasks,
        )
        if org.successor_id is None:
            set_organisation_successor(
                organisation=org,
                successor=new_orgs[successor_name],
                kind=change,
                last_day=LEGACY_LAST_DAY,
                note=REPORTED,
            )
    for district in units.filter(parent=old_province, level=UnitLevel.DISTRICT):
        in_text = district.name[:1].lower() + district.name[1:]  # "huyện Lục Ngạn"
        org = _org(
            name=f"Ủy ban nhân dân {in_text}",
            kind=K.PEOPLES_COMMITTEE,
            unit=district,
            short_name=f"UBND {in_text}",
            responsibilities=DISTRICT_TASKS,
            valid_to=LEGACY_LAST_DAY,
        )
        if not org.succession_kind:
            org.succession_kind = S.DISSOLVE
            org.succession_note = "Kết thúc hoạt động cấp huyện từ 01/07/2025."
            update_organisation(organisation=org, actor=None)
    tan_soi = units.get(source_key="legacy:tinhbacgiang_huyenyenthe_xatansoi")
    _org(
        name="Ủy ban nhân dân xã Tân Sỏi",
        kind=K.PEOPLES_COMMITTEE,
        unit=tan_soi,
        short_name="UBND xã Tân Sỏi",
        valid_to=LEGACY_LAST_DAY,
    )

    # Since 1/7/2025 an item about a commune goes first to that commune's People's Committee:
    # today's commune bodies of the two demo officers (Lục Ngạn; the commune Tân Sỏi became).
    current_units = {
        "canbo.lucngan": units.filter(source_key="2025:tinhbacninh_xalucngan").first(),
        "canbo.tansoi": next(
            iter(unit_successors(unit=tan_soi, on=REFORM_DAY, primary_only=True)), None
        ),
    }
    current_orgs = {
        username: _org(
            name=f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}",
            kind=K.PEOPLES_COMMITTEE,
            unit=unit,
            short_name=f"UBND {unit.name[:1].lower()}{unit.name[1:]}",
            valid_from=REFORM_DAY,
        )
        for username, unit in current_units.items()
        if unit is not None
    }

    if not with_users:
        say(f"Cơ quan, đơn vị: {Organisation.objects.count()}.\n")
        return []
    User = get_user_model()
    rows = []
    for username, password, first, last, role, org_name, position, description in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_staff_account(
                username=username, password=password, first_name=first, last_name=last
            )
        org = Organisation.objects.filter(name=org_name).order_by("pk").first()
        if not Membership.objects.filter(user=user, organisation=org, role=role).exists():
            create_membership(
                user=user, organisation=org, role=role, position=position, valid_from=PLAN_START
            )
        now = current_orgs.get(username)
        if now is not None and not Membership.objects.filter(user=user, organisation=now).exists():
            # A current membership: the officer answers today's items about the commune.
            create_membership(
                user=user, organisation=now, role=role, position=position, valid_from=REFORM_DAY
            )
        rows.append((username, password, description))
    say(
        f"Cơ quan, đơn vị: {Organisation.objects.count()}; phân công: {Membership.objects.count()}.\n"
    )
    return rows


DEMO_NEEDS = ()


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_organisations(stdout=stdout, with_users=with_users))
