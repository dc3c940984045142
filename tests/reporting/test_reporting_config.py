"""The lead department configures reporting in the admin: indicators (list, add, edit), data
sets (add, configure indicators in order with sections and the reporting organisations) and
periods, through the services; bad input gives Vietnamese field errors and saves nothing;
officers are denied every configuration URL; the indicator list keeps its query count."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.reporting.models import DataSet, DataSetIndicator, Indicator, Period

pytestmark = pytest.mark.django_db


def _client(rworld, key) -> Client:
    client = Client()
    client.force_login(rworld.users[key])
    return client


def _text(response) -> str:
    return response.content.decode()


INDICATOR = {
    "code": "TT.HOINGHI",
    "name": "Số hội nghị, tọa đàm",
    "description": "Hội nghị, tọa đàm, đối thoại chính sách.",
    "measure": "count",
    "unit_label": "cuộc",
    "aggregation": "sum",
    "disaggregation": "none",
    "prefill_source": "none",
    "prefill_key": "",
    "max_value": "",
    "legal_basis": "Kế hoạch số 123/KH-UBND",
}


def _dataset_post(rworld, **overrides) -> dict:
    data = {
        "code": "KQ-TT-2024",
        "name": "Kết quả hội nghị năm 2023",
        "description": "Số liệu hội nghị.",
        "plan": rworld.p.plan.pk,
        "period_type": "yearly",
        "due_day": "20",
        "due_month": "12",
        "due_days_after_end": "15",
        "timely_days": "2",
        "expiry_days": "30",
        "reminder_working_days": "3",
        "elements": "TT.HOINGHI | I. Hội nghị\nTT.NGUOI | II. Người dân",
        "organisations": [rworld.orgs["D1"].pk, rworld.orgs["C2a"].pk],
    }
    data.update(overrides)
    return data


def test_province_admin_configures_indicator_dataset_and_period(rworld):
    client = _client(rworld, "province_admin")
    # 1. an indicator
    page = client.get(reverse("reporting_indicator_add"))
    assert page.status_code == 200
    assert "Mã chỉ tiêu" in _text(page)
    response = client.post(reverse("reporting_indicator_add"), INDICATOR)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting_indicators")
    indicator = Indicator.objects.get(code="TT.HOINGHI")
    assert (indicator.name, indicator.unit_label, indicator.measure) == (
        "Số hội nghị, tọa đàm",
        "cuộc",
        "count",
    )
    listing = client.get(reverse("reporting_indicators"))
    assert "Số hội nghị, tọa đàm" in _text(listing)
    # edit it
    edit_url = reverse("reporting_indicator_edit", args=[indicator.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {**INDICATOR, "name": "Số hội nghị", "max_value": "500"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, str(indicator.max_value)) == ("Số hội nghị", "500.00")

    # 2. a data set with 2 indicators (ordered, with sections) and 2 organisations
    assert client.get(reverse("reporting_dataset_add")).status_code == 200
    response = client.post(reverse("reporting_dataset_add"), _dataset_post(rworld))
    dataset = DataSet.objects.get(code="KQ-TT-2024")
    assert response.status_code == 302
    assert response["Location"] == reverse("bieu-bao-cao:inspect", args=[dataset.pk])
    assert (dataset.due_day, dataset.due_month, dataset.timely_days) == (20, 12, 2)
    assert (dataset.expiry_days, dataset.reminder_working_days) == (30, 3)
    assert dataset.lead_organisation == rworld.orgs["so"]
    elements = list(
        DataSetIndicator.objects.filter(dataset=dataset)
        .order_by("position")
        .values_list("indicator__code", "section", "position")
    )
    assert elements == [("TT.HOINGHI", "I. Hội nghị", 1), ("TT.NGUOI", "II. Người dân", 2)]
    assert set(dataset.organisations.values_list("name", flat=True)) == {
        "Ủy ban nhân dân huyện H1",
        "Ủy ban nhân dân xã C2a",
    }
    inspect = client.get(reverse("bieu-bao-cao:inspect", args=[dataset.pk]))
    assert reverse("reporting_dataset_config", args=[dataset.pk]) in _text(inspect)
    assert reverse("reporting_period_add", args=[dataset.pk]) in _text(inspect)

    # 3. a period; its due date follows the data set's rule (20/12)
    assert client.get(reverse("reporting_period_add", args=[dataset.pk])).status_code == 200
    response = client.post(
        reverse("reporting_period_add", args=[dataset.pk]),
        {"name": "Năm 2023", "start": "01/01/2023", "end": "31/12/2023", "due_date": ""},
    )
    assert response.status_code == 302
    period = Period.objects.get(dataset=dataset)
    assert (period.start, period.end, period.due_date) == (
        date(2023, 1, 1),
        date(2023, 12, 31),
        date(2023, 12, 20),
    )

    # the completeness screen lists exactly those 2 organisations
    page = client.get(reverse("reporting_completeness", args=[dataset.pk, period.pk]))
    assert page.status_code == 200
    body = _text(page)
    assert "Ủy ban nhân dân huyện H1" in body
    assert "Ủy ban nhân dân xã C2a" in body
    assert "Ủy ban nhân dân huyện H2" not in body
    assert "Đã báo cáo 0/2" in body


def test_province_admin_reconfigures_a_dataset(rworld):
    client = _client(rworld, "province_admin")
    dataset = rworld.dataset
    url = reverse("reporting_dataset_config", args=[dataset.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "TT.HD\nTT.TIN" in _text(page)
    data = _dataset_post(
        rworld,
        name="Kết quả truyền thông (sửa)",
        elements="TT.TIN | A\nTT.HD",
        organisations=[rworld.orgs["D2"].pk],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.code == "KQ-TT-2023"  # the code cannot be changed
    assert dataset.name == "Kết quả truyền thông (sửa)"
    assert list(
        dataset.elements.order_by("position").values_list("indicator__code", "section")
    ) == [("TT.TIN", "A"), ("TT.HD", "")]
    assert list(dataset.organisations.values_list("name", flat=True)) == [
        "Ủy ban nhân dân huyện H2"
    ]


def test_duplicate_indicator_code_is_refused(rworld):
    client = _client(rworld, "province_admin")
    before = Indicator.objects.count()
    response = client.post(reverse("reporting_indicator_add"), {**INDICATOR, "code": "TT.TIN"})
    assert response.status_code == 400
    assert "Đã có chỉ tiêu với mã này." in _text(response)
    assert Indicator.objects.count() == before


def test_bad_indicator_rules_are_refused(rworld):
    client = _client(rworld, "province_admin")
    response = client.post(
        reverse("reporting_indicator_add"),
        {**INDICATOR, "measure": "text", "aggregation": "sum"},
    )
    assert response.status_code == 400
    assert "Chỉ tiêu dạng văn bản không tổng hợp" in _text(response)
    assert not Indicator.objects.filter(code="TT.HOINGHI").exists()


def test_impossible_due_date_creates_nothing(rworld):
    client = _client(rworld, "province_admin")
    Indicator.objects.create(code="TT.HOINGHI", name="Số hội nghị", measure="count")
    before = (DataSet.objects.count(), DataSetIndicator.objects.count())
    response = client.post(
        reverse("reporting_dataset_add"), _dataset_post(rworld, due_day="31", due_month="2")
    )
    assert response.status_code == 400
    assert "Ngày hạn báo cáo không có thật." in _text(response)
    assert (DataSet.objects.count(), DataSetIndicator.objects.count()) == before


def test_dataset_errors_are_vietnamese(rworld):
    client = _client(rworld, "province_admin")
    response = client.post(
        reverse("reporting_dataset_add"),
        _dataset_post(rworld, code="KQ-TT-2023", elements="TT.TIN\nTT.KHONGCO\nTT.TIN"),
    )
    assert response.status_code == 400
    assert "Chỉ tiêu bị lặp: TT.TIN." in _text(response)
    response = client.post(
        reverse("reporting_dataset_add"), _dataset_post(rworld, elements="TT.KHONGCO")
    )
    assert "Không có chỉ tiêu với mã: TT.KHONGCO." in _text(response)
    response = client.post(
        reverse("reporting_dataset_add"),
        _dataset_post(rworld, code="KQ-TT-2023", elements="TT.TIN"),
    )
    assert response.status_code == 400
    assert "Biểu báo cáo có Mã biểu đã tồn tại." in _text(response)
    assert DataSet.objects.count() == 1


def test_failed_reconfiguration_changes_nothing(rworld):
    client = _client(rworld, "province_admin")
    dataset = rworld.dataset
    before = list(dataset.elements.values_list("indicator__code", "position"))
    response = client.post(
        reverse("reporting_dataset_config", args=[dataset.pk]),
        _dataset_post(rworld, elements="TT.TIN", due_day="30", due_month="2"),
    )
    assert response.status_code == 400
    assert "Ngày hạn báo cáo không có thật." in _text(response)
    dataset.refresh_from_db()
    assert (dataset.due_day, dataset.due_month) == (15, 11)
    assert list(dataset.elements.values_list("indicator__code", "position")) == before
    assert dataset.organisations.count() == 3


def test_bad_periods_are_refused(rworld):
    client = _client(rworld, "province_admin")
    url = reverse("reporting_period_add", args=[rworld.dataset.pk])
    before = Period.objects.count()
    response = client.post(
        url, {"name": "Sai", "start": "31/12/2023", "end": "01/06/2023", "due_date": ""}
    )
    assert response.status_code == 400
    assert "Ngày kết thúc kỳ không được trước ngày bắt đầu." in _text(response)
    response = client.post(
        url, {"name": "Năm 2030", "start": "01/01/2030", "end": "31/12/2030", "due_date": ""}
    )
    assert response.status_code == 400
    assert "Kỳ báo cáo phải nằm trong thời gian thực hiện kế hoạch" in _text(response)
    response = client.post(
        url, {"name": "Năm 2023", "start": "01/01/2023", "end": "31/12/2023", "due_date": ""}
    )
    assert response.status_code == 400
    assert "Biểu đã có một kỳ báo cáo bắt đầu từ ngày này." in _text(response)
    response = client.post(url, {"name": "X", "start": "32/01/2023", "end": "", "due_date": ""})
    assert response.status_code == 400
    assert "Nhập một ngày hợp lệ." in _text(response)
    assert Period.objects.count() == before


def test_province_admin_edits_a_period_and_moves_its_due_date(rworld):
    client = _client(rworld, "province_admin")
    period = rworld.period
    url = reverse("reporting_period_edit", args=[rworld.dataset.pk, period.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Năm 2023"' in _text(page)
    assert 'value="15/11/2023"' in _text(page)
    response = client.post(
        url,
        {"name": "Cả năm 2023", "start": "01/01/2023", "end": "31/12/2023"}
        | {"due_date": "20/11/2023"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.name, period.start, period.end, period.due_date) == (
        "Cả năm 2023",
        date(2023, 1, 1),
        date(2023, 12, 31),
        date(2023, 11, 20),
    )
    inspect = client.get(reverse("bieu-bao-cao:inspect", args=[rworld.dataset.pk]))
    assert "Cả năm 2023 — hạn 20/11/2023" in _text(inspect)
    assert url in _text(inspect)


def test_dates_of_a_period_with_reports_stay_but_its_name_and_due_date_change(rworld, start):
    start("D1")
    client = _client(rworld, "province_admin")
    period = rworld.period
    url = reverse("reporting_period_edit", args=[rworld.dataset.pk, period.pk])
    response = client.post(
        url, {"name": "Năm 2023", "start": "01/02/2023", "end": "31/12/2023", "due_date": ""}
    )
    assert response.status_code == 400
    assert "Kỳ này đã có báo cáo của đơn vị: chỉ sửa được tên kỳ và hạn báo cáo." in _text(response)
    period.refresh_from_db()
    assert (period.start, period.due_date) == (date(2023, 1, 1), date(2023, 11, 15))
    response = client.post(
        url,
        {"name": "Năm 2023 (gia hạn)", "start": "01/01/2023", "end": "31/12/2023", "due_date": ""}
        | {"due_date": "30/11/2023"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.name, period.due_date) == ("Năm 2023 (gia hạn)", date(2023, 11, 30))


def test_a_period_without_reports_is_deleted_after_confirmation(rworld):
    client = _client(rworld, "province_admin")
    from giamngheo.reporting import services

    spare = services.create_period(
        dataset=rworld.dataset,
        name="6 tháng cuối năm 2023",
        start=date(2023, 7, 1),
        end=date(2023, 12, 31),
    )
    url = reverse("reporting_period_delete", args=[rworld.dataset.pk, spare.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="period-delete-form"' in _text(page)
    assert Period.objects.filter(pk=spare.pk).exists()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "bieu-bao-cao:inspect", args=[rworld.dataset.pk]
    )
    assert "Đã xóa kỳ báo cáo 6 tháng cuối năm 2023." in _text(response)
    assert not Period.objects.filter(pk=spare.pk).exists()
    assert Period.objects.filter(pk=rworld.period.pk).exists()


def test_a_period_with_reports_is_not_deleted(rworld, start):
    start("D1")
    client = _client(rworld, "province_admin")
    url = reverse("reporting_period_delete", args=[rworld.dataset.pk, rworld.period.pk])
    page = client.get(url)
    assert 'id="period-has-reports"' in _text(page)
    assert 'id="period-delete-form"' not in _text(page)
    response = client.post(url, follow=True)
    assert "Không xóa được kỳ Năm 2023: đã có 1 báo cáo của đơn vị." in _text(response)
    assert Period.objects.filter(pk=rworld.period.pk).exists()


def test_a_period_of_another_data_set_is_not_found(rworld):
    from giamngheo.reporting import services

    other = services.create_dataset(
        code="KQ-KHAC",
        name="Biểu khác",
        plan=rworld.p.plan,
        elements=[rworld.indicators["TT.TIN"]],
        organisations=[rworld.orgs["D1"]],
        lead_organisation=rworld.orgs["so"],
        due_day=15,
        due_month=11,
    )
    client = _client(rworld, "province_admin")
    for name in ("reporting_period_edit", "reporting_period_delete"):
        url = reverse(name, args=[other.pk, rworld.period.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Period.objects.filter(pk=rworld.period.pk).exists()


def test_formula_name_is_stored_and_neutralised_in_the_export(rworld):
    client = _client(rworld, "province_admin")
    response = client.post(
        reverse("reporting_dataset_add"),
        _dataset_post(rworld, name="=1+1", elements="TT.TIN"),
    )
    assert response.status_code == 302
    assert DataSet.objects.get(code="KQ-TT-2024").name == "=1+1"
    export = client.get(reverse("bieu-bao-cao:index") + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "'=1+1" in body
    assert ",=1+1" not in body


@pytest.mark.parametrize("user", ["district_officer", "commune_officer", "outsider"])
def test_officers_are_denied_every_configuration_url(rworld, user):
    client = _client(rworld, user)
    indicator = rworld.indicators["TT.TIN"]
    dataset = rworld.dataset
    urls = [
        reverse("reporting_indicators"),
        reverse("reporting_indicator_add"),
        reverse("reporting_indicator_edit", args=[indicator.pk]),
        reverse("reporting_dataset_add"),
        reverse("reporting_dataset_config", args=[dataset.pk]),
        reverse("reporting_period_add", args=[dataset.pk]),
        reverse("reporting_period_edit", args=[dataset.pk, rworld.period.pk]),
        reverse("reporting_period_delete", args=[dataset.pk, rworld.period.pk]),
        reverse("bieu-bao-cao:edit", args=[dataset.pk]),
    ]
    counts = (Indicator.objects.count(), DataSet.objects.count(), Period.objects.count())
    # Without admin access: to sign-in; an officer in the admin: the 403 page.
    denied = 302 if user == "outsider" else 403
    for url in urls:
        assert client.get(url).status_code == denied, url
        assert client.post(url, {**INDICATOR, **_dataset_post(rworld)}).status_code == denied, url
    assert (Indicator.objects.count(), DataSet.objects.count(), Period.objects.count()) == counts
    indicator.refresh_from_db()
    assert indicator.name == "Số tin, bài"


def test_officers_are_refused_the_configuration_screens(rworld):
    """A PermissionDenied inside the admin is the admin's 403 page (not Wagtail's redirect to
    the dashboard)."""
    client = _client(rworld, "district_officer")
    for url in (
        reverse("reporting_indicators"),
        reverse("reporting_indicator_add"),
        reverse("reporting_dataset_add"),
        reverse("reporting_dataset_config", args=[rworld.dataset.pk]),
        reverse("reporting_period_add", args=[rworld.dataset.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Không có quyền truy cập" in _text(response), url
    inspect = client.get(reverse("bieu-bao-cao:inspect", args=[rworld.dataset.pk]))
    assert reverse("reporting_dataset_config", args=[rworld.dataset.pk]) not in _text(inspect)


def test_unknown_ids_are_404(rworld):
    client = _client(rworld, "province_admin")
    assert client.get(reverse("reporting_indicator_edit", args=["x"])).status_code == 404
    assert client.get(reverse("reporting_indicator_edit", args=[99999])).status_code == 404
    assert client.get(reverse("reporting_dataset_config", args=[99999])).status_code == 404
    assert client.get(reverse("reporting_period_add", args=["abc"])).status_code == 404


def _count(client, url) -> int:
    client.get(url)  # warm the per-user caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_indicator_list_queries_do_not_grow(rworld):
    client = _client(rworld, "province_admin")
    url = reverse("reporting_indicators")
    DataSet.objects.all().delete()
    Indicator.objects.exclude(code="TT.HD").delete()
    one = _count(client, url)
    Indicator.objects.create(code="TT.A", name="A", measure="count")
    Indicator.objects.create(code="TT.B", name="B", measure="count")
    assert Indicator.objects.count() == 3
    three = _count(client, url)
    assert one == three


def test_menu_and_list_buttons_only_for_the_province_admin(rworld):
    admin = _client(rworld, "province_admin")
    officer = _client(rworld, "district_officer")
    indicators = reverse("reporting_indicators")
    assert indicators in _text(admin.get("/admin/"))
    assert indicators not in _text(officer.get("/admin/"))
    listing = reverse("bieu-bao-cao:index")
    assert reverse("reporting_dataset_add") in _text(admin.get(listing))
    assert reverse("reporting_dataset_add") not in _text(officer.get(listing))
