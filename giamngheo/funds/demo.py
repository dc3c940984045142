"""Demo data (marked sample): the 2023 peak month "Vì người nghèo" (17/10–18/11/2023) of the
Fund for the Poor of Tân Yên district, as the demo news "Tân Yên: Quỹ Vì người nghèo góp sức xây
nhà Đại đoàn kết cho hộ khó khăn" tells it: about fifty gifts — most pledged on the portal and
paid by VietQR transfer, matched from a sample bank statement by their reference codes, some
handed over in cash against receipts, a few transfers whose donor is not known yet — and the
Đại đoàn kết house of a poor household, proposed by the treasurer, approved by the board and
paid with its voucher. The public statement of the fund then reconciles with the statement.

Built through the services; needs the demo accounts (``with_users``): ``thuquy.quy`` (the
treasurer) and ``bandieuhanh.quy`` (a board member). A second run adds nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from giamngheo.core.demo import DemoLoad
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
from .enums import DonorKind, FundMemberRole, RecipientKind
from .models import Fund

DEMO_NEEDS = ("organisations", "planning")

SAMPLE = "[Dữ liệu mẫu]"
FRONT_NAME = "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Tân Yên"
FUND_SLUG = "quy-vi-nguoi-ngheo-huyen-tan-yen"
CAMPAIGN_SLUG = "thang-cao-diem-vi-nguoi-ngheo-2023-tan-yen"
TREASURER = ("thuquy.quy", "SoQuy-Minh-Bach#2023", "Thủ quỹ", "Quỹ Vì người nghèo huyện Tân Yên")
BOARD = ("bandieuhanh.quy", "PheDuyet-Chi#2023", "Ủy viên", "Ban vận động Quỹ huyện Tân Yên")
LEGACY_LAST_DAY = date(2025, 6, 30)

# (donor, kind, amount, anonymous): the first ones pay by transfer, the rest in cash.
TRANSFER_GIFTS = [
    ("Công ty TNHH May Tân Yên (mẫu)", DonorKind.BUSINESS, 50_000_000, False),
    ("Ngân hàng Nông nghiệp chi nhánh Tân Yên (mẫu)", DonorKind.ORGANISATION, 30_000_000, False),
    ("Công ty CP Gạch Cao Thượng (mẫu)", DonorKind.BUSINESS, 20_000_000, False),
    ("Hội Doanh nhân trẻ huyện (mẫu)", DonorKind.ORGANISATION, 15_000_000, False),
    ("Nhà hảo tâm (mẫu)", DonorKind.PERSON, 10_000_000, True),
] + [
    (
        f"Cán bộ, công chức huyện (mẫu) {i}",
        DonorKind.PERSON,
        200_000 + 100_000 * (i % 5),
        i % 6 == 0,
    )
    for i in range(1, 31)
]
CASH_GIFTS = [
    (f"Chi hội Phụ nữ thôn (mẫu) {i}", DonorKind.ORGANISATION, 1_000_000 + 500_000 * (i % 4), False)
    for i in range(1, 11)
] + [
    ("Trường THPT Tân Yên 1 (mẫu)", DonorKind.ORGANISATION, 5_000_000, False),
    ("Ông Nguyễn Văn Thiện (mẫu)", DonorKind.PERSON, 2_000_000, False),
]
UNMATCHED = [3_000_000, 500_000, 1_000_000]


def _user(spec, org):
    username, password, first, last = spec
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = create_staff_account(
            username=username, password=password, first_name=first, last_name=last
        )
    membership = Membership.objects.filter(user=user, organisation=org).first()
    if membership is None:
        membership = create_membership(
            user=user,
            organisation=org,
            role=Role.UNIT_OFFICER,
            position=f"{SAMPLE} {first}",
            valid_from=date(YEAR, 1, 1),
        )
    return user, membership


def _front(district) -> Organisation:
    found = Organisation.objects.filter(name=FRONT_NAME).first()
    return found or create_organisation(
        name=FRONT_NAME,
        kind=OrganisationKind.FRONT,
        unit=district,
        short_name="UB MTTQ huyện Tân Yên",
        valid_from=date(2015, 1, 1),
        valid_to=LEGACY_LAST_DAY,
    )


def _activity(plan, front, actor, commune):
    items = {i.code: i for i in plan.items.all()}
    subplan = SubPlan.objects.filter(plan=plan, organisation=front).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=actor,
            plan=plan,
            organisation=front,
            title=f"{SAMPLE} Kế hoạch truyền thông, vận động năm {YEAR} của {front.name}",
        )
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=f"{SAMPLE} Tháng cao điểm “Vì người nghèo” năm {YEAR}",
        form=items.get("2.3") or plan.items.filter(kind="form").first(),
        contents=[items["1.1"]] if "1.1" in items else [],
        units=[front.unit],
        start_date=date(YEAR, 10, 17),
        end_date=date(YEAR, 11, 18),
        status=ActivityStatus.DONE,
    )


def _statement(rows) -> bytes:
    lines = [
        "SAO KÊ TÀI KHOẢN (DỮ LIỆU MẪU)",
        "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung",
    ]
    lines += [f"{d:%d/%m/%Y},{ref},{amount},,{text}" for d, ref, amount, text in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


@transaction.atomic
def load_demo_fund(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    district = AdministrativeUnit.objects.filter(
        level=UnitLevel.DISTRICT, name="Huyện Tân Yên"
    ).first()
    admin_membership = (
        Membership.objects.filter(role=Role.PROVINCE_ADMIN).select_related("user").first()
    )
    if plan is None or district is None or admin_membership is None or not with_users:
        say("Quỹ Vì người nghèo: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n")
        return []
    front = _front(district)
    treasurer, treasurer_m = _user(TREASURER, front)
    board, board_m = _user(BOARD, front)
    accounts = [
        (
            TREASURER[0],
            TREASURER[1],
            "Thủ quỹ Quỹ Vì người nghèo huyện Tân Yên: thu, nhập sao kê, chi",
        ),
        (BOARD[0], BOARD[1], "Thành viên Ban vận động Quỹ huyện Tân Yên: phê duyệt khoản chi"),
    ]
    if Fund.objects.filter(slug=FUND_SLUG).exists():
        say("Quỹ Vì người nghèo: đã có, không tạo lại.\n")
        return accounts
    communes = AdministrativeUnit.objects.filter(parent=district, level=UnitLevel.COMMUNE)
    commune = communes.order_by("name").first()
    fund = services.create_fund(
        organisation=front,
        name="Quỹ Vì người nghèo huyện Tân Yên",
        slug=FUND_SLUG,
        bank_bin="970415",
        bank_name="VietinBank chi nhánh Bắc Giang (tài khoản mẫu)",
        account_number="113000000999",
        account_name="UY BAN MTTQ HUYEN TAN YEN",
        statement_format="chung",
        is_sample=True,
    )
    services.add_fund_member(fund=fund, membership=treasurer_m, role=FundMemberRole.TREASURER)
    services.add_fund_member(fund=fund, membership=board_m, role=FundMemberRole.BOARD)
    campaign = services.create_campaign(
        fund=fund,
        activity=_activity(plan, front, admin_membership.user, commune),
        name=f"Tháng cao điểm “Vì người nghèo” năm {YEAR} (mẫu)",
        slug=CAMPAIGN_SLUG,
        start_date=date(YEAR, 10, 17),
        end_date=date(YEAR, 11, 18),
        target_amount=500_000_000,
        summary=(
            f"{SAMPLE} Ủy ban MTTQ huyện Tân Yên kêu gọi cơ quan, doanh nghiệp và nhân dân ủng hộ"
            " Quỹ Vì người nghèo để xây nhà Đại đoàn kết cho hộ nghèo, hộ khó khăn về nhà ở."
        ),
    )
    rows = []
    for i, (name, kind, amount, anonymous) in enumerate(TRANSFER_GIFTS):
        gift = services.pledge_donation(
            campaign=campaign,
            donor_kind=kind,
            donor_name=name,
            amount=amount,
            is_anonymous=anonymous,
            is_sample=True,
        )
        day = date(YEAR, 10, 17 + i % 14)
        rows.append(
            (day, f"MAU{YEAR}10{i:04d}", amount, f"{gift.reference} Ung ho Quy Vi nguoi ngheo")
        )
    for j, amount in enumerate(UNMATCHED):
        rows.append((date(YEAR, 11, 1 + j), f"MAU{YEAR}11{j:04d}", amount, "UNG HO NGUOI NGHEO"))
    services.import_statement(
        fund=fund, content=_statement(rows), file_name="sao-ke-mau-2023.csv", actor=treasurer
    )
    for k, (name, kind, amount, anonymous) in enumerate(CASH_GIFTS):
        services.record_cash_donation(
            campaign=campaign,
            donor_kind=kind,
            donor_name=name,
            amount=amount,
            is_anonymous=anonymous,
            receipt_number=f"{k + 1:03d}/BL-MAU",
            received_on=date(YEAR, 10, 20 + k % 10),
            actor=treasurer,
            is_sample=True,
        )
    house = services.propose_disbursement(
        fund=fund,
        actor=treasurer,
        recipient_kind=RecipientKind.HOUSEHOLD,
        purpose=f"{SAMPLE} Hỗ trợ xây nhà Đại đoàn kết cho hộ nghèo",
        amount=60_000_000,
        commune=commune,
        campaign=campaign,
        is_sample=True,
    )
    services.approve_disbursement(
        disbursement=house, actor=board, reason="Đúng đối tượng theo danh sách bình xét của xã."
    )
    services.pay_disbursement(
        disbursement=house,
        actor=treasurer,
        paid_on=date(YEAR, 11, 10),
        method="transfer",
        evidence_note=f"{SAMPLE} Phiếu chi số 15/PC-QVNN",
    )
    say(
        f"Quỹ Vì người nghèo huyện Tân Yên: {len(TRANSFER_GIFTS) + len(CASH_GIFTS)} khoản ủng hộ,"
        " 1 khoản chi nhà Đại đoàn kết.\n"
    )
    return accounts


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_fund(stdout=stdout, with_users=with_users))
