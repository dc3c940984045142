"""The seed plan (Bắc Giang 2023) loaded faithfully as a structured plan."""

from __future__ import annotations

import io
from datetime import date

import pytest

from giamngheo.planning.demo import load_demo_plan, parse_seed_plan
from giamngheo.planning.enums import AssignmentRole, ItemKind
from giamngheo.planning.models import Assignment, FundingSource, Plan, PlanItem

CONTENTS = {
    "1.1": (
        "Tập trung tuyên truyền nhiệm vụ, mục tiêu, chỉ tiêu giảm nghèo của tỉnh năm 2023;",
        "giảm nghèo bền vững và khuyến khích làm giàu chính đáng.",
    ),
    "1.2": ("Đẩy mạnh công tác tuyên truyền, giáo dục,", "để phát huy hiệu quả cao nhất có thể."),
    "1.3": (
        "Đổi mới, thúc đẩy hiệu quả, chất lượng thực hiện phong trào thi đua “Vì người nghèo "
        "- Không để ai bị bỏ lại phía sau”,",
        "của địa phương nghèo và người nghèo.",
    ),
    "1.4": (
        "Truyền thông về các tấm gương điển hình,",
        "trong thực hiện các hoạt động, dự án, chính sách về giảm nghèo.",
    ),
}
FORMS = {
    "2.1": "Truyền thông trên các phương tiện thông tin đại chúng từ cấp tỉnh tới cơ sở nhằm "
    "thông tin, hướng dẫn, tạo sự đồng thuận trong thực hiện các hoạt động, dự án, chính "
    "sách về giảm nghèo; chú trọng truyền thông qua hệ thống truyền thanh ở cơ sở.",
    "2.2": "Tổ chức cuộc thi các tác phẩm báo chí viết về công tác giảm nghèo của phong trào thi "
    "đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”.",
    "2.3": "Tổ chức sơ kết và khen thưởng tập thể, hộ gia đình, cá nhân có thành tích xuất sắc, "
    "tiêu biểu trong thực hiện Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại "
    "phía sau”.",
    "2.4": "Tập huấn, bồi dưỡng nghiệp vụ truyền thông lĩnh vực giảm nghèo đối với đội ngũ cán "
    "bộ làm công tác giảm nghèo.",
    "2.5": "In ấn, phát hành tài liệu và các ấn phẩm, sản phẩm truyền thông tuyên truyền về "
    "Chương trình giảm nghèo và chính sách giảm nghèo.",
    "2.6": "Truyền thông trên mạng Internet: Khuyến khích công dân thực hiện truyền thông trên "
    "các nền tảng số theo chiến dịch, đăng tải tin, bài, phóng sự, video…",
}
SOLUTION_STARTS = {
    "3.1": "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp;",
    "3.2": "Đẩy mạnh hiệu quả công tác tuyên truyền,",
    "3.3": "Đẩy mạnh việc ứng dụng công nghệ thông tin, công nghệ số, chuyển đổi số",
    "3.4": "Các cơ quan thực hiện dự án và các cơ quan truyền thông, báo chí phối hợp",
    "3.5": "Phát triển, tăng cường hoạt động Trang thông tin điện tử về giảm nghèo",
}
ASSIGNMENTS = [
    ("1", "Sở Lao động - Thương binh và Xã hội", AssignmentRole.LEAD, 4),
    ("2", "Sở Thông tin và Truyền thông", AssignmentRole.COORDINATING, 3),
    ("3", "Các Sở, ban, ngành", AssignmentRole.COORDINATING, 3),
    ("4", "UBND huyện, thành phố", AssignmentRole.COORDINATING, 4),
    ("5", "Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh", AssignmentRole.COORDINATING, 2),
    ("6", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", AssignmentRole.COORDINATING, 2),
]
RECIPIENTS = [
    "- Bộ Lao động-TB&XH (b/c);",
    "- Chủ tịch, các PCT UBND tỉnh;",
    "- Uỷ ban MTTQ Việt Nam tỉnh;",
    "- Các sở, cơ quan thuộc UBND tỉnh;",
    "- Báo BG; Đài PTTH tỉnh;",
    "- UBND huyện, thành phố;",
    "- VP UBND tỉnh:",
    "+ LĐVP; TH;",
    "+ Lưu: VT; KGVX.Thảo.",
]


@pytest.fixture
def demo_plan(db):
    return load_demo_plan()


def test_header_and_signature(demo_plan):
    plan = demo_plan
    assert plan.title == (
        "Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững tỉnh Bắc Giang năm 2023"
    )
    assert (plan.issuing_body_name, plan.place, plan.symbol, plan.year) == (
        "UBND TỈNH BẮC GIANG",
        "Bắc Giang",
        "KH-UBND",
        2023,
    )
    assert (plan.number, plan.issued_on) == ("", None)  # not in the source text
    assert (plan.signer_authority, plan.signer_title, plan.signer_name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Mai Sơn",
    )
    assert plan.report_deadline == date(2023, 11, 15)
    assert (plan.period_start, plan.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert (plan.scope, plan.period_text) == ("Trên phạm vi toàn tỉnh.", "Năm 2023.")
    assert plan.recipient_lines == RECIPIENTS
    assert plan.legal_bases.startswith("Thực hiện Quyết định số 650/QĐ-LĐTBXH ngày 21/7/2022")
    assert plan.legal_bases.endswith("tỉnh Bắc Giang năm 2023 như sau:")
    assert "Kế hoạch số 4186/KH-UBND ngày 27/8/2022" in plan.legal_bases


def test_sections_i_and_ii(demo_plan):
    purposes = demo_plan.purposes.splitlines()
    requirements = demo_plan.requirements.splitlines()
    assert len(purposes) == 2 and len(requirements) == 3
    assert purposes[0].startswith("- Truyền thông, tuyên truyền kịp thời những quan điểm")
    assert purposes[1].endswith("nỗ lực vươn lên thoát nghèo của người dân và cộng đồng.")
    assert requirements[2].endswith(
        "để mọi người dân biết, hưởng ứng và thực hiện đúng, kịp thời, hiệu quả."
    )
    assert demo_plan.audience.startswith("Người dân, cán bộ, đảng viên, công chức, viên chức")
    assert demo_plan.audience.endswith("cán bộ làm công tác giảm nghèo các cấp…")


def test_every_item_of_section_iii(demo_plan):
    items = {(i.kind, i.code): i.text for i in PlanItem.objects.filter(plan=demo_plan)}
    assert len(items) == 15
    assert sorted(c for k, c in items if k == ItemKind.CONTENT) == ["1.1", "1.2", "1.3", "1.4"]
    for code, (start, end) in CONTENTS.items():
        assert items[(ItemKind.CONTENT, code)].startswith(start)
        assert items[(ItemKind.CONTENT, code)].endswith(end)
    assert {c: t for (k, c), t in items.items() if k == ItemKind.FORM} == FORMS
    solutions = {c: t for (k, c), t in items.items() if k == ItemKind.SOLUTION}
    assert sorted(solutions) == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    for code, start in SOLUTION_STARTS.items():
        assert solutions[code].startswith(start)


def test_funding_sources_of_section_iv(demo_plan):
    sources = list(FundingSource.objects.filter(plan=demo_plan))
    assert [s.code for s in sources] == ["1", "2", "3"]
    assert sources[0].text.startswith(
        "Ngân sách nhà nước bố trí nguồn kinh phí từ Tiểu dự án 1 "
        "thuộc Dự án 6 - Truyền thông và giảm nghèo về thông tin"
    )
    assert sources[1].text.startswith("Huy động hiệu quả các nguồn lực hợp pháp")
    assert sources[2].text == (
        "Khuyến khích các doanh nghiệp, đơn vị sự nghiệp công lập, báo "
        "chí, đài phát thanh, truyền hình tham gia các hoạt động truyền "
        "thông, tuyên truyền về giảm nghèo bền vững."
    )


def test_every_assignment_of_section_v(demo_plan):
    rows = [
        (a.code, a.heading, a.role, len(a.task_lines))
        for a in Assignment.objects.filter(plan=demo_plan)
    ]
    assert rows == ASSIGNMENTS
    lead = Assignment.objects.get(plan=demo_plan, code="1")
    assert lead.task_lines[-1] == (
        "- Tổ chức triển khai, theo dõi, đôn đốc, kiểm tra thực hiện "
        "Kế hoạch; tổng hợp, báo cáo UBND tỉnh theo quy định."
    )
    front = Assignment.objects.get(plan=demo_plan, code="6")
    assert front.task_lines[1].endswith(
        'gắn với phong trào thi đua "Vì người nghèo - Không để ai bị bỏ lại phía sau".'
    )


def test_closing_names_the_deadline(demo_plan):
    closing = demo_plan.closing.splitlines()
    assert len(closing) == 2
    assert "Trước ngày 15/11/2023, báo cáo kết quả thực hiện đến Sở Lao động" in closing[0]
    assert closing[1].endswith("báo cáo Chủ tịch UBND tỉnh xem xét, chỉ đạo./.")


def test_load_is_idempotent(demo_plan):
    counts = (
        Plan.objects.count(),
        PlanItem.objects.count(),
        Assignment.objects.count(),
        FundingSource.objects.count(),
    )
    out = io.StringIO()
    again = load_demo_plan(stdout=out)
    assert again == demo_plan
    assert (
        (
            Plan.objects.count(),
            PlanItem.objects.count(),
            Assignment.objects.count(),
            FundingSource.objects.count(),
        )
        == counts
        == (1, 15, 6, 3)
    )
    assert out.getvalue() == "Kế hoạch năm 2023: đã có, không tạo lại.\n"


def test_parser_keeps_every_block_of_the_seed():
    from giamngheo.planning.seed import seed_blocks

    seed = parse_seed_plan()
    placed = (
        1
        + len(seed.purposes)
        + len(seed.requirements)
        + 1
        + 2
        + len(seed.contents)
        + len(seed.forms)
        + len(seed.solutions)
        + len(seed.funding)
        + sum(1 + len(tasks) for _c, _h, tasks in seed.assignments)
        + len(seed.closing)
        + len(seed.recipients)
        + 3
    )
    headings = 5 + 2 + 2 + 3  # I–V, I.1–2, II.1–2, III.1–3
    assert placed + headings + 1 == len(seed_blocks())  # + the "Nơi nhận:" line


def test_links_the_demo_organisations(db):
    from giamngheo.organisations.demo import load_demo_organisations

    load_demo_organisations()
    plan = load_demo_plan()
    names = {
        a.code: sorted(o.short_name for o in a.organisations.all())
        for a in plan.assignments.prefetch_related("organisations")
    }
    assert names["1"] == ["Sở LĐTBXH"]
    assert names["2"] == ["Sở TT&TT"]
    assert names["5"] == ["Báo Bắc Giang", "Đài PT-TH tỉnh"]
    assert names["6"] == ["Ủy ban MTTQ tỉnh"]
    # Ten district committees and the commune the demo has an officer for (issue 13 item 11).
    assert len(names["4"]) == 11 and all(n.startswith("UBND ") for n in names["4"])
    assert "UBND xã Tân Sỏi" in names["4"]
    assert "Sở LĐTBXH" not in names["3"] and "Sở Y tế" in names["3"]
    assert plan.issuing_body.name == "Ủy ban nhân dân tỉnh Bắc Giang"


def test_organisations_loaded_after_the_plan_are_linked_on_the_next_run(db):
    from giamngheo.organisations.demo import load_demo_organisations

    plan = load_demo_plan()
    assert plan.issuing_body is None
    assert not Assignment.objects.filter(plan=plan, organisations__isnull=False).exists()
    load_demo_organisations()
    load_demo_plan()
    plan.refresh_from_db()
    assert plan.issuing_body.name == "Ủy ban nhân dân tỉnh Bắc Giang"
    linked = Assignment.objects.filter(plan=plan, organisations__isnull=False).distinct()
    assert linked.count() == 6
