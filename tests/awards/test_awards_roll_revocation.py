"""The public honour roll filtered by year, form and commune (issue #15: "by year, form and
commune"), and the revocation register: the office revokes a commendation through its screen,
the entry is linked to the original decision with its grounds, and the honour roll drops it."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client
from django.urls import reverse

from giamngheo.awards import services
from giamngheo.awards.models import Nomination, Revocation
from giamngheo.core.models import StatusEvent

IDENTITY = {"citizen_id": "024199900011", "birth_date": date(1968, 2, 3), "address": "Số 9"}
THOAT = "Hộ ông Vi Văn Thoát"
VUON = "Hộ bà Lăng Thị Vươn"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _commend(aworld):
    """Two households commended by Quyết định 3210/QĐ-UBND of 5/12/2023: one with the district's
    Giấy khen in Xã C1a, one with the province's Bằng khen in Xã C1b."""
    office = aworld.users["office"]
    noms = [
        aworld.to_council(aworld.nomination(name=THOAT, form_code="giay_khen_huyen")),
        aworld.to_council(
            aworld.nomination(
                name=VUON, form_code="bang_khen_tinh", commune="C1b", identity=IDENTITY
            )
        ),
    ]
    meeting = aworld.meeting()
    services.open_meeting(actor=office, meeting=meeting)
    for n in noms:
        services.record_ballot(actor=office, meeting=meeting, nomination=n, agree=7, disagree=0)
    services.close_meeting(actor=office, meeting=meeting)
    decision = services.decide_round(
        actor=office,
        round=aworld.round,
        number="3210/QĐ-UBND",
        signed_on=date(2023, 12, 5),
        authority="ỦY BAN NHÂN DÂN TỈNH",
        signer_title="CHỦ TỊCH",
        signer_name="Lê Ánh Dương",
    )
    return decision, noms


def _names(html: str) -> list[str]:
    body = html.split('id="honour-roll"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", body)


def _options(html: str, select_id: str) -> list[tuple[str, str, bool]]:
    found = re.search(rf'<select[^>]*\bid="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert found, f"no select #{select_id}"
    return [
        (value, label.strip(), bool(selected))
        for value, selected, label in re.findall(
            r'<option\s+value="([^"]*)"\s*(selected)?\s*>([^<]*)</option>', found.group(1)
        )
    ]


# --- the honour roll's filters ------------------------------------------------------------------


def test_honour_roll_offers_and_applies_the_form_and_commune_filters(aworld):
    _commend(aworld)
    url = reverse("awards:honour_roll")
    client = Client()
    every = client.get(url).content.decode()
    assert sorted(_names(every)) == [VUON, THOAT]
    assert _options(every, "hinh-thuc") == [
        ("", "Tất cả", False),
        ("bang_khen_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", False),
        ("giay_khen_huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", False),
    ]
    c1a, c1b = aworld.units["C1a"].pk, aworld.units["C1b"].pk
    assert _options(every, "xa") == [
        ("", "Tất cả", False),
        (str(c1a), "Xã C1a", False),
        (str(c1b), "Xã C1b", False),
    ]
    by_form = client.get(url, {"hinh-thuc": "giay_khen_huyen"}).content.decode()
    assert _names(by_form) == [THOAT]
    assert ("giay_khen_huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", True) in _options(
        by_form, "hinh-thuc"
    )
    by_commune = client.get(url, {"xa": c1b}).content.decode()
    assert _names(by_commune) == [VUON]
    assert (str(c1b), "Xã C1b", True) in _options(by_commune, "xa")
    both = client.get(url, {"nam": "2023", "xa": c1a, "hinh-thuc": "bang_khen_tinh"})
    assert _names(both.content.decode()) == []
    # Nothing but name, commune, form and decision: not the nominee's identity.
    assert "024199900011" not in every and "1968" not in every


def test_honour_roll_ignores_filters_that_are_not_values(aworld):
    _commend(aworld)
    page = Client().get(reverse("awards:honour_roll"), {"xa": "x'--", "nam": "hai"})
    assert page.status_code == 200
    assert sorted(_names(page.content.decode())) == [VUON, THOAT]


# --- the revocation register --------------------------------------------------------------------


def test_office_revokes_a_commendation_through_its_screen(aworld):
    decision, (thoat, _vuon) = _commend(aworld)
    office = _client(aworld.users["office"])
    url = reverse("awards_revoke", args=[thoat.pk])
    nomination_url = reverse("awards_nomination", args=[thoat.pk])
    assert f'href="{url}"' in office.get(nomination_url).content.decode()
    assert office.get(url).status_code == 200
    ok = office.post(
        url,
        {
            "number": "12/QĐ-UBND",
            "revoked_on": "01/03/2024",
            "grounds": "Phát hiện kê khai không trung thực thành tích.",
        },
    )
    assert (ok.status_code, ok["Location"]) == (302, nomination_url)
    entry = Revocation.objects.get()
    assert (entry.nomination, entry.decision, entry.number, entry.revoked_on, entry.grounds) == (
        thoat,
        decision,
        "12/QĐ-UBND",
        date(2024, 3, 1),
        "Phát hiện kê khai không trung thực thành tích.",
    )
    thoat.refresh_from_db()
    assert thoat.status == "revoked"
    event = StatusEvent.objects.filter(object_id=thoat.pk, to_status="revoked").get()
    assert (event.actor, event.reason) == (
        aworld.users["office"],
        "Phát hiện kê khai không trung thực thành tích.",
    )
    shown = office.get(nomination_url).content.decode()
    register = shown.split('id="revocation"', 1)[1].split("</dl>", 1)[0]
    for text in ("12/QĐ-UBND", "01/03/2024", "3210/QĐ-UBND, 05/12/2023", "không trung thực"):
        assert text in register
    assert f'href="{url}"' not in shown
    round_page = office.get(reverse("awards_round", args=[aworld.round.pk])).content.decode()
    rows = round_page.split('id="revocations"', 1)[1].split("</table>", 1)[0]
    assert THOAT in rows and "12/QĐ-UBND" in rows and "01/03/2024" in rows
    assert _names(Client().get(reverse("awards:honour_roll")).content.decode()) == [VUON]


def test_a_revocation_dated_before_the_decision_is_refused_and_nothing_written(aworld):
    _decision, (thoat, _vuon) = _commend(aworld)
    office = _client(aworld.users["office"])
    events = StatusEvent.objects.count()
    refused = office.post(
        reverse("awards_revoke", args=[thoat.pk]),
        {"number": "12/QĐ-UBND", "revoked_on": "04/12/2023", "grounds": "Kê khai sai."},
    )
    assert refused.status_code == 400
    assert (
        "Ngày hủy bỏ (04/12/2023) trước ngày ký Quyết định khen thưởng 3210/QĐ-UBND "
        "(05/12/2023)." in refused.content.decode()
    )
    blank = office.post(
        reverse("awards_revoke", args=[thoat.pk]),
        {"number": "12/QĐ-UBND", "revoked_on": "01/03/2024", "grounds": "   "},
    )
    assert blank.status_code == 400
    assert "Ghi căn cứ, lý do hủy bỏ." in blank.content.decode()
    thoat.refresh_from_db()
    assert (thoat.status, Revocation.objects.count(), StatusEvent.objects.count()) == (
        "commended",
        0,
        events,
    )


def test_only_the_office_revokes(aworld):
    _decision, (thoat, _vuon) = _commend(aworld)
    data = {"number": "12/QĐ-UBND", "revoked_on": "01/03/2024", "grounds": "Kê khai sai."}
    url = reverse("awards_revoke", args=[thoat.pk])
    # The filing unit sees its nomination but may not revoke it; another unit does not find it.
    assert _client(aworld.users["district_officer"]).post(url, data).status_code == 403
    assert _client(aworld.users["other_district_officer"]).post(url, data).status_code == 404
    assert _client(aworld.users["hoidong1"]).post(url, data).status_code == 403
    assert Client().post(url, data).status_code == 302  # to the sign-in page
    assert Nomination.objects.get(pk=thoat.pk).status == "commended"
    assert Revocation.objects.count() == 0


def test_a_nomination_not_commended_cannot_be_revoked(aworld):
    n = aworld.to_council(aworld.nomination(name=THOAT))
    refused = _client(aworld.users["office"]).post(
        reverse("awards_revoke", args=[n.pk]),
        {"number": "12/QĐ-UBND", "revoked_on": "01/03/2024", "grounds": "Kê khai sai."},
    )
    assert refused.status_code == 400
    assert (
        "Không thể chuyển hồ sơ đề nghị khen thưởng từ “Trình hội đồng” sang “Đã hủy quyết "
        "định khen thưởng”." in refused.content.decode()
    )
    assert Revocation.objects.count() == 0
