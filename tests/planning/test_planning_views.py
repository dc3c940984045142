"""Admin views of the planning app: document download, sub-plan forms through the services."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.planning import services
from giamngheo.planning.enums import SubPlanStatus
from giamngheo.planning.models import SubPlan


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["province_admin", "commune_officer"])
def test_staff_download_the_plan_as_docx(pworld, role):
    url = reverse("planning_download_plan_docx", args=[pworld.plan.pk])
    response = _client(pworld.users[role]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="ke-hoach-2023-{pworld.plan.pk}.docx"'
    )
    assert response.content.startswith(b"PK")


@pytest.mark.parametrize("pk_offset", [0, 1, -1])
def test_outsider_and_anonymous_cannot_download(pworld, pk_offset):
    url = reverse("planning_download_plan_docx", args=[pworld.plan.pk + pk_offset])
    outsider = _client(pworld.users["outsider"]).get(url)  # no admin access: to sign-in
    assert outsider.status_code == 302 and "/admin/login/" in outsider["Location"]
    anonymous = _client().get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_officer_files_a_subplan_from_the_admin(pworld):
    client = _client(pworld.users["district_officer"])
    response = client.post(
        reverse("ke-hoach-cu-the:add"),
        {
            "plan": pworld.plan.pk,
            "organisation": pworld.orgs["D1"].pk,
            "title": "Kế hoạch truyền thông huyện H1 năm 2023",
            "summary": "Tọa đàm, tin bài.",
        },
    )
    assert response.status_code == 302
    subplan = SubPlan.objects.get()
    assert (subplan.organisation, subplan.status, subplan.created_by) == (
        pworld.orgs["D1"],
        SubPlanStatus.DRAFT,
        pworld.users["district_officer"],
    )


def test_officer_cannot_file_for_a_foreign_organisation(pworld):
    client = _client(pworld.users["district_officer"])
    response = client.post(
        reverse("ke-hoach-cu-the:add"),
        {
            "plan": pworld.plan.pk,
            "organisation": pworld.orgs["D2"].pk,
            "title": "Của huyện khác",
        },
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert SubPlan.objects.count() == 0


def test_editing_a_submitted_subplan_is_a_form_error(pworld, make_subplan):
    officer = pworld.users["district_officer"]
    subplan = make_subplan("D1", actor_key="district_officer")
    services.submit_subplan(subplan=subplan, actor=officer)
    response = _client(officer).post(
        reverse("ke-hoach-cu-the:edit", args=[subplan.pk]),
        {
            "plan": pworld.plan.pk,
            "organisation": pworld.orgs["D1"].pk,
            "title": "Sửa sau khi gửi",
        },
    )
    assert response.status_code == 200
    assert "Kế hoạch cụ thể đã gửi hoặc đã phê duyệt, không thể sửa." in response.content.decode()
    subplan.refresh_from_db()
    assert subplan.title == "Kế hoạch cụ thể của D1"


def test_subplan_list_shows_totals_without_foreign_rows(pworld, make_subplan, make_activity):
    make_activity(make_subplan("D1"))
    make_activity(
        make_subplan("D2"),
        title="Hoạt động huyện H2",
        start_date=date(2023, 6, 1),
        end_date=date(2023, 6, 2),
    )
    body = (
        _client(pworld.users["district_officer"])
        .get(reverse("ke-hoach-cu-the:index"))
        .content.decode()
    )
    assert "Kế hoạch cụ thể của D1" in body
    assert "Kế hoạch cụ thể của D2" not in body
    activities = (
        _client(pworld.users["district_officer"]).get(reverse("hoat-dong:index")).content.decode()
    )
    assert "Tọa đàm trên sóng phát thanh" in activities
    assert "Hoạt động huyện H2" not in activities


def _transition(client, subplan, to, reason=""):
    return client.post(
        reverse("planning_subplan_transition", args=[subplan.pk]), {"to": to, "reason": reason}
    )


def test_subplan_transitions_from_the_inspect_page(pworld, make_subplan):
    officer, admin = pworld.users["district_officer"], pworld.users["province_admin"]
    subplan = make_subplan("D1", actor_key="district_officer")
    page = _client(officer).get(reverse("ke-hoach-cu-the:inspect", args=[subplan.pk]))
    body = page.content.decode()
    assert "Gửi cơ quan thường trực" in body and "Phê duyệt" not in body
    response = _transition(_client(officer), subplan, "submitted")
    assert response.status_code == 302
    assert response["Location"] == reverse("ke-hoach-cu-the:inspect", args=[subplan.pk])
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.SUBMITTED
    refused = _transition(_client(officer), subplan, "approved")
    # The admin's 403 page, with the service's reason.
    assert refused.status_code == 403
    assert "Chỉ cơ quan thường trực được phê duyệt hoặc trả lại." in refused.content.decode()
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.SUBMITTED
    page = _client(admin).get(reverse("ke-hoach-cu-the:inspect", args=[subplan.pk]))
    assert "Phê duyệt" in page.content.decode()
    response = _transition(_client(admin), subplan, "returned")  # no reason
    assert response.status_code == 302
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.SUBMITTED
    _transition(_client(admin), subplan, "returned", reason="Thiếu dự toán.")
    subplan.refresh_from_db()
    assert (subplan.status, subplan.return_reason) == ("returned", "Thiếu dự toán.")
    page = _client(officer).get(reverse("ke-hoach-cu-the:inspect", args=[subplan.pk]))
    assert "Thiếu dự toán." in page.content.decode()


def test_transition_refused_to_outsiders_and_on_get(pworld, make_subplan):
    subplan = make_subplan("D2")
    url = reverse("planning_subplan_transition", args=[subplan.pk])
    assert (
        _transition(_client(pworld.users["district_officer"]), subplan, "submitted").status_code
        == 404
    )
    assert _transition(_client(pworld.users["outsider"]), subplan, "submitted").status_code in {
        302,
        403,
        404,
    }
    assert _client(pworld.users["province_admin"]).get(url).status_code == 405
    assert _transition(_client(pworld.users["province_admin"]), subplan, "bogus").status_code == 404
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.DRAFT


def test_subplan_export_neutralises_formulas(pworld):
    services.create_subplan(
        actor=pworld.users["province_admin"],
        plan=pworld.plan,
        organisation=pworld.orgs["D1"],
        title='=HYPERLINK("http://example.invalid","Bấm vào")',
    )
    response = _client(pworld.users["province_admin"]).get(
        reverse("ke-hoach-cu-the:index") + "?export=csv"
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(" in body
    assert "\n=HYPERLINK(" not in body and ",=HYPERLINK(" not in body


def _activity_post(pworld, subplan, **overrides):
    data = {
        "subplan": subplan.pk,
        "title": "Tọa đàm “Chung tay vì người nghèo” trên sóng phát thanh huyện",
        "description": "",
        "form": pworld.items["2.1"].pk,
        "contents": [pworld.items["1.1"].pk, pworld.items["1.2"].pk],
        "units": [pworld.units["C1a"].pk],
        "start_date": "2023-04-10",
        "end_date": "2023-04-10",
        "status": "done",
        f"planned_{pworld.sources['1'].pk}": "12000000",
        f"spent_{pworld.sources['1'].pk}": "11500000",
        "output_broadcast": "2",
        "output_article": "",
        "evidence_title": "Bài đăng trên cổng thông tin huyện",
        "evidence_url": "https://lucngan.bacgiang.gov.vn/bai-viet",
    }
    data.update(overrides)
    return data


def test_officer_records_an_activity_with_budget_outputs_and_evidence(pworld, make_subplan):
    officer = pworld.users["district_officer"]
    subplan = make_subplan("D1", actor_key="district_officer")
    client = _client(officer)
    assert client.get(reverse("hoat-dong:add")).status_code == 200
    response = client.post(reverse("hoat-dong:add"), _activity_post(pworld, subplan))
    assert response.status_code == 302, response.content.decode()[:2000]
    from giamngheo.planning.models import Activity

    activity = Activity.objects.get()
    assert sorted(activity.contents.values_list("code", flat=True)) == ["1.1", "1.2"]
    assert list(activity.budget_lines.values_list("planned", "spent")) == [(12_000_000, 11_500_000)]
    assert dict(activity.outputs.values_list("kind", "quantity")) == {"broadcast": 2}
    assert list(activity.evidence.values_list("kind", "url")) == [
        ("link", "https://lucngan.bacgiang.gov.vn/bai-viet")
    ]
    edit = client.post(
        reverse("hoat-dong:edit", args=[activity.pk]),
        _activity_post(pworld, subplan, output_broadcast="0", output_video="1", evidence_url=""),
    )
    assert edit.status_code == 302
    assert dict(activity.outputs.values_list("kind", "quantity")) == {"video": 1}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_date": "2024-01-05", "end_date": "2024-01-06"},
            "Ngày phải nằm trong thời gian thực hiện kế hoạch (từ 01/01/2023 đến 31/12/2023).",
        ),
        ({"units": []}, "Trường này là bắt buộc."),
    ],
)
def test_activity_form_errors_in_vietnamese_and_nothing_saved(
    pworld, make_subplan, overrides, message
):
    subplan = make_subplan("D1", actor_key="district_officer")
    response = _client(pworld.users["district_officer"]).post(
        reverse("hoat-dong:add"), _activity_post(pworld, subplan, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    from giamngheo.planning.models import Activity, BudgetLine, Evidence

    assert (Activity.objects.count(), BudgetLine.objects.count(), Evidence.objects.count()) == (
        0,
        0,
        0,
    )


def test_activity_form_refuses_negative_money(pworld, make_subplan):
    subplan = make_subplan("D1", actor_key="district_officer")
    response = _client(pworld.users["district_officer"]).post(
        reverse("hoat-dong:add"),
        _activity_post(pworld, subplan, **{f"planned_{pworld.sources['1'].pk}": "-5"}),
    )
    assert response.status_code == 200
    from giamngheo.planning.models import Activity

    assert Activity.objects.count() == 0


def test_plan_inspect_lists_items_and_download_links(pworld):
    body = (
        _client(pworld.users["commune_officer"])
        .get(reverse("ke-hoach:inspect", args=[pworld.plan.pk]))
        .content.decode()
    )
    assert reverse("planning_download_plan_docx", args=[pworld.plan.pk]) in body
    assert reverse("planning_download_plan_pdf", args=[pworld.plan.pk]) in body
    for text in (
        "1.1. Nội dung một.",
        "2.4. Tập huấn.",
        "3.1. Giải pháp một.",
        "1. Ngân sách nhà nước",
        "2. UBND huyện, xã (Phối hợp)",
    ):
        assert text in body


def test_activity_inspect_shows_money_in_vietnamese_format(pworld, make_subplan, make_activity):
    activity = make_activity(make_subplan("D1"))
    body = (
        _client(pworld.users["district_officer"])
        .get(reverse("hoat-dong:inspect", args=[activity.pk]))
        .content.decode()
    )
    assert "5.000.000" in body and "4.500.000" in body
    assert "Tin, bài: 3" in body


def test_evidence_file_only_through_the_scope_check(
    pworld, make_subplan, make_activity, settings, tmp_path
):
    import io as _io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(make_subplan("D1"))
    out = _io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="PNG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = services.add_evidence_file(
        actor=pworld.users["district_officer"],
        activity=activity,
        title="Ảnh",
        upload=SimpleUploadedFile("anh.png", out.getvalue()),
    )
    url = reverse("planning_download_evidence", args=[evidence.pk])
    own = _client(pworld.users["district_officer"]).get(url)
    assert own.status_code == 200
    assert own["X-Content-Type-Options"] == "nosniff"
    assert own["Content-Disposition"].startswith("attachment;")
    assert b"".join(own.streaming_content).startswith(b"\x89PNG")
    assert _client(pworld.users["other_district_officer"]).get(url).status_code == 404
    outsider = _client(pworld.users["outsider"]).get(url)  # no admin access: to sign-in
    assert outsider.status_code == 302 and "/admin/login/" in outsider["Location"]
    next_id = reverse("planning_download_evidence", args=[evidence.pk + 1])
    assert _client(pworld.users["district_officer"]).get(next_id).status_code == 404


def test_activity_with_nothing_recorded_is_deleted_in_scope(pworld, make_subplan, make_activity):
    from giamngheo.planning.models import Activity

    activity = make_activity(make_subplan("D1"), actor_key="district_officer", outputs={})
    url = reverse("hoat-dong:delete", args=[activity.pk])
    client = _client(pworld.users["district_officer"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("record", ["evidence", "output", "done", "submitted"])
def test_activity_with_records_is_not_deleted(pworld, make_subplan, make_activity, record):
    """Evidence, outputs, a started or finished activity, a sub-plan already sent: the activity
    is part of what the body reported and is cancelled instead (rules: delete_activity)."""
    from giamngheo.planning.enums import ActivityStatus
    from giamngheo.planning.models import Activity

    officer = pworld.users["district_officer"]
    subplan = make_subplan("D1", actor_key="district_officer")
    activity = make_activity(subplan, actor_key="district_officer", outputs={})
    if record == "evidence":
        services.add_evidence_link(
            actor=officer, activity=activity, title="Bài báo", url="https://baobacgiang.vn/a"
        )
    elif record == "output":
        services.set_activity_outputs(actor=officer, activity=activity, outputs={"article": 2})
    elif record == "done":
        Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.DONE)
    else:
        SubPlan.objects.filter(pk=subplan.pk).update(status=SubPlanStatus.SUBMITTED)
    activity.refresh_from_db()
    assert officer.has_perm("planning.delete_activity", activity) is False
    assert pworld.users["province_admin"].has_perm("planning.delete_activity", activity) is False
    url = reverse("hoat-dong:delete", args=[activity.pk])
    client = _client(officer)
    # A visible activity whose deletion the rules refuse: the admin's 403 page.
    assert client.get(url).status_code == 403
    client.post(url)
    assert Activity.objects.filter(pk=activity.pk).exists()
