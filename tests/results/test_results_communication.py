"""The overview's communication results read the approved reports only (issue 13 item 2,
through reporting.selectors.approved_results): a draft, a report sent but not yet reviewed and
the activities an officer is still entering never reach the public page; the source is named;
queries constant in the number of reports."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from giamngheo.reporting import services
from tests.planning.conftest import make_activity, make_subplan, pworld  # noqa: F401
from tests.reporting.conftest import fill, rworld, start  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_plan(portal, units, pworld):  # noqa: F811
    from giamngheo.portal.services import create_page
    from giamngheo.results.models import ResultsIndexPage

    return create_page(
        parent=portal["home"],
        page=ResultsIndexPage(
            title="Kết quả thực hiện chương trình",
            slug="ket-qua",
            unit=units["P"],
            plan=pworld.plan,
        ),
    )


def _html(client=None) -> str:
    response = (client or Client()).get("/ket-qua/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _report(rworld, start, org_key, officer, *, approve):  # noqa: F811
    users = rworld.users
    submission = fill(start(org_key, actor_key=officer), users[officer])
    submission = services.submit_submission(submission=submission, actor=users[officer])
    if approve:
        services.approve_submission(submission=submission, actor=users["province_admin"])


def test_overview_shows_only_the_approved_reports(
    page_with_plan,
    rworld,  # noqa: F811
    start,  # noqa: F811
    make_subplan,  # noqa: F811
    make_activity,  # noqa: F811
):
    _report(rworld, start, "D1", "district_officer", approve=True)
    # Entered after the approved report, a report sent and not reviewed, a draft.
    make_activity(rworld.activity.subplan, title="Hoạt động nhập sau báo cáo")
    make_activity(make_subplan("D2"), title="Hoạt động của huyện H2", outputs={"article": 7})
    _report(rworld, start, "D2", "other_district_officer", approve=False)
    fill(start("C1a", actor_key="commune_officer"), rworld.users["commune_officer"])
    html = _html()
    assert (
        "Số liệu tổng hợp từ 1 báo cáo đã được duyệt của biểu “Kết quả truyền thông năm 2023” "
        "(kỳ Năm 2023)"
    ) in html
    assert '<span class="kpi-value">1</span>' in html
    assert '<span class="kpi-value">4.500.000</span>' in html
    assert "dự kiến 5.000.000 đồng" in html
    assert (
        '<th scope="row" class="label-cell">2.1. Truyền thông đại chúng</th> <td>1</td> '
        "<td>—</td> <td>—</td>"
    ) in html
    assert (
        '<th scope="row" class="label-cell">1. Ngân sách nhà nước</th> <td>—</td> '
        "<td>5.000.000</td> <td>4.500.000</td>"
    ) in html
    assert '<th scope="row" class="label-cell">Tin, bài</th> <td>3</td>' in html


def test_overview_without_an_approved_report_shows_no_figure(
    page_with_plan,
    rworld,  # noqa: F811
    start,  # noqa: F811
):
    _report(rworld, start, "D1", "district_officer", approve=False)
    html = _html()
    assert "Chưa có báo cáo nào được duyệt." in html
    assert "kpi-value" not in html.split('id="truyen-thong"')[1].split("</section>")[0]


def test_overview_queries_do_not_grow_with_reports(
    page_with_plan,
    rworld,  # noqa: F811
    start,  # noqa: F811
):
    from giamngheo.core.cache import purge_page_cache

    _report(rworld, start, "D1", "district_officer", approve=True)
    client = Client()
    client.get("/ket-qua/")
    purge_page_cache()
    with CaptureQueriesContext(connection) as one:
        client.get("/ket-qua/")
    _report(rworld, start, "D2", "other_district_officer", approve=True)
    _report(rworld, start, "C1a", "commune_officer", approve=True)
    purge_page_cache()
    with CaptureQueriesContext(connection) as three:
        html = _html(client)
    assert "Số liệu tổng hợp từ 3 báo cáo đã được duyệt" in html
    assert len(one.captured_queries) == len(three.captured_queries)
