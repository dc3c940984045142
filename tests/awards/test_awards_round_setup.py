"""The office opens a round of commendation from the admin ("Tạo đợt xét" on the rounds list):
on its own emulation activity (plan item 2.3), for its own body, with a council that has
members and the forms of the rules in force on the closing date; anything else is refused in
Vietnamese with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from giamngheo.awards import services
from giamngheo.awards.models import Round

pytestmark = pytest.mark.django_db

NEW = reverse("awards_round_new")


def _post(user, **changes):
    client = Client()
    client.force_login(user)
    return client.post(NEW, _data(**changes))


def _data(**changes):
    return {
        "activity": "",
        "movement": "Vì người nghèo - Không để ai bị bỏ lại phía sau",
        "name": "Tổng kết phong trào năm 2026",
        "slug": "",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "nominations_close": "15/12/2026",
        "office": "",
        "council": "",
        "form_codes": ["bang_khen_tinh"],
        "public_comment_days": "5",
        **changes,
    }


@pytest.fixture
def ids(aworld):
    return {
        "activity": str(aworld.activity.pk),
        "office": str(aworld.orgs["btd"].pk),
        "council": str(aworld.orgs["hd"].pk),
    }


def test_the_office_creates_a_round_from_the_list(aworld, ids):
    office = aworld.users["office"]
    client = Client()
    client.force_login(office)
    listing = client.get(reverse("thi-dua:index")).content.decode()
    assert f'href="{NEW}"' in listing and "Tạo đợt xét" in listing
    form = client.get(NEW).context["form"]
    # The office's one body and the one council with members come chosen.
    assert (form["office"].value(), form["council"].value()) == (
        aworld.orgs["btd"].pk,
        aworld.orgs["hd"].pk,
    )
    response = client.post(NEW, _data(**ids))
    created = Round.objects.get(slug="tong-ket-phong-trao-nam-2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("awards_round", args=[created.pk])
    assert (created.office, created.council, created.form_codes, created.public_comment_days) == (
        aworld.orgs["btd"],
        aworld.orgs["hd"],
        ["bang_khen_tinh"],
        5,
    )
    assert (created.period_start, created.nominations_close) == (
        date(2026, 1, 1),
        date(2026, 12, 15),
    )


def test_a_unit_without_an_emulation_activity_is_not_offered_the_screen(aworld):
    officer = aworld.users["district_officer"]
    client = Client()
    client.force_login(officer)
    assert "Tạo đợt xét" not in client.get(reverse("thi-dua:index")).content.decode()
    assert client.get(NEW).status_code == 403
    with pytest.raises(PermissionDenied):
        services.create_round(
            actor=officer,
            activity=aworld.activity,
            movement="Phong trào",
            name="Đợt của huyện",
            slug="dot-cua-huyen",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            nominations_close=date(2026, 12, 15),
            office=aworld.orgs["D1"],
            council=aworld.orgs["hd"],
            form_codes=["bang_khen_tinh"],
        )
    assert Round.objects.count() == 1  # the fixture's round only


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"period_start": "31/12/2026", "period_end": "01/01/2026"},
            "period_end",
            "Giai đoạn sơ kết kết thúc trước khi bắt đầu.",
        ),
        ({"period_end": "31/02/2026"}, "period_end", "Ngày không hợp lệ, ví dụ 15/11/2023."),
        (
            {"nominations_close": "31/10/2023", "form_codes": ["giay_khen_xa", "co_thi_dua_tinh"]},
            None,
            None,
        ),
        ({"slug": "so-ket-2023"}, "slug", "Đã có đợt xét dùng đường dẫn này."),
        ({"form_codes": []}, "form_codes", "Trường này là bắt buộc."),
    ],
)
def test_bad_input_is_refused_with_nothing_written(aworld, ids, changes, field, message):
    response = _post(aworld.users["office"], **{**ids, **changes})
    if field is None:  # a valid round under the 2018 rules (its forms exist then too)
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert Round.objects.count() == 1


def test_the_service_refuses_a_council_without_members_and_another_body(aworld):
    office = aworld.users["office"]
    spec = {
        "activity": aworld.activity,
        "movement": "Phong trào",
        "name": "Đợt khác",
        "slug": "dot-khac",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "nominations_close": date(2026, 12, 15),
        "office": aworld.orgs["D1"],
        "council": aworld.orgs["C1a"],
        "form_codes": ["giay_khen_huyen"],
    }
    with pytest.raises(ValidationError) as refused:
        services.create_round(actor=office, **spec)
    assert refused.value.message_dict == {
        "office": ["Anh/chị chỉ tạo đợt xét cho cơ quan mình."],
        "council": ["Cơ quan được chọn chưa có thành viên hội đồng thi đua, khen thưởng."],
        "form_codes": [
            "Chọn hình thức khen thưởng trong quy định có hiệu lực ngày hết hạn nộp hồ sơ."
        ],
    }
    assert Round.objects.count() == 1
