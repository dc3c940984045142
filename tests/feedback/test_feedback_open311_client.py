"""An Open311 client from PyPI, unchanged, against the running server.

``georeport`` 0.3.1 (Apache-2.0, "Python wrapper for the Open311 GeoReport v2 API") is the only
Open311 client on PyPI that installs on Python 3: ``open311`` 1.1 and ``three`` 0.8.0 are
Python 2 code (``from api import API``, ``itertools.ifilter``). georeport covers the GET calls
(services, service definition, requests, one request) in JSON and in XML; it has no call to
create a request or read a token, so those two go through plain ``requests`` calls built the
way the GeoReport v2 text describes them (form-encoded POST to ``requests.json``).
"""

from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from giamngheo.feedback import services
from giamngheo.feedback.models import Feedback


@pytest.fixture
def server(fb, live_server):
    _key, raw = services.create_api_key(name="georeport")
    fb.raw_key = raw
    fb.root = f"{live_server.url}/open311/v2"
    return fb


def _create(server, **extra) -> requests.Response:
    data = {
        "api_key": server.raw_key,
        "jurisdiction_id": "bacninh",
        "service_code": "bhyt",
        "address_id": server.units["N1a"].code,
        "lat": "21.2731",
        "long": "106.1946",
        "description": "Gia đình tôi thuộc hộ cận nghèo nhưng chưa được cấp thẻ bảo hiểm y tế.",
        "email": "dan@example.vn",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
    }
    data.update(extra)
    return requests.post(f"{server.root}/requests.json", data=data, timeout=10)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_lists_services_and_definitions(server, fmt):
    client = GeoReport(server.root, jurisdiction="bacninh", output_format=fmt)
    services_ = client.get_service_list()
    assert [s["service_code"] for s in services_] == ["bhyt", "ho-ngheo", "truc-loi"]
    assert services_[0]["service_name"] == "Bảo hiểm y tế"
    definition = client.get_service_definition("bhyt")
    assert definition["service_code"] == "bhyt"
    attributes = definition["attributes"]
    if fmt == "xml":  # xmltodict: <attributes><attribute>…</attribute>…</attributes>
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes] == ["kind", "commune", "publish"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_reads_a_request_created_over_the_wire(server, fmt):
    created = _create(server)
    assert created.status_code == 201
    [row] = created.json()
    code = row["service_request_id"]
    assert row["service_notice"].startswith("Đã tiếp nhận. Hạn xử lý: ")
    item = Feedback.objects.get(tracking_code=code)
    assert (item.channel, item.reporter_email, item.api_key.name) == (
        "open311",
        "dan@example.vn",
        "georeport",
    )

    client = GeoReport(server.root, jurisdiction="bacninh", output_format=fmt)
    one = client.get_service_request(code)
    assert (one["service_request_id"], one["status"], one["service_code"]) == (code, "open", "bhyt")
    assert one["agency_responsible"] == server.orgs["so"].name
    assert one["address_id"] == server.units["N1a"].code
    assert "dan@example.vn" not in str(one) and "Lan" not in str(one)
    listed = client.get_service_requests(service_request_id=code)
    if fmt == "xml":  # one <request>: xmltodict gives a dict, not a list
        listed = [listed]
    assert [r["service_request_id"] for r in listed] == [code]
    open_now = client.get_service_requests(status="open", service_code="bhyt")
    if fmt == "xml":
        open_now = [open_now]
    assert [r["service_request_id"] for r in open_now] == [code]

    token = requests.get(f"{server.root}/tokens/{code}.json", timeout=10)
    assert token.json() == [{"service_request_id": code, "token": code}]


def test_georeport_client_sees_error_lists_as_http_errors(server):
    client = GeoReport(server.root)
    with pytest.raises(requests.HTTPError) as info:
        client.get_service_definition("khong-co")
    assert info.value.response.status_code == 404
    assert info.value.response.json() == [
        {"code": 404, "description": "Không có lĩnh vực (service_code) này."}
    ]
    refused = _create(server, api_key="gn_sai")
    assert refused.status_code == 403
    assert refused.json() == [{"code": 403, "description": "Thiếu hoặc sai api_key."}]
    retried = [_create(server, idempotency_key="app-42").json()[0] for _ in range(2)]
    assert retried[0]["service_request_id"] == retried[1]["service_request_id"]
    assert Feedback.objects.filter(idempotency_key="app-42").count() == 1
