"""Issue 13 item 12: the admin home shows "Việc cần làm" per role — feedback overdue, reports
due or returned, sub-plans waiting for approval — each a count linking to the filtered list,
in a number of queries that does not grow with the rows."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.core.dashboard import todos_for
from giamngheo.planning import services as planning
from giamngheo.reporting import services as reporting
from tests.factories import FeedbackFactory, SubPlanFactory

from .conftest import fill


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def _todos(user) -> dict[str, tuple[int, str]]:
    return {str(t.label): (t.count, t.url) for t in todos_for(user=user)}


def test_officer_sees_the_report_due_then_returned(rworld, start):
    officer = rworld.users["district_officer"]
    admin = rworld.users["province_admin"]
    reports = reverse("bao-cao-don-vi:index")
    # D1 owes the 2023 report (C1a is in reach but reports for itself).
    assert _todos(officer)["báo cáo đến hạn chưa gửi"] == (1, reverse("bieu-bao-cao:index"))
    submission = fill(start("D1", actor_key="district_officer"), officer)
    reporting.submit_submission(submission=submission, actor=officer)
    assert "báo cáo đến hạn chưa gửi" not in _todos(officer)
    assert _todos(admin)["báo cáo chờ duyệt"] == (1, f"{reports}?status=submitted")
    reporting.return_submission(
        submission=submission, actor=admin, reason="Thiếu số liệu kinh phí."
    )
    assert _todos(officer)["báo cáo bị trả lại, cần hoàn thiện"] == (
        1,
        f"{reports}?status=returned",
    )
    page = _home(officer)
    assert "Việc cần làm" in page
    assert f'href="{reports}?status=returned"' in page


def test_admin_sees_sub_plans_waiting_and_overdue_feedback(rworld):
    admin = rworld.users["province_admin"]
    officer = rworld.users["district_officer"]
    subplan = rworld.p.plan.subplans.get(organisation=rworld.orgs["D1"])
    planning.submit_subplan(subplan=subplan, actor=officer)
    FeedbackFactory(unit=rworld.p.units["C1a"])  # received 10/05/2023: long overdue
    todos = _todos(admin)
    index = reverse("ke-hoach-cu-the:index")
    assert todos["kế hoạch cụ thể chờ phê duyệt"] == (1, f"{index}?status=submitted")
    assert todos["phản ánh, kiến nghị quá hạn xử lý"] == (
        1,
        reverse("phan-anh:index") + "?overdue=true",
    )
    # The officer approves nothing: no approval count for them.
    assert "kế hoạch cụ thể chờ phê duyệt" not in _todos(officer)
    page = _home(admin)
    assert f'href="{index}?status=submitted"' in page
    # The filtered list holds exactly that sub-plan.
    client = Client()
    client.force_login(admin)
    listing = client.get(f"{index}?status=submitted").content.decode()
    assert subplan.title in listing


def test_todos_take_the_same_queries_whatever_the_rows(rworld):
    admin = rworld.users["province_admin"]
    officer = rworld.users["district_officer"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            todos_for(user=admin)
        return len(ctx.captured_queries)

    FeedbackFactory(unit=rworld.p.units["C1a"])
    first = rworld.p.plan.subplans.get(organisation=rworld.orgs["D1"])
    planning.submit_subplan(subplan=first, actor=officer)
    count()  # warm: per-request memos (the user's roles, today's calendar) filled once
    one = count()
    for key in ("D2", "C1a", "C2a"):
        planning.submit_subplan(
            subplan=SubPlanFactory(
                actor=admin, plan=rworld.p.plan, organisation=rworld.orgs[key], title=f"KH {key}"
            ),
            actor=admin,
        )
        FeedbackFactory(unit=rworld.p.units["C1a"])
    assert _todos(admin)["kế hoạch cụ thể chờ phê duyệt"][0] == 4
    assert count() == one
