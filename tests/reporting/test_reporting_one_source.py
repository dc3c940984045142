"""The consolidated report takes every figure from one source, named in it: the approved
reports of the period (issue 13 item 2). Section 1 and its tables agree; a report sent but not
reviewed, a draft and the activities entered after the report never reach the official text;
a plan item's heading is printed whole, never cut inside a word."""

from __future__ import annotations

import io

import pytest
from docx import Document

from giamngheo.planning.models import PlanItem
from giamngheo.reporting import documents, services
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

LONG = (
    "Tập huấn, bồi dưỡng nghiệp vụ truyền thông lĩnh vực giảm nghèo đối với đội ngũ cán bộ "
    "làm công tác giảm nghèo ở cơ sở và các thôn, bản đặc biệt khó khăn"
)


@pytest.fixture
def mixed(rworld, start, make_subplan, make_activity):
    """H1's report approved (1 activity: 3 articles, 5.000.000 đ planned, 4.500.000 đ spent);
    then H1 enters a second activity, H2 enters one and sends its report, not yet reviewed,
    and the commune keeps a draft."""
    users = rworld.users
    d1 = fill(start("D1", actor_key="district_officer"), users["district_officer"])
    d1 = services.submit_submission(submission=d1, actor=users["district_officer"])
    services.approve_submission(submission=d1, actor=users["province_admin"])
    make_activity(rworld.activity.subplan, title="Hoạt động nhập sau báo cáo")
    make_activity(make_subplan("D2"), title="Hoạt động của huyện H2", outputs={"article": 7})
    d2 = fill(start("D2", actor_key="other_district_officer"), users["other_district_officer"])
    services.submit_submission(submission=d2, actor=users["other_district_officer"])
    fill(start("C1a", actor_key="commune_officer"), users["commune_officer"])
    return rworld


def _document(period):
    return Document(io.BytesIO(documents.build_consolidated_docx(period)))


def _table(document, first_header: str, second_header: str) -> list[list[str]]:
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:2] == [first_header, second_header]:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table {first_header} / {second_header}")


def test_section_figures_equal_the_table_and_exclude_unreviewed_reports(mixed):
    document = _document(mixed.period)
    texts = [p.text for p in document.paragraphs if p.text]
    assert (
        "Số liệu tổng hợp từ các báo cáo đã được duyệt của kỳ năm 2023: 1/3 cơ quan, đơn vị; "
        "1 báo cáo đã gửi, chưa được duyệt, chưa được tổng hợp."
    ) in texts
    assert (
        "Các cơ quan, đơn vị đã thực hiện 1 hoạt động truyền thông, kinh phí đã chi "
        "4.500.000 đồng/5.000.000 đồng dự kiến (90%)."
    ) in texts
    assert "2.1. Truyền thông đại chúng: 1 hoạt động; tin, bài: 3." in texts
    assert "2.4. Tập huấn: 0 hoạt động." in texts
    figures = _table(document, "TT", "Chỉ tiêu")
    assert ["1", "Số hoạt động", "2.1. Truyền thông đại chúng", "", "1"] in figures
    assert ["", "", "2.4. Tập huấn", "", "0"] in figures
    assert ["2", "Số tin, bài", "2.1. Truyền thông đại chúng", "", "3"] in figures
    funding = _table(document, "TT", "Nguồn kinh phí")
    assert funding[1:] == [
        ["1", "Ngân sách nhà nước", "5.000.000", "4.500.000", "90%"],
        ["2", "Xã hội hóa", "0", "0", "0%"],
        ["", "Tổng cộng", "5.000.000", "4.500.000", ""],
    ]
    assert (
        "- Đã gửi, chưa được duyệt, chưa tổng hợp số liệu (1): Ủy ban nhân dân huyện H2."
    ) in texts
    assert "Tổng kinh phí đã chi 4.500.000 đồng, đạt 90% kinh phí dự kiến." in texts


def test_a_long_item_heading_is_printed_whole(mixed):
    PlanItem.objects.filter(plan=mixed.dataset.plan, code="2.4").update(text=LONG + ".")
    document = _document(mixed.period)
    texts = [p.text for p in document.paragraphs if p.text]
    assert f"2.4. {LONG}: 0 hoạt động." in texts
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert f"2.4. {LONG}" in cells
    assert not any("…" in text for text in [*texts, *cells])
