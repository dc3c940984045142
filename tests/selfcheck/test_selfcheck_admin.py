"""Admin screens: who sees contact requests (scoped, reads logged), who edits standards and
policies, query counts, and the page cache purged by an edit."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.organisations.models import PersonalDataAccess
from giamngheo.selfcheck import services
from giamngheo.selfcheck.standard import classify

LIST = "/admin/tu-danh-gia/de-nghi-lien-he/"
STANDARDS = "/admin/tu-danh-gia/chuan-ngheo/"
POLICIES = "/admin/tu-danh-gia/chinh-sach/"
AT = datetime(2024, 5, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _request(world, standard, label: str, name: str, phone: str):
    result = classify(standard=standard, area="nong_thon", income=1_000_000, lacking=[1, 2, 3])
    return services.submit_contact_request(
        name=name,
        phone=phone,
        commune=world.units[label],
        standard=standard,
        result=result,
        consent=True,
        at=AT,
    )


@pytest.fixture
def requests_(world, standard):
    return {
        "C1a": _request(world, standard, "C1a", "Nguyễn Văn An", "0912000001"),
        "C2a": _request(world, standard, "C2a", "Lê Thị Hoa", "0912000002"),
    }


def _names(response) -> set[str]:
    html = response.content.decode()
    return {n for n in ("Nguyễn Văn An", "Lê Thị Hoa") if n in html}


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("province_admin", {"Nguyễn Văn An", "Lê Thị Hoa"}),
        ("district_officer", {"Nguyễn Văn An"}),
        ("commune_officer", {"Nguyễn Văn An"}),
        ("other_commune_officer", {"Lê Thị Hoa"}),
    ],
)
def test_list_scoped(client, world, requests_, user, expected):
    client.force_login(world.users[user])
    response = client.get(LIST)
    assert response.status_code == 200
    assert _names(response) == expected
    logged = PersonalDataAccess.objects.filter(actor=world.users[user])
    assert logged.count() == len(expected)


def test_outsider_and_editor_cannot_list(client, world, requests_):
    client.force_login(world.users["editor"])
    response = client.get(LIST)
    # In the admin, but not following up households: refused, not shown an empty list.
    assert response.status_code == 403
    assert _names(response) == set()
    assert client.get(f"{LIST}inspect/{requests_['C1a'].pk}/").status_code == 404
    for user in ("outsider", "citizen"):
        client.force_login(world.users[user])
        response = client.get(LIST)
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={LIST}")


def test_inspect_foreign_is_404(client, world, requests_):
    client.force_login(world.users["commune_officer"])
    own = client.get(f"{LIST}inspect/{requests_['C1a'].pk}/")
    assert own.status_code == 200
    assert "0912000001" in own.content.decode()
    for pk in (requests_["C2a"].pk, requests_["C2a"].pk + 1000, "abc"):
        assert client.get(f"{LIST}inspect/{pk}/").status_code == 404


def test_no_add_or_edit_of_contact_requests(client, world, requests_):
    client.force_login(world.users["province_admin"])
    assert client.get(f"{LIST}new/").status_code == 403
    assert client.get(f"{LIST}edit/{requests_['C1a'].pk}/").status_code == 403


def test_list_query_count_constant(client, world, standard):
    """The same number of queries for 1 and for 3 contact requests."""
    client.force_login(world.users["province_admin"])
    counts = []
    for i in range(3):
        _request(world, standard, "C1a", f"Hộ {i}", f"09120001{i:02d}")
        if i in (0, 2):
            client.get(LIST)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST)
            assert response.content.decode().count("Hộ ") >= i + 1
            counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_standards_editable_by_province_admin_only(client, world, standard):
    client.force_login(world.users["commune_officer"])
    assert client.get(STANDARDS).status_code == 403
    assert client.get(f"{STANDARDS}edit/{standard.pk}/").status_code == 403
    assert client.get(f"{STANDARDS}edit/{standard.pk + 1000}/").status_code == 404
    client.force_login(world.users["province_admin"])
    response = client.get(STANDARDS)
    assert response.status_code == 200
    assert "Chuẩn nghèo đa chiều giai đoạn 2022–2025" in response.content.decode()


def test_policy_edit_purges_page_cache(client, world, db):
    from giamngheo.core.cache import _generation
    from giamngheo.selfcheck.models import SupportPolicy

    policy = SupportPolicy.objects.create(
        title="Hỗ trợ tiền điện", description="Cũ.", for_poor=True
    )
    client.force_login(world.users["province_admin"])
    before = _generation()
    response = client.post(
        f"{POLICIES}edit/{policy.pk}/",
        {
            "title": "Hỗ trợ tiền điện",
            "description": "Mới.",
            "for_poor": "on",
            "url": "",
            "order": "10",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.description == "Mới."
    assert _generation() != before


@pytest.mark.parametrize(
    "url",
    [
        STANDARDS,
        f"{STANDARDS}new/",
        "/admin/tu-danh-gia/chieu-thieu-hut/",
        "/admin/tu-danh-gia/chi-so/",
        "/admin/tu-danh-gia/chi-so/new/",
        POLICIES,
        f"{POLICIES}new/",
        LIST,
    ],
)
def test_admin_screens_open_for_province_admin(client, world, standard, url):
    client.force_login(world.users["province_admin"])
    response = client.get(url)
    assert response.status_code == 200


def test_indicator_question_edited_in_admin(client, world, standard):
    from giamngheo.selfcheck.models import Indicator

    indicator = Indicator.objects.get(dimension__standard=standard, code=4)
    client.force_login(world.users["province_admin"])
    response = client.post(
        f"/admin/tu-danh-gia/chi-so/edit/{indicator.pk}/",
        {
            "dimension": indicator.dimension_id,
            "code": "4",
            "name": indicator.name,
            "question": "Trong hộ có ai từ 6 tuổi trở lên chưa có thẻ bảo hiểm y tế không?",
            "criterion": indicator.criterion,
            "order": "4",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.question.startswith("Trong hộ có ai từ 6 tuổi")
    duplicate = client.post(
        f"/admin/tu-danh-gia/chi-so/edit/{indicator.pk}/",
        {
            "dimension": indicator.dimension_id,
            "code": "5",
            "name": indicator.name,
            "question": indicator.question,
            "criterion": indicator.criterion,
            "order": "4",
        },
    )
    assert duplicate.status_code == 200
    assert "Chuẩn nghèo này đã có chỉ số số 5." in duplicate.content.decode()


def test_officer_marks_contacted_once(client, world, requests_):
    item = requests_["C1a"]
    client.force_login(world.users["commune_officer"])
    page = client.get(f"{LIST}inspect/{item.pk}/").content.decode()
    assert 'value="da_lien_he"' in page
    assert 'value="khong_lien_he_duoc"' in page
    response = client.post(
        f"/admin/tu-danh-gia/de-nghi-lien-he/xu-ly/{item.pk}/", {"to": "da_lien_he"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.handled_by) == ("da_lien_he", world.users["commune_officer"])
    [event] = item.events.all()
    assert (event.from_status, event.to_status, event.actor, event.at) == (
        "moi",
        "da_lien_he",
        world.users["commune_officer"],
        item.handled_at,
    )
    again = client.post(f"/admin/tu-danh-gia/de-nghi-lien-he/xu-ly/{item.pk}/", {"to": "moi"})
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.status == "da_lien_he"
    page = client.get(f"{LIST}inspect/{item.pk}/").content.decode()
    assert 'value="da_lien_he"' not in page
    assert "Chưa liên hệ → Đã liên hệ, hướng dẫn" in page


def test_foreign_officer_cannot_change_status(client, world, requests_):
    item = requests_["C1a"]
    client.force_login(world.users["other_commune_officer"])
    url = f"/admin/tu-danh-gia/de-nghi-lien-he/xu-ly/{item.pk}/"
    assert client.post(url, {"to": "da_lien_he"}).status_code == 404
    assert client.get(url).status_code == 405
    item.refresh_from_db()
    assert item.status == "moi"


def test_transition_refused_in_service(world, requests_):
    from django.core.exceptions import ValidationError

    item = services.transition_contact_request(
        contact_request=requests_["C2a"], to="khong_lien_he_duoc", actor=None
    )
    assert item.status == "khong_lien_he_duoc"
    with pytest.raises(ValidationError) as exc:
        services.transition_contact_request(contact_request=item, to="moi", actor=None)
    assert exc.value.messages == ["Không thể chuyển từ “Chưa liên hệ được” sang “Chưa liên hệ”."]


def test_transition_contact_request_refuses_every_pair_outside_the_map(world, requests_):
    """The service itself is called on every (from, to) the map refuses: the exact message, and
    nothing written (status, who and when, history)."""
    from django.core.exceptions import ValidationError

    from giamngheo.selfcheck.enums import CONTACT_WORKFLOW, ContactStatus
    from giamngheo.selfcheck.models import ContactRequest

    item = requests_["C1a"]
    officer = world.users["commune_officer"]
    pairs = CONTACT_WORKFLOW.pairs_outside()
    assert len(pairs) == 6
    for start, to in pairs:
        ContactRequest.objects.filter(pk=item.pk).update(status=start)
        with pytest.raises(ValidationError) as exc:
            services.transition_contact_request(contact_request=item, to=to, actor=officer)
        assert exc.value.code == "bad_transition"
        assert exc.value.messages == [
            f"Không thể chuyển từ “{ContactStatus(start).label}” sang “{ContactStatus(to).label}”."
        ], (start, to)
        item.refresh_from_db()
        assert (item.status, item.handled_by, item.handled_at) == (start, None, None)
        assert not item.events.exists()
