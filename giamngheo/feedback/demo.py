"""Demo feedback: categories, routing for Bắc Giang as in 2023 and for Bắc Ninh today, and 30
sample items in several states, every one flagged ``is_sample``. Built by calling services;
re-running adds nothing. Needs ``organisations.demo.load_demo_organisations()`` first.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import OrganisationKind, UnitLevel
from giamngheo.organisations.importers import LEGACY_LAST_DAY, REFORM_DAY
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation

from . import services
from .enums import FeedbackKind as K
from .enums import FeedbackStatus as S
from .enums import IdentityMode as I
from .models import AnswerTemplate, Category, DeadlinePolicy, Feedback, RoutingRule
from .open311_demo import ensure_demo_api_key

PLAN_START = date(2023, 1, 1)

CATEGORIES = [
    (
        "ho-ngheo",
        "Rà soát, công nhận hộ nghèo, hộ cận nghèo",
        "Kết quả rà soát, bình xét, công nhận hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều.",
    ),
    (
        "bao-hiem-y-te",
        "Bảo hiểm y tế cho người nghèo",
        "Cấp thẻ bảo hiểm y tế, hỗ trợ đóng bảo hiểm y tế cho hộ nghèo, cận nghèo.",
    ),
    ("nha-o", "Hỗ trợ nhà ở", "Hỗ trợ xây mới, sửa chữa nhà ở cho hộ nghèo, cận nghèo."),
    (
        "sinh-ke",
        "Đa dạng hóa sinh kế, phát triển sản xuất",
        "Dự án hỗ trợ phát triển sản xuất, cây giống, con giống, mô hình giảm nghèo.",
    ),
    (
        "viec-lam",
        "Việc làm, đào tạo nghề",
        "Hỗ trợ việc làm bền vững, đào tạo nghề, xuất khẩu lao động.",
    ),
    ("giao-duc", "Hỗ trợ giáo dục", "Miễn, giảm học phí, hỗ trợ chi phí học tập."),
    (
        "thong-tin",
        "Truyền thông, thông tin về giảm nghèo",
        "Truyền thanh cơ sở, tài liệu tuyên truyền, tiếp cận thông tin.",
    ),
    (
        "truc-loi",
        "Sai phạm, trục lợi chính sách",
        "Phản ánh việc lợi dụng, trục lợi, thực hiện sai chính sách giảm nghèo.",
    ),
]

# kind, category, subject, description, answer
SAMPLES = [
    (
        K.QUESTION,
        "ho-ngheo",
        "Điều kiện để được công nhận hộ cận nghèo",
        "Gia đình tôi có 4 người, thu nhập bình quân khoảng 1,4 triệu đồng/người/tháng, chưa có "
        "bảo hiểm y tế. Xin hỏi gia đình tôi có thuộc diện hộ cận nghèo không?",
        "Theo Nghị định 07/2021/NĐ-CP, hộ cận nghèo khu vực nông thôn là hộ có thu nhập bình quân "
        "đầu người/tháng từ 1.500.000 đồng trở xuống và thiếu hụt dưới 3 chỉ số đo lường mức độ "
        "thiếu hụt dịch vụ xã hội cơ bản. Đề nghị gia đình liên hệ Ủy ban nhân dân xã để được rà "
        "soát trong kỳ rà soát hằng năm.",
    ),
    (
        K.FEEDBACK,
        "bao-hiem-y-te",
        "Chậm cấp thẻ bảo hiểm y tế cho hộ nghèo mới công nhận",
        "Gia đình tôi được công nhận hộ nghèo từ tháng 1 nhưng đến nay chưa nhận được thẻ bảo "
        "hiểm y tế.",
        "Ủy ban nhân dân xã đã phối hợp với cơ quan bảo hiểm xã hội huyện lập danh sách bổ sung; "
        "thẻ bảo hiểm y tế đã được cấp và chuyển về thôn trong tháng này.",
    ),
    (
        K.RECOMMENDATION,
        "thong-tin",
        "Đề nghị tăng thời lượng phát thanh về chính sách giảm nghèo",
        "Loa truyền thanh của thôn chỉ phát tin giảm nghèo mỗi tháng một lần. Đề nghị phát thêm "
        "vào buổi tối để người dân đi làm về được nghe.",
        "Ủy ban nhân dân xã tiếp thu kiến nghị; từ tháng sau, chuyên mục giảm nghèo được phát "
        "2 buổi/tuần vào 18 giờ 30 trên hệ thống truyền thanh cơ sở.",
    ),
    (
        K.QUESTION,
        "nha-o",
        "Mức hỗ trợ làm nhà ở cho hộ nghèo",
        "Xin hỏi hộ nghèo được hỗ trợ bao nhiêu tiền để xây mới nhà ở và thủ tục thế nào?",
        "Theo Dự án 5 của Chương trình, mức hỗ trợ xây mới nhà ở là 40 triệu đồng/hộ, sửa chữa "
        "nhà ở là 20 triệu đồng/hộ. Hộ gia đình làm đơn gửi Ủy ban nhân dân xã; danh sách được "
        "bình xét công khai tại thôn.",
    ),
    (
        K.WRONGDOING,
        "truc-loi",
        "Nghi vấn kê khai không đúng để hưởng chính sách hộ nghèo",
        "Một số hộ có điều kiện kinh tế khá nhưng vẫn có tên trong danh sách hộ nghèo của thôn.",
        "Đoàn kiểm tra đã rà soát lại danh sách; 2 hộ không đủ điều kiện đã được đưa ra khỏi danh "
        "sách theo đúng quy trình.",
    ),
    (
        K.QUESTION,
        "giao-duc",
        "Hỗ trợ chi phí học tập cho con hộ cận nghèo",
        "Con tôi học lớp 8, gia đình là hộ cận nghèo. Cháu có được hỗ trợ chi phí học tập không?",
        "Học sinh thuộc hộ cận nghèo được giảm 50% học phí theo quy định hiện hành. Gia đình nộp "
        "đơn kèm giấy chứng nhận hộ cận nghèo cho nhà trường.",
    ),
    (
        K.RECOMMENDATION,
        "sinh-ke",
        "Đề nghị hỗ trợ giống cây ăn quả thay cho giống lúa",
        "Đất đồi của thôn phù hợp trồng cây ăn quả hơn trồng lúa. Đề nghị dự án hỗ trợ sản xuất "
        "chuyển sang hỗ trợ giống cây ăn quả.",
        "Kiến nghị được tiếp thu; xã sẽ đề xuất điều chỉnh danh mục hỗ trợ trong kế hoạch năm sau "
        "sau khi lấy ý kiến cộng đồng.",
    ),
    (
        K.FEEDBACK,
        "viec-lam",
        "Lớp đào tạo nghề tổ chức xa nơi ở",
        "Lớp đào tạo nghề may tổ chức ở trung tâm huyện, người dân thôn xa khó tham gia.",
        "Trung tâm giáo dục nghề nghiệp đã bố trí thêm một lớp lưu động tại nhà văn hóa xã.",
    ),
    (
        K.QUESTION,
        "viec-lam",
        "Vay vốn đi làm việc ở nước ngoài theo hợp đồng",
        "Hộ nghèo có được vay vốn ưu đãi để con đi làm việc ở nước ngoài theo hợp đồng không?",
        "Người lao động thuộc hộ nghèo, cận nghèo được vay vốn tại Ngân hàng Chính sách xã hội để "
        "đi làm việc ở nước ngoài theo hợp đồng; liên hệ Tổ tiết kiệm và vay vốn tại thôn.",
    ),
    (
        K.FEEDBACK,
        "ho-ngheo",
        "Chưa niêm yết công khai danh sách hộ nghèo",
        "Kết quả bình xét hộ nghèo năm nay chưa được niêm yết tại nhà văn hóa thôn.",
        "Ủy ban nhân dân xã đã chỉ đạo niêm yết công khai danh sách tại nhà văn hóa các thôn "
        "trong 7 ngày làm việc theo quy định.",
    ),
]

# The state each sample reaches, in order along the allowed path.
PATHS = {
    S.RECEIVED: [],
    S.ACCEPTED: [S.ACCEPTED],
    S.REFUSED: [S.REFUSED],
    S.ASSIGNED: [S.ACCEPTED, S.ASSIGNED],
    S.IN_PROGRESS: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS],
    S.INFO_REQUESTED: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.INFO_REQUESTED],
    S.ANSWERED: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED],
    S.CLOSED: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
STATES = [
    S.CLOSED,
    S.ANSWERED,
    S.IN_PROGRESS,
    S.CLOSED,
    S.RECEIVED,
    S.ANSWERED,
    S.ASSIGNED,
    S.INFO_REQUESTED,
    S.CLOSED,
    S.REFUSED,
    S.ACCEPTED,
    S.ANSWERED,
    S.WITHDRAWN,
    S.CLOSED,
    S.IN_PROGRESS,
]
REASONS = {
    S.REFUSED: "Nội dung thuộc thẩm quyền giải quyết khiếu nại; đã hướng dẫn người gửi thực "
    "hiện theo Luật Khiếu nại.",
    S.INFO_REQUESTED: "Đề nghị người gửi cho biết tên thôn và thời điểm nộp hồ sơ.",
    S.WITHDRAWN: "Vấn đề đã được giải quyết tại thôn.",
}


ANSWER_TEMPLATES = [
    (
        "Hướng dẫn rà soát hộ nghèo, hộ cận nghèo",
        "ho-ngheo",
        "Ủy ban nhân dân xã trả lời như sau:\n\nViệc rà soát hộ nghèo, hộ cận nghèo được thực "
        "hiện hằng năm theo chuẩn nghèo đa chiều quy định tại Nghị định 07/2021/NĐ-CP. Đề nghị "
        "gia đình nộp giấy đề nghị rà soát cho Ủy ban nhân dân xã để được bình xét tại thôn.",
    ),
    (
        "Cấp thẻ bảo hiểm y tế cho hộ nghèo",
        "bao-hiem-y-te",
        "Cơ quan xử lý trả lời như sau:\n\nNgười thuộc hộ nghèo được ngân sách nhà nước đóng "
        "bảo hiểm y tế. Danh sách đề nghị cấp thẻ được Ủy ban nhân dân xã lập và gửi cơ quan bảo "
        "hiểm xã hội; thẻ được chuyển về thôn sau khi cấp.",
    ),
    (
        "Tiếp thu kiến nghị",
        None,
        "Cơ quan xử lý cảm ơn ông (bà) đã gửi kiến nghị. Nội dung kiến nghị đã được tiếp thu và "
        "sẽ được xem xét trong kế hoạch thực hiện năm tới.",
    ),
]
TRANSFER_REASON = (
    "Thôn nêu trong phản ánh thuộc địa bàn huyện khác; chuyển cơ quan có thẩm quyền xử lý."
)
HIDE_REASON = "Nội dung có lời lẽ xúc phạm cá nhân; ẩn khỏi trang công khai, vẫn lưu hồ sơ."


def _rule(*, unit, organisation, category=None, valid_from=None, valid_to=None):
    exists = RoutingRule.objects.filter(
        unit=unit,
        organisation=organisation,
        category=category,
        valid_from=valid_from,
        valid_to=valid_to,
    ).exists()
    if not exists:
        services.create_routing_rule(
            unit=unit,
            organisation=organisation,
            category=category,
            valid_from=valid_from,
            valid_to=valid_to,
        )


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 15)))


@transaction.atomic
def load_demo_feedback(*, stdout=None) -> int:
    """Returns the number of sample items created (0 on a re-run)."""
    say = stdout.write if stdout else (lambda _m: None)
    categories = {}
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        categories[code] = Category.objects.filter(code=code).first() or services.create_category(
            code=code, name=name, description=description, sort_order=order * 10
        )

    units = AdministrativeUnit.objects.filter(source__startswith="vietnamadminunits")
    old_province = units.get(source_key="legacy:tinhbacgiang")
    new_province = units.get(source_key="2025:tinhbacninh")
    lead_2023 = Organisation.objects.get(is_lead=True, unit=old_province)
    lead_today = Organisation.objects.get(is_lead=True, unit=new_province)

    # 2023: the district People's Committees answer for their districts; profiteering goes to
    # the lead department. Today (two-level government): the lead department of Bắc Ninh.
    _rule(
        unit=old_province, organisation=lead_2023, valid_from=PLAN_START, valid_to=LEGACY_LAST_DAY
    )
    _rule(
        unit=old_province,
        organisation=lead_2023,
        category=categories["truc-loi"],
        valid_from=PLAN_START,
        valid_to=LEGACY_LAST_DAY,
    )
    for org in Organisation.objects.filter(
        unit__parent=old_province, unit__level=UnitLevel.DISTRICT
    ).select_related("unit"):
        _rule(unit=org.unit, organisation=org, valid_from=PLAN_START, valid_to=LEGACY_LAST_DAY)
    for org in Organisation.objects.filter(
        unit__level=UnitLevel.COMMUNE, unit__path__startswith=old_province.path
    ):
        _rule(unit=org.unit, organisation=org, valid_from=PLAN_START, valid_to=LEGACY_LAST_DAY)
    _rule(unit=new_province, organisation=lead_today, valid_from=REFORM_DAY)

    if not DeadlinePolicy.objects.exists():
        for kind in K.values:
            services.set_deadline_policy(
                kind=kind, working_days=settings.FEEDBACK_DEADLINE_DAYS[kind], remind_before=2
            )
    for title, category, body in ANSWER_TEMPLATES:
        if not AnswerTemplate.objects.filter(title=title).exists():
            services.create_answer_template(
                title=title, body=body, category=categories[category] if category else None
            )

    if Feedback.objects.filter(is_sample=True).exists():
        say("Phản ánh mẫu: đã có, bỏ qua.\n")
        return 0

    actor = get_user_model().objects.filter(username="quantri.tinh").first()
    communes_2023 = list(
        units.filter(level=UnitLevel.COMMUNE, path__startswith=old_province.path)
        .valid_on(date(2023, 6, 1))
        .order_by("path")
    )
    tan_soi = units.filter(source_key="legacy:tinhbacgiang_huyenyenthe_xatansoi").first()
    communes_today = list(
        units.filter(level=UnitLevel.COMMUNE, parent=new_province)
        .valid_on(timezone.localdate())
        .order_by("path")
    )
    created = 0
    published_subjects: set[str] = set()
    for n in range(30):
        kind, category, subject, description, answer = SAMPLES[n % len(SAMPLES)]
        if n < 18:
            received = _aware(date(2023, 3, 1) + timedelta(days=9 * n), 8 + n % 9)
            unit = (
                tan_soi if n % 4 == 0 and tan_soi else communes_2023[(n * 37) % len(communes_2023)]
            )
        else:
            received = timezone.now() - timedelta(days=3 * (30 - n), hours=n)
            unit = communes_today[(n * 11) % len(communes_today)]
        mode = (I.ANONYMOUS, I.IDENTIFIED, I.CONFIDENTIAL)[n % 3]
        identity = (
            {}
            if mode == I.ANONYMOUS
            else {
                "reporter_name": f"Người gửi mẫu số {n + 1}",
                "reporter_phone": f"0900 000 {n + 100:03d}",
            }
        )
        item = services.submit_feedback(
            kind=kind,
            category=categories[category],
            subject=subject,
            description=description,
            unit=unit,
            identity_mode=mode,
            consent_processing=mode != I.ANONYMOUS,
            consent_publish=n % 5 != 4,
            channel=("web", "phone", "web", "letter", "in_person")[n % 5],
            received_at=received,
            is_sample=True,
            notify=False,
            **identity,
        )
        target = STATES[n % len(STATES)]
        for days, step in enumerate(PATHS[target], start=1):
            at = min(received + timedelta(days=2 * days), timezone.now())
            if step == S.ANSWERED:
                services.answer_feedback(feedback=item, body=answer, actor=actor, at=at)
                # One published answer per question: the same question from another commune
                # is answered to its sender only, so the Q&A list repeats nothing.
                if item.consent_publish and subject not in published_subjects:
                    services.publish_answer(feedback=item, actor=actor, at=at)
                    published_subjects.add(subject)
            else:
                services.transition_feedback(
                    feedback=item,
                    to=step,
                    actor=None if step == S.WITHDRAWN else actor,
                    reason=REASONS.get(step, ""),
                    organisation=item.organisation if step == S.ASSIGNED else None,
                    at=at,
                )
        created += 1
    _transfer_and_hide(old_province=old_province)
    _open_items_for_commune_officers(categories=categories, actor=actor)
    say(f"Phản ánh mẫu: {created}; quy tắc chuyển xử lý: {RoutingRule.objects.count()}.\n")
    return created


def _open_items_for_commune_officers(*, categories, actor) -> None:
    """Two open items about each commune whose People's Committee has an officer today (the
    demo's canbo.lucngan, canbo.tansoi): routed there as practice has it, one just received,
    one accepted, both for the officer to answer."""
    today = timezone.localdate()
    bodies = (
        Organisation.objects.valid_on(today)
        .filter(
            kind=OrganisationKind.PEOPLES_COMMITTEE,
            unit__level=UnitLevel.COMMUNE,
            memberships__in=Membership.objects.valid_on(today),
        )
        .select_related("unit")
        .distinct()
        .order_by("pk")
    )
    for body in bodies:
        for n, (kind, category, subject, description, _answer) in enumerate(SAMPLES[:2]):
            item = services.submit_feedback(
                kind=kind,
                category=categories[category],
                subject=subject,
                description=description,
                unit=body.unit,
                identity_mode=I.ANONYMOUS,
                consent_processing=False,
                consent_publish=True,
                received_at=timezone.now() - timedelta(days=1 + 2 * n),
                is_sample=True,
                notify=False,
            )
            if n == 1 and item.status == S.RECEIVED:
                services.transition_feedback(feedback=item, to=S.ACCEPTED, actor=actor)


def _transfer_and_hide(*, old_province) -> None:
    """One item transferred by its body to another district's body (with the reason), one
    hidden by moderation: the demo shows both in the register and the audit trail."""
    moving = (
        Feedback.objects.filter(is_sample=True, status=S.IN_PROGRESS, received_at__year=2023)
        .order_by("pk")
        .first()
    )
    if moving is not None:
        target = (
            Organisation.objects.filter(unit__parent=old_province, unit__level=UnitLevel.DISTRICT)
            .exclude(pk=moving.organisation_id)
            .order_by("pk")
            .first()
        )
        if target is not None:
            services.transition_feedback(
                feedback=moving,
                to=S.ASSIGNED,
                actor=None,
                organisation=target,
                reason=TRANSFER_REASON,
                at=moving.received_at + timedelta(days=8),
            )
    hiding = Feedback.objects.filter(is_sample=True, status=S.RECEIVED).order_by("pk").first()
    if hiding is not None:
        services.moderate_feedback(feedback=hiding, actor=None, hidden=True, reason=HIDE_REASON)


DEMO_NEEDS = ("organisations",)


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_demo_feedback(stdout=stdout)
    notes = []
    if with_users and (key := ensure_demo_api_key()):
        notes.append(f"Khóa API Open311 trình diễn (chỉ dùng khi phát triển): {key}")
    return DemoLoad(notes=notes)
