"""Every GeoReport v2 location is accepted: an item whose commune nobody can tell is filed for the
lead department's triage queue (never refused), found from the point when boundaries are loaded,
and seen by the whole-register roles only."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connections
from django.test import Client
from georeport import GeoReport

from giamngheo.core.models import StatusEvent
from giamngheo.feedback import selectors, services
from giamngheo.feedback.enums import EventAction
from giamngheo.feedback.models import Feedback
from giamngheo.organisations.services import import_boundaries
from tests.feedback.fb_world import post_data

POINT = {"lat": "21.2731", "long": "106.1946"}
DESCRIPTION = "Đường vào thôn bị sạt lở, hộ nghèo đi lại khó khăn."


def _square(west: float, south: float, size: float = 0.05) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@pytest.fixture
def api(fb):
    _key, raw = services.create_api_key(name="Ứng dụng bản đồ")
    fb.raw_key = raw
    return fb


def _post(client, raw_key, **fields):
    data = {"api_key": raw_key, "service_code": "bhyt", "description": DESCRIPTION, **fields}
    return client.post("/open311/v2/requests.json", data)


@pytest.mark.django_db
def test_a_point_alone_is_filed_for_triage_and_read_back(api, client):
    response = _post(client, api.raw_key, **POINT)
    assert response.status_code == 201
    code = json.loads(response.content)[0]["service_request_id"]
    item = Feedback.objects.get(tracking_code=code)
    assert item.unit is None
    assert (str(item.latitude), str(item.longitude)) == ("21.273100", "106.194600")
    assert item.organisation == api.orgs["so"]  # the lead department
    one = client.get(f"/open311/v2/requests/{code}.json")
    [row] = json.loads(one.content)
    assert (row["service_request_id"], row["lat"], row["long"]) == (code, 21.2731, 106.1946)
    assert (row["address"], row["address_id"]) == ("", "")
    xml = client.get(f"/open311/v2/requests/{code}.xml").content.decode()
    assert f"<service_request_id>{code}</service_request_id>" in xml
    assert "<lat>21.2731</lat>" in xml and "<long>106.1946</long>" in xml


@pytest.mark.django_db
def test_address_string_or_unknown_address_id_is_kept_for_triage(api, client):
    first = _post(client, api.raw_key, address_string="  Thôn Đồng   Bục, xã Tân Sỏi ")
    second = _post(client, api.raw_key, address_id="TS-0042")
    assert (first.status_code, second.status_code) == (201, 201)
    one, two = (
        Feedback.objects.get(tracking_code=json.loads(r.content)[0]["service_request_id"])
        for r in (first, second)
    )
    assert (one.unit, one.address) == (None, "Thôn Đồng Bục, xã Tân Sỏi")
    assert (two.unit, two.address) == (None, "TS-0042")


@pytest.mark.django_db
def test_a_commune_code_in_address_id_still_places_the_item(api, client):
    response = _post(client, api.raw_key, address_id=api.units["N1a"].code)
    item = Feedback.objects.get(tracking_code=json.loads(response.content)[0]["service_request_id"])
    assert item.unit == api.units["N1a"]


@pytest.mark.django_db
def test_no_location_or_a_wrong_commune_attribute_is_refused(api, client):
    before = Feedback.objects.count()
    nothing = _post(client, api.raw_key)
    wrong = _post(client, api.raw_key, **{"attribute[commune]": "99999", **POINT})
    half = _post(client, api.raw_key, lat="21.27")
    assert [json.loads(r.content) for r in (nothing, wrong, half)] == [
        [
            {
                "code": 400,
                "description": "Thiếu vị trí: gửi lat và long, address_string hoặc address_id.",
            }
        ],
        [{"code": 400, "description": "Mã xã, phường (attribute[commune]) không đúng."}],
        [
            {
                "code": 400,
                "description": "kinh độ: Vui lòng nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.",
            }
        ],
    ]
    assert (nothing.status_code, wrong.status_code, half.status_code) == (400, 400, 400)
    assert Feedback.objects.count() == before


@pytest.mark.django_db
def test_loaded_boundaries_place_the_point_in_its_commune(api, client):
    import_boundaries(
        features=[
            {
                "type": "Feature",
                "properties": {"ma": api.units["N1a"].code},
                "geometry": _square(106.17, 21.25),
            }
        ],
        code_property="ma",
        source="Dữ liệu thử",
        licence="CC0",
    )
    response = _post(client, api.raw_key, **POINT)
    item = Feedback.objects.get(tracking_code=json.loads(response.content)[0]["service_request_id"])
    assert item.unit == api.units["N1a"]
    outside = _post(client, api.raw_key, lat="21.6", long="106.5")
    item = Feedback.objects.get(tracking_code=json.loads(outside.content)[0]["service_request_id"])
    assert item.unit is None


@pytest.mark.django_db
def test_web_form_with_a_map_pin_and_no_commune(fb, client):
    data = post_data(fb, unit="", province="", latitude="21.2731", longitude="106.1946")
    response = client.post("/phan-anh/gui/", data)
    assert response.status_code == 302
    item = Feedback.objects.latest("pk")
    assert (item.unit, item.organisation) == (None, fb.orgs["so"])
    nowhere = client.post("/phan-anh/gui/", post_data(fb, unit="", province=""))
    assert nowhere.status_code == 400
    assert "Vui lòng chọn xã, phường hoặc nhập vị trí chính xác trên bản đồ." in (
        nowhere.content.decode()
    )


@pytest.mark.django_db
def test_triage_queue_is_the_whole_register_roles_only(api, client):
    code = json.loads(_post(client, api.raw_key, **POINT).content)[0]["service_request_id"]
    item = Feedback.objects.get(tracking_code=code)
    users = api.users
    assert list(selectors.triage_feedback_for_user(user=users["province_admin"])) == [item]
    for name in ("district_officer", "commune_officer", "other_commune_officer", "outsider"):
        assert not selectors.triage_feedback_for_user(user=users[name]).exists(), name
        assert item not in selectors.feedback_for_user(user=users[name]), name
    officer = Client()
    officer.force_login(users["district_officer"])
    assert officer.get(f"/admin/phan-anh/inspect/{item.pk}/").status_code == 404
    refused = officer.post(
        f"/admin/phan-anh/xu-ly/{item.pk}/",
        {"action": "locate", "unit": str(api.units["N1a"].pk)},
    )
    assert refused.status_code == 404
    item.refresh_from_db()
    assert item.unit is None


@pytest.mark.django_db
def test_lead_names_the_commune_and_the_item_is_routed(api, client):
    code = json.loads(_post(client, api.raw_key, **POINT).content)[0]["service_request_id"]
    item = Feedback.objects.get(tracking_code=code)
    lead = Client()
    lead.force_login(api.users["province_admin"])
    page = lead.get(f"/admin/phan-anh/inspect/{item.pk}/")
    assert "Xác định xã, phường" in page.content.decode()
    done = lead.post(
        f"/admin/phan-anh/xu-ly/{item.pk}/",
        {"action": "locate", "unit": str(api.units["N1a"].pk), "reason": "Theo tọa độ."},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.unit == api.units["N1a"]
    event = StatusEvent.objects.filter(object_id=item.pk, action=EventAction.LOCATE).get()
    assert (event.actor, event.reason) == (
        api.users["province_admin"],
        f"Địa bàn: {api.units['N1a'].name}. Theo tọa độ.",
    )
    again = lead.get(f"/admin/phan-anh/inspect/{item.pk}/")
    assert "Xác định địa bàn" not in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_parallel_point_only_posts(api):
    """200 parallel Open311 posts with only lat/long: 200 items, 200 distinct ids, no 5xx."""

    def post(i):
        try:
            response = _post(
                Client(),
                api.raw_key,
                lat=f"21.{2000 + i}",
                long="106.1946",
                description=f"{DESCRIPTION} {i}",
            )
            return response.status_code, json.loads(response.content)[0].get("service_request_id")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as executor:
        results = list(executor.map(post, range(200)))
    assert [status for status, _ in results] == [201] * 200
    codes = {code for _, code in results}
    assert len(codes) == 200
    filed = Feedback.objects.filter(tracking_code__in=codes)
    assert filed.count() == 200 and not filed.filter(unit__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_georeport_client_reads_a_point_only_request(api, live_server):
    created = requests.post(
        f"{live_server.url}/open311/v2/requests.json",
        data={"api_key": api.raw_key, "service_code": "bhyt", "description": DESCRIPTION, **POINT},
        timeout=10,
    )
    assert created.status_code == 201
    code = created.json()[0]["service_request_id"]
    for fmt in ("json", "xml"):
        one = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt).get_service_request(
            code
        )
        assert (one["service_request_id"], one["status"]) == (code, "open")
        assert str(one["lat"]) == "21.2731" and str(one["long"]) == "106.1946"
