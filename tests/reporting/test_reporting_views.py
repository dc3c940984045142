"""The reporting admin screens over HTTP: a unit's report (open, enter, correct, send), the
lead department's review, completeness with the reminder action and the roll-up; outsiders get
404; screens keep a constant number of queries at 1 and 3 rows."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reporting.conftest import fill, local

pytestmark = pytest.mark.django_db


def _client(rworld, key) -> Client:
    client = Client()
    client.force_login(rworld.users[key])
    return client


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_officer_opens_a_report_prefilled_from_activities(rworld):
    client = _client(rworld, "district_officer")
    url = reverse("bao-cao-don-vi:add")
    page = client.get(url)
    assert page.status_code == 200
    assert "Kết quả truyền thông năm 2023 — Năm 2023" in _text(page)
    # Only organisations in the officer's scope are offered.
    assert "Ủy ban nhân dân huyện H2" not in _text(page)
    response = client.post(
        url, {"period": rworld.period.pk, "organisation": rworld.orgs["D1"].pk}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/admin/bao-cao/bao-cao-don-vi/edit/")
    body = _text(response)
    assert 'id="id_value-TT.TIN-2.1"' in body
    assert re.search(r'id="id_value-TT.KPDK-1"\s+value="5.000.000"', body)
    assert 'id="id_version" value="2"' in body


def test_a_single_period_and_organisation_come_chosen(rworld):
    """Issue 13 item 13: the commune officer reports for one body in one period; both come
    chosen. The district officer has two bodies to report for (the district and its commune),
    so only the period does."""
    url = reverse("bao-cao-don-vi:add")
    commune = _text(_client(rworld, "commune_officer").get(url))
    assert f'<option value="{rworld.period.pk}" selected>' in commune
    assert f'<option value="{rworld.orgs["C1a"].pk}" selected>' in commune
    district = _text(_client(rworld, "district_officer").get(url))
    assert f'<option value="{rworld.period.pk}" selected>' in district
    select = district.split('id="id_organisation"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="(\d*)"( selected)?>', select)
    assert offered[0] == ("", " selected")  # "— Chọn cơ quan, đơn vị —": nothing chosen
    assert sorted(pk for pk, selected in offered[1:] if not selected) == sorted(
        str(rworld.orgs[key].pk) for key in ("D1", "C1a")
    )


def test_officer_cannot_open_a_report_for_a_foreign_organisation(rworld):
    client = _client(rworld, "district_officer")
    response = client.post(
        reverse("bao-cao-don-vi:add"),
        {"period": rworld.period.pk, "organisation": rworld.orgs["D2"].pk},
    )
    assert response.status_code == 400
    assert "Cơ quan, đơn vị nằm ngoài phạm vi của bạn." in _text(response)


def _post(client, submission, values, **extra):
    data = {"version": submission.version, "action": "save", "note": ""}
    data.update({f"value-{k}": v for k, v in values.items()})
    data.update(extra)
    return client.post(reverse("bao-cao-don-vi:edit", args=[submission.pk]), data)


def test_bad_input_gives_field_errors_and_saves_nothing(rworld, start):
    submission = start("D1", actor_key="district_officer")
    client = _client(rworld, "district_officer")
    response = _post(
        client,
        submission,
        {"TT.NGUOI": "-3", "TT.TYLE": "40", "TT.KPDC-1": "9.000.000"},
    )
    assert response.status_code == 400
    body = _text(response)
    assert "Giá trị không được âm." in body
    assert "Hãy nêu lý do điều chỉnh số liệu đã lấy từ hoạt động (4.500.000)." in body
    assert 'aria-invalid="true"' in body
    submission.refresh_from_db()
    assert submission.version == 2
    assert not submission.values.filter(indicator__code="TT.TYLE").exists()


def test_save_then_send_and_the_lead_department_is_mailed(
    rworld, start, django_capture_on_commit_callbacks
):
    submission = start("D1", actor_key="district_officer")
    client = _client(rworld, "district_officer")
    with django_capture_on_commit_callbacks(execute=True):  # the notice leaves after commit
        response = _post(
            client,
            submission,
            {"TT.NGUOI": "1.200", "TT.TYLE": "87,5", "TT.GHICHU": "Không có"},
            action="submit",
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert submission.values.get(indicator__code="TT.NGUOI").value == 1200
    assert [m.to for m in mail.outbox] == [["province_admin@example.vn"]]
    page = client.get(reverse("bao-cao-don-vi:edit", args=[submission.pk]))
    assert "Đã gửi báo cáo đến cơ quan thường trực." in _messages(page)
    assert 'id="btn-save"' not in _text(page)  # a sent report is read-only for the unit


def test_stale_form_is_told_to_reload_and_nothing_overwritten(rworld, start):
    submission = start("D1", actor_key="district_officer")
    officer = _client(rworld, "district_officer")
    admin = _client(rworld, "province_admin")
    assert _post(admin, submission, {"TT.NGUOI": "500"}).status_code == 302
    response = _post(officer, submission, {"TT.NGUOI": "700"})  # rendered at version 2
    assert response.status_code == 409
    assert "Báo cáo đã được người khác cập nhật, vui lòng tải lại trang." in _text(response)
    assert re.search(r'id="id_value-TT.NGUOI"\s+value="500"', _text(response))
    assert 'id="id_version" value="3"' in _text(response)
    assert submission.values.get(indicator__code="TT.NGUOI").value == 500


def test_lead_department_approves_and_returns(rworld, start):
    officer = rworld.users["district_officer"]
    from giamngheo.reporting import services

    submission = fill(start("D1", actor_key="district_officer"), officer)
    submission = services.submit_submission(submission=submission, actor=officer)
    url = reverse("reporting_submission_transition", args=[submission.pk])
    # The unit itself sees no review buttons and cannot approve.
    page = _client(rworld, "district_officer").get(
        reverse("bao-cao-don-vi:edit", args=[submission.pk])
    )
    assert 'id="btn-approve"' not in _text(page)
    _client(rworld, "district_officer").post(url, {"to": "approved"})
    submission.refresh_from_db()
    assert submission.status == "submitted"
    admin = _client(rworld, "province_admin")
    page = admin.get(reverse("bao-cao-don-vi:edit", args=[submission.pk]))
    assert 'id="btn-approve"' in _text(page) and 'id="btn-return"' in _text(page)
    response = admin.post(url, {"to": "returned", "reason": "", "version": submission.version})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "submitted"
    admin.post(
        url, {"to": "returned", "reason": "Bổ sung minh chứng.", "version": submission.version}
    )
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == ("returned", "Bổ sung minh chứng.")
    assert admin.get(url).status_code == 405  # state never changes on GET


def test_evidence_upload_and_download_through_the_scope(rworld, start):
    submission = start("D1", actor_key="district_officer")
    client = _client(rworld, "district_officer")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client.post(
        reverse("reporting_submission_evidence", args=[submission.pk]),
        {"evidence_title": "Biên bản", "evidence_file": SimpleUploadedFile("b.pdf", pdf)},
    )
    evidence = submission.evidence.get()
    url = reverse("reporting_download_evidence", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf
    assert _client(rworld, "other_district_officer").get(url).status_code == 404
    bad = client.post(
        reverse("reporting_submission_evidence", args=[submission.pk]),
        {"evidence_title": "Mã độc", "evidence_file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
        follow=True,
    )
    assert any("Loại tệp không được chấp nhận" in m for m in _messages(bad))
    assert submission.evidence.count() == 1


def test_completeness_screen_and_reminder_action(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Submission

    for key, actor, when in (
        ("D1", "district_officer", local(2023, 11, 10, 8)),
        ("D2", "other_district_officer", local(2023, 11, 16, 8)),
    ):
        sub = fill(start(key, actor_key=actor), rworld.users[actor])
        services.submit_submission(submission=sub, actor=rworld.users[actor])
        Submission.objects.filter(pk=sub.pk).update(submitted_at=when)
    url = reverse("reporting_completeness", args=[rworld.dataset.pk, rworld.period.pk])
    admin = _client(rworld, "province_admin")
    page = admin.get(url)
    body = _text(page)
    assert "Đã báo cáo 2/3, đúng hạn 1, muộn 1, chưa báo cáo 1." in body
    assert "Tỷ lệ đầy đủ 66,7%, đúng hạn 33,3%; hạn báo cáo 15/11/2023." in body
    assert re.search(r'<ul id="missing-list">\s*<li>Ủy ban nhân dân xã C1a</li>', body)
    # The consolidated documents offered by document_views are linked from the screen.
    from giamngheo.reporting.admin.common import document_links

    links = document_links(dataset_pk=rworld.dataset.pk, period_pk=rworld.period.pk)
    assert links
    for _label, href in links:
        assert f'href="{href}"' in body
    mail.outbox.clear()
    remind = reverse("reporting_remind", args=[rworld.dataset.pk, rworld.period.pk])
    assert admin.get(remind).status_code == 405
    response = admin.post(remind, follow=True)
    assert "Đã gửi nhắc báo cáo đến 1 cơ quan, đơn vị chưa báo cáo." in _messages(response)
    assert [m.to for m in mail.outbox] == [["commune_officer@example.vn"]]
    # Not the lead department: no completeness screen, no reminders.
    officer = _client(rworld, "district_officer")
    assert officer.get(url).status_code == 404
    assert officer.post(remind).status_code == 404


def test_rollup_screen(rworld, start):
    from giamngheo.reporting import services

    for key, actor in (("D1", "district_officer"), ("C1a", "commune_officer")):
        sub = fill(start(key, actor_key=actor), rworld.users[actor])
        services.submit_submission(submission=sub, actor=rworld.users[actor])
    url = reverse("reporting_rollup", args=[rworld.dataset.pk, rworld.period.pk])
    response = _client(rworld, "province_admin").get(url, {"chi_tieu": "TT.NGUOI"})
    body = _text(response)
    assert re.search(r"Tỉnh Thử Nghiệm\s*</th>\s*<td>200</td>\s*<td>2</td>", body)
    assert re.search(r"— — Xã C1a\s*</th>\s*<td>100</td>", body)
    today = _client(rworld, "province_admin").get(url, {"chi_tieu": "TT.NGUOI", "hien_nay": "1"})
    assert today.status_code == 200


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_screens_keep_constant_queries_at_1_and_3_rows(rworld, start):
    from giamngheo.reporting import services

    admin = _client(rworld, "province_admin")
    officers = {"D1": "district_officer", "D2": "other_district_officer", "C1a": "commune_officer"}
    urls = {
        "list": reverse("bao-cao-don-vi:index"),
        "completeness": reverse(
            "reporting_completeness", args=[rworld.dataset.pk, rworld.period.pk]
        ),
        "rollup": reverse("reporting_rollup", args=[rworld.dataset.pk, rworld.period.pk])
        + "?chi_tieu=TT.NGUOI",
        "datasets": reverse("bieu-bao-cao:index"),
    }
    counts = {}
    for size, keys in ((1, ["D1"]), (3, ["D2", "C1a"])):
        for key in keys:
            sub = fill(start(key, actor_key=officers[key]), rworld.users[officers[key]])
            services.submit_submission(submission=sub, actor=rworld.users[officers[key]])
        _count(admin, urls["list"])  # warm per-process caches (menus, content types)
        counts[size] = {name: _count(admin, url) for name, url in urls.items()}
    assert counts[1] == counts[3], counts
    edit = reverse("bao-cao-don-vi:edit", args=[sub.pk])
    assert _count(admin, edit) < 40


def test_outsiders_get_nothing(rworld, start):
    submission = start("D1", actor_key="district_officer")
    urls = [
        reverse("bao-cao-don-vi:edit", args=[submission.pk]),
        reverse("bao-cao-don-vi:inspect", args=[submission.pk]),
        reverse("reporting_submission_prefill", args=[submission.pk]),
    ]
    others = [
        reverse("bao-cao-don-vi:history", args=[submission.pk]),
        reverse("bao-cao-don-vi:usage", args=[submission.pk]),
        reverse("bao-cao-don-vi:delete", args=[submission.pk]),
    ]
    for key in ("other_district_officer", "commune_officer"):
        client = _client(rworld, key)
        for url in urls[:2]:
            assert client.get(url).status_code == 404, (key, url)
        assert client.post(urls[2]).status_code == 404
        for url in others:
            response = client.get(url)
            # Fetched through the scoped getter before any permission: not found.
            assert response.status_code == 404, (key, url, response.status_code)
            assert "Năm 2023" not in response.content.decode(), (key, url)
        response = client.post(
            reverse("reporting_submission_transition", args=[submission.pk]), {"to": "submitted"}
        )
        assert response.status_code == 404
    anonymous = Client().get(urls[0])
    assert anonymous.status_code == 302
