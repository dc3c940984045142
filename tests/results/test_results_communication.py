"""The overview's communication results (through reporting.selectors.communication_results):
exact figures per form, content and funding source, and queries constant in activities."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.planning.conftest import make_activity, make_subplan, pworld  # noqa: F401

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


def test_overview_shows_activities_outputs_and_budget_by_source(
    page_with_plan,
    make_subplan,  # noqa: F811
    make_activity,  # noqa: F811
):
    subplan = make_subplan("D1")
    make_activity(subplan)
    make_activity(subplan, title="Phóng sự", outputs={"article": 2})
    html = _html()
    assert "Kết quả thực hiện kế hoạch truyền thông" in html
    assert '<span class="kpi-value">2</span>' in html
    assert '<span class="kpi-value">9.000.000</span>' in html
    assert "dự kiến 10.000.000 đồng" in html
    assert (
        '<th scope="row" class="label-cell">2.1. Truyền thông đại chúng.</th> <td>2</td> '
        "<td>10.000.000</td> <td>9.000.000</td>"
    ) in html
    assert (
        '<th scope="row" class="label-cell">1. Ngân sách nhà nước</th> <td>2</td> '
        "<td>10.000.000</td> <td>9.000.000</td>"
    ) in html
    assert '<th scope="row" class="label-cell">Tin, bài</th> <td>5</td>' in html


def test_overview_queries_do_not_grow_with_activities(
    page_with_plan,
    make_subplan,  # noqa: F811
    make_activity,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from giamngheo.core.cache import purge_page_cache

    subplan = make_subplan("D1")
    make_activity(subplan)
    client = Client()
    client.get("/ket-qua/")
    purge_page_cache()
    with CaptureQueriesContext(connection) as one:
        client.get("/ket-qua/")
    make_activity(subplan, title="Hai")
    make_activity(subplan, title="Ba")
    purge_page_cache()
    with CaptureQueriesContext(connection) as three:
        html = _html(client)
    assert '<span class="kpi-value">3</span>' in html
    assert len(one.captured_queries) == len(three.captured_queries)
