"""Demo data (marked sample) telling the 2023 story of the demo news "Phát hành tờ gấp, sổ tay
hỏi – đáp về chính sách giảm nghèo đến thôn, bản": a leaflet on the multidimensional poverty
standard (in Vietnamese and in Nùng) and a question-and-answer handbook for commune officers,
printed in May 2023 for an activity of the Department's sub-plan, sent from the province store
to the communes of three mountain districts (Yên Thế, Lục Ngạn, Sơn Động); most communes
confirmed what arrived (Tân Sỏi 95 of 100 leaflets, five soaked by rain), some never did and
are overdue; Tân Sỏi's handbooks wait for ``canbo.tansoi`` to confirm them.

Built through the services; needs the demo accounts (``with_users``): the store keeper
``kho.tinh`` records everything, each commune's receipt is confirmed by a sample officer of that
commune (an account that cannot sign in). A second run adds nothing.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from giamngheo.core.demo import DemoLoad
from giamngheo.core.text import fold
from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.services import (
    create_membership,
    create_organisation,
    create_staff_account,
)
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.enums import ActivityStatus
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .enums import MovementKind
from .models import PublicationKind, Title

SAMPLE = "[Dữ liệu mẫu]"
STORE_NAME = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
STORE_USER = ("kho.tinh", "KhoAnPham#Demo2023")
DISTRICTS = ("Huyện Yên Thế", "Huyện Lục Ngạn", "Huyện Sơn Động")
NUNG_DISTRICTS = ("Huyện Sơn Động",)
LEGACY_LAST_DAY = date(2025, 6, 30)
DELIVERED = date(YEAR, 5, 10)
SENT = date(YEAR, 5, 15)
# One commune in UNCONFIRMED_EVERY never confirmed: those dispatches are overdue.
UNCONFIRMED_EVERY = 7

LEAFLET = {
    "name": "Chuẩn nghèo đa chiều và chính sách hỗ trợ hộ nghèo, hộ cận nghèo",
    "kind": "Tờ gấp",
    "summary": (
        f"{SAMPLE} Tờ gấp giới thiệu chuẩn nghèo đa chiều giai đoạn 2022–2025, các chính sách hỗ "
        "trợ hộ nghèo, hộ cận nghèo và địa chỉ liên hệ khi cần giải đáp."
    ),
    "licence_number": "15/GP-STTTT (mẫu)",
    "themes": ("1.2",),
}
HANDBOOK = {
    "name": "Sổ tay hỏi – đáp về Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "kind": "Tài liệu hỏi – đáp",
    "summary": (
        f"{SAMPLE} Sổ tay dành cho cán bộ làm công tác giảm nghèo cấp xã, thôn: hỏi – đáp về "
        "chính sách và hướng dẫn quy trình rà soát hộ nghèo, hộ cận nghèo."
    ),
    "licence_number": "16/GP-STTTT (mẫu)",
    "themes": ("1.1", "1.2"),
}


def _pdf(text: str) -> bytes:
    """A one-page PDF saying that it is a sample (ASCII in a base font: no font to embed)."""
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            len(objects) + 1,
            xref,
        )
    )
    return out.getvalue()


def _cover(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 452), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, 296, 428), outline=(255, 255, 255), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _store_keeper(store: Organisation):
    User = get_user_model()
    username, password = STORE_USER
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_staff_account(
            username=username, password=password, first_name="Thủ kho", last_name="ấn phẩm"
        )
    if not Membership.objects.filter(user=user, organisation=store).exists():
        create_membership(
            user=user,
            organisation=store,
            role=Role.UNIT_OFFICER,
            position="Chuyên viên, phụ trách kho ấn phẩm",
            valid_from=date(YEAR, 1, 1),
        )
    return user


def _commune_body(unit: AdministrativeUnit) -> Organisation:
    name = f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    found = Organisation.objects.filter(name_folded=fold(name), unit=unit).first()
    return found or create_organisation(
        name=name,
        kind=OrganisationKind.PEOPLES_COMMITTEE,
        unit=unit,
        short_name=f"UBND {unit.name[:1].lower()}{unit.name[1:]}",
        valid_to=LEGACY_LAST_DAY,
    )


def _receiver(body: Organisation):
    """The officer who confirms for a commune: ``canbo.tansoi`` for Tân Sỏi, else a sample
    account that cannot sign in."""
    member = (
        Membership.objects.filter(organisation=body, role=Role.UNIT_OFFICER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if member is not None:
        return member.user
    user = get_user_model().objects.create_user(
        f"mau.nhan.{body.unit.code}", first_name="Cán bộ nhận (mẫu)", last_name=body.unit.name
    )
    create_membership(
        user=user,
        organisation=body,
        role=Role.UNIT_OFFICER,
        position=f"{SAMPLE} Công chức Văn hóa - Xã hội",
        valid_from=date(YEAR, 1, 1),
    )
    return user


def _activity(plan: Plan, store: Organisation, actor):
    items = {i.code: i for i in plan.items.all()}
    title = f"{SAMPLE} In, phát hành tờ gấp và sổ tay hỏi – đáp về chính sách giảm nghèo"
    subplan = SubPlan.objects.filter(plan=plan, organisation=store).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=actor,
            plan=plan,
            organisation=store,
            title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {store.name}",
        )
    found = subplan.activities.filter(title=title).first()
    if found is not None:
        return found
    source = plan.funding_sources.get(code="1")
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title,
        form=items["2.5"],
        contents=[items["1.1"], items["1.2"]],
        units=[store.unit],
        start_date=date(YEAR, 4, 1),
        end_date=date(YEAR, 9, 30),
        status=ActivityStatus.DONE,
        budget=[planning.BudgetSpec(funding_source=source, planned=60_000_000, spent=37_800_000)],
    )


def _title(spec, *, plan, store, actor) -> Title:
    found = Title.objects.filter(name_folded=fold(spec["name"]), publisher=store).first()
    if found is not None:
        return found
    items = {i.code: i for i in plan.items.all()}
    return services.create_title(
        actor=actor,
        kind=PublicationKind.objects.get(name=spec["kind"]),
        name=spec["name"],
        summary=spec["summary"],
        publisher=store,
        themes=[items[c] for c in spec["themes"]],
        licence_number=spec["licence_number"],
        licence_date=date(YEAR, 4, 25),
        licence_issuer="Sở Thông tin và Truyền thông tỉnh Bắc Giang",
    )


def _edition(title, language, *, actor, colour):
    found = title.editions.filter(language=language).first()
    return found or services.add_edition(
        actor=actor,
        title=title,
        language=language,
        pdf=SimpleUploadedFile("mau.pdf", _pdf("Tai lieu mau - demo")),
        cover=SimpleUploadedFile("bia.png", _cover(colour)),
    )


@transaction.atomic
def load_demo_publications(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    store = Organisation.objects.filter(name=STORE_NAME).order_by("pk").first()
    if plan is None or store is None or not with_users:
        say("Ấn phẩm: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n")
        return []
    keeper = _store_keeper(store)
    account = [(STORE_USER[0], STORE_USER[1], "Thủ kho ấn phẩm của Sở LĐTBXH: in, nhập kho, giao")]
    if Title.objects.filter(publisher=store, summary__startswith=SAMPLE).exists():
        say("Ấn phẩm: đã có, không tạo lại.\n")
        return account
    activity = _activity(plan, store, keeper)
    leaflet = _title(LEAFLET, plan=plan, store=store, actor=keeper)
    handbook = _title(HANDBOOK, plan=plan, store=store, actor=keeper)
    editions = {
        "leaflet": _edition(leaflet, "vi", actor=keeper, colour=(0, 102, 153)),
        "nung": _edition(leaflet, "nung", actor=keeper, colour=(153, 51, 0)),
        "handbook": _edition(handbook, "vi", actor=keeper, colour=(0, 128, 64)),
    }
    line = activity.budget_lines.get()
    runs = {
        key: services.record_print_run(
            actor=keeper,
            edition=editions[key],
            activity=activity,
            budget_line=line,
            store=store,
            quantity=quantity,
            unit_cost=cost,
            printer="Công ty Cổ phần In Bắc Giang (mẫu)",
            contract_number=f"{number}/2023/HĐ-IN (mẫu)",
            delivered_on=DELIVERED,
        )
        for key, quantity, cost, number in (
            ("leaflet", 8_000, 1_500, 21),
            ("nung", 1_000, 1_800, 22),
            ("handbook", 2_000, 12_000, 23),
        )
    }
    communes = list(
        AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, parent__name__in=DISTRICTS, parent__valid_to=LEGACY_LAST_DAY
        )
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    sent = confirmed = 0
    for index, unit in enumerate(communes):
        body = _commune_body(unit)
        receiver = _receiver(body)
        parcels = [("leaflet", 100), ("handbook", 20)]
        if unit.parent.name in NUNG_DISTRICTS:
            parcels.append(("nung", 40))
        tan_soi = unit.name == "Xã Tân Sỏi"
        for offset, (key, copies) in enumerate(parcels):
            dispatch = services.dispatch(
                actor=keeper,
                print_run=runs[key],
                sender=store,
                recipient=body,
                quantity=copies,
                dispatched_on=SENT + timedelta(days=index % 4),
            )
            sent += 1
            if index % UNCONFIRMED_EVERY == UNCONFIRMED_EVERY - 1 or (
                tan_soi and key == "handbook"
            ):
                continue  # never confirmed: overdue (Tân Sỏi's handbooks wait for canbo.tansoi)
            short = 5 if tan_soi else 0
            services.confirm_receipt(
                actor=receiver,
                dispatch=dispatch,
                received_quantity=copies - short,
                received_on=dispatch.dispatched_on + timedelta(days=2 + offset),
                reason="5 bản bị ướt do mưa khi vận chuyển" if short else "",
            )
            confirmed += 1
            if key == "leaflet" and index % 3 == 0:
                services.record_local_movement(
                    actor=receiver,
                    print_run=runs[key],
                    holder=body,
                    kind=MovementKind.HANDED_OUT,
                    quantity=60,
                    on=date(YEAR, 6, 10),
                    reason="Cấp phát tại hội nghị thôn (mẫu)",
                )
    waiting = sent - confirmed
    say(
        f"Ấn phẩm: 2 ấn phẩm (3 bản ngôn ngữ), 3 đợt in; {sent} phiếu giao đến {len(communes)} xã, "
        f"{confirmed} đã xác nhận, {waiting} chờ xác nhận.\n"
    )
    return account


DEMO_NEEDS = ("organisations", "planning", "reporting")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_publications(stdout=stdout, with_users=with_users))
