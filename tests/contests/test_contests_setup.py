"""The set-up screens of the admin: the secretary creates a contest on a 2.2 activity with its
rules, prizes, rounds and jury, and records a conflict — without the shell. Each screen as the
secretary (create → listed → edit), a foreign officer (404) and an unauthorised one (403), bad
input refused in Vietnamese with nothing written; dates shown 15/11/2023, money 5.000.000."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.contests import services
from giamngheo.contests.models import Conflict, Contest, Criterion, Juror, PrizeTier, Review, Round
from giamngheo.core.models import StatusEvent
from tests.contests.conftest import pdf_bytes, to_judging, upload

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contest_data(cw, **overrides) -> dict:
    data = {
        "activity": cw.contest.activity_id,
        "name": "Cuộc thi báo chí “Vì người nghèo” năm 2024",
        "slug": "",
        "organiser": cw.orgs["so"].pk,
        "rules_text": "Mỗi tác giả gửi không quá hai tác phẩm.",
        "entries_open": "15/11/2023",
        "entries_close": "31/03/2024",
        "published_from": "01/01/2023",
        "published_to": "15/03/2024",
        "media": ["print", "radio"],
        "max_works_per_author": "2",
        "max_words": "3.000",
        "max_minutes": "30",
        "max_instalments": "5",
        "secretariat": [cw.users["secretary"].pk],
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn Ký",
    }
    data.update(overrides)
    return data


def _new(cw) -> Contest:
    return Contest.objects.exclude(pk=cw.contest.pk).get()


def test_secretary_creates_lists_and_edits_a_contest(cw):
    client = _client(cw.users["secretary"])
    form = client.get(reverse("contests_new"))
    assert form.status_code == 200
    assert "Hoạt động của kế hoạch (mục 2.2)" in form.content.decode()
    assert cw.contest.activity.title in form.content.decode()
    data = contest_data(cw, rules_file=upload("the-le.pdf", pdf_bytes("Người soạn")))
    response = client.post(reverse("contests_new"), data)
    contest = _new(cw)
    assert response.status_code == 302
    assert response["Location"] == reverse("contests_contest", args=[contest.pk])
    assert contest.name == "Cuộc thi báo chí “Vì người nghèo” năm 2024"
    assert contest.slug == "cuoc-thi-bao-chi-vi-nguoi-ngheo-nam-2024"
    assert contest.entries_open == date(2023, 11, 15)
    assert contest.max_words == 3000
    assert [(m.kind, m.name) for m in contest.media.all()] == [
        ("print", "Báo in"),
        ("radio", "Phát thanh"),
    ]
    assert list(contest.secretariat.all()) == [cw.users["secretary"]]
    stored = contest.rules_file.read()
    assert stored.startswith(b"%PDF") and "Người soạn".encode() not in stored
    # listed (and only in scope), then shown on its page with Vietnamese dates
    listing = client.get(reverse("cuoc-thi:index")).content.decode()
    assert contest.name.replace("“", "&ldquo;") in listing or contest.name in listing
    assert reverse("contests_new") in listing
    page = client.get(reverse("contests_contest", args=[contest.pk])).content.decode()
    assert "15/11/2023 – 31/03/2024" in page
    # edit: the form shows the dates as typed, the change is saved and written in the history
    edit_url = reverse("contests_edit", args=[contest.pk])
    edit = client.get(edit_url).content.decode()
    assert 'value="15/11/2023"' in edit
    assert 'value="3.000"' in edit
    changed = contest_data(
        cw, name="Cuộc thi báo chí về giảm nghèo 2024", entries_close="30/04/2024"
    )
    changed["media"] = ["print", "radio", "tv"]
    response = client.post(edit_url, changed)
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.name == "Cuộc thi báo chí về giảm nghèo 2024"
    assert contest.entries_close == date(2024, 4, 30)
    assert [m.kind for m in contest.media.all()] == ["print", "radio", "tv"]
    assert StatusEvent.objects.filter(object_id=contest.pk, action="contest_updated").count() == 1


def test_contest_screens_refuse_foreign_and_unauthorised_officers(cw):
    foreign = _client(cw.users["district_officer"])  # an officer of another body
    assert foreign.get(reverse("contests_new")).status_code == 403
    assert foreign.post(reverse("contests_new"), contest_data(cw)).status_code == 403
    for name in ("contests_edit", "contests_prize_add", "contests_round_add"):
        for pk in (cw.contest.pk, cw.contest.pk + 1):
            assert foreign.get(reverse(name, args=[pk])).status_code == 404
    assert foreign.post(reverse("contests_edit", args=[cw.contest.pk]), {}).status_code == 404
    outsider = _client(cw.users["outsider"])  # no admin access at all: sent to sign in
    response = outsider.get(reverse("contests_new"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Contest.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"entries_close": "01/11/2023"}, "Hạn nhận tác phẩm phải sau ngày bắt đầu nhận."),
        ({"entries_open": "31/02/2024"}, "Ngày không hợp lệ, ví dụ 15/11/2023."),
        ({"media": []}, "Trường này là bắt buộc."),
        ({"max_works_per_author": "2,5"}, None),
        ({"slug": "bao-chi-giam-ngheo-2023"}, "Đường dẫn này đã được một cuộc thi khác dùng."),
    ],
)
def test_contest_bad_input_is_refused_in_vietnamese(cw, overrides, field_error):
    client = _client(cw.users["secretary"])
    events = StatusEvent.objects.count()
    response = client.post(reverse("contests_new"), contest_data(cw, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-message"' in page
    if field_error:
        assert field_error in page
    assert Contest.objects.count() == 1
    assert StatusEvent.objects.count() == events


def test_a_rules_file_of_the_wrong_kind_is_refused(cw):
    client = _client(cw.users["secretary"])
    data = contest_data(cw, rules_file=upload("the-le.pdf", b"MZ\x90\x00 not a pdf"))
    response = client.post(reverse("contests_new"), data)
    assert response.status_code == 400
    assert "Loại tệp không được chấp nhận. Chỉ nhận: docx, pdf." in response.content.decode()
    assert Contest.objects.count() == 1


def test_prize_tier_money_typed_the_vietnamese_way(cw):
    client = _client(cw.users["secretary"])
    url = reverse("contests_prize_add", args=[cw.contest.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"medium": cw.tv.pk, "name": "Giải A", "quota": "1", "amount": "5.000.000", "position": 0},
    )
    assert response.status_code == 302
    tier = PrizeTier.objects.get(medium=cw.tv)
    assert (tier.name, tier.quota, tier.amount) == ("Giải A", 1, 5_000_000)
    page = client.get(reverse("contests_contest", args=[cw.contest.pk])).content.decode()
    assert "<td>5.000.000</td>" in page
    bad = client.post(url, {"medium": cw.tv.pk, "name": "Giải B", "quota": "1", "amount": "3,5"})
    assert bad.status_code == 400
    assert PrizeTier.objects.filter(medium=cw.tv).count() == 1


def round_data(cw, **overrides) -> dict:
    data = {
        "name": "Vòng sơ khảo",
        "starts_on": "01/11/2023",
        "ends_on": "10/11/2023",
        "media": [cw.radio.pk, cw.tv.pk],
        "criteria": "Nội dung, tư tưởng; 40; 2\nHình thức thể hiện; 30; 1,5\n"
        "Tính sáng tạo; 30; 1; không bắt buộc",
        "finalists_per_medium": "2",
        "spread_flag": "15",
    }
    data.update(overrides)
    return data


def test_organiser_sets_up_a_round_and_edits_it(cw):
    client = _client(cw.users["secretary"])
    url = reverse("contests_round_add", args=[cw.contest.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, round_data(cw))
    rnd = Round.objects.get(contest=cw.contest)
    assert response.status_code == 302
    assert response["Location"] == reverse("contests_round", args=[rnd.pk])
    assert (rnd.number, rnd.name, rnd.starts_on, rnd.finalists_per_medium) == (
        1,
        "Vòng sơ khảo",
        date(2023, 11, 1),
        2,
    )
    assert [(c.name, c.maximum, c.weight, c.required) for c in rnd.criteria.all()] == [
        ("Nội dung, tư tưởng", 40, Decimal("2.00"), True),
        ("Hình thức thể hiện", 30, Decimal("1.50"), True),
        ("Tính sáng tạo", 30, Decimal("1.00"), False),
    ]
    listing = client.get(reverse("contests_contest", args=[cw.contest.pk])).content.decode()
    assert reverse("contests_round", args=[rnd.pk]) in listing
    page = client.get(reverse("contests_round", args=[rnd.pk])).content.decode()
    assert "01/11/2023 – 10/11/2023" in page
    edit_url = reverse("contests_round_edit", args=[rnd.pk])
    edit = client.get(edit_url).content.decode()
    assert "Hình thức thể hiện; 30; 1,5" in edit
    assert 'value="01/11/2023"' in edit
    response = client.post(
        edit_url, round_data(cw, ends_on="12/11/2023", criteria="Chất lượng chung; 100; 1")
    )
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.ends_on == date(2023, 11, 12)
    assert [c.name for c in rnd.criteria.all()] == ["Chất lượng chung"]


def test_round_bad_input_writes_nothing(cw):
    client = _client(cw.users["secretary"])
    url = reverse("contests_round_add", args=[cw.contest.pk])
    response = client.post(url, round_data(cw, criteria="Nội dung; 40; 2\nHình thức; 300"))
    assert response.status_code == 400
    assert "Dòng 2: cần “tên tiêu chí; điểm tối đa (1–100); trọng số”" in response.content.decode()
    response = client.post(url, round_data(cw, ends_on="20/10/2023"))
    assert response.status_code == 400
    assert "Ngày kết thúc chấm phải sau ngày bắt đầu." in response.content.decode()
    assert not Round.objects.exists() and not Criterion.objects.exists()


def test_jury_assigned_and_conflict_recorded_through_the_screens(cw):
    to_judging(cw)
    rnd = cw.rounds[0]
    client = _client(cw.users["secretary"])
    url = reverse("contests_juror_add", args=[cw.rounds[1].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"account": "gk3@example.vn", "employer": cw.orgs["paper"].pk})
    assert response.status_code == 302
    added = Juror.objects.get(round=cw.rounds[1], user=cw.users["juror3"])
    assert added.employer == cw.orgs["paper"]
    page = client.get(reverse("contests_round", args=[cw.rounds[1].pk])).content.decode()
    assert "Giám khảo 3" in page and "Báo Miền Núi Mẫu" in page
    # unknown account, an entrant as juror: refused in Vietnamese, nothing written
    jurors = Juror.objects.count()
    unknown = client.post(url, {"account": "khong.co.ai"})
    assert unknown.status_code == 400
    assert "Không tìm thấy tài khoản này." in unknown.content.decode()
    entrant = client.post(url, {"account": "nb1"})
    assert entrant.status_code == 400
    assert "Người đã gửi tác phẩm dự thi không thể là giám khảo." in entrant.content.decode()
    assert Juror.objects.count() == jurors
    # remove the juror again
    response = client.post(reverse("contests_juror_remove", args=[added.pk]))
    assert response.status_code == 302
    assert not Juror.objects.filter(pk=added.pk).exists()
    # a conflict reported to the secretariat: juror 1 never gets entry 0
    conflict_url = reverse("contests_conflict_add", args=[rnd.pk])
    form = client.get(conflict_url).content.decode()
    assert cw.entries[0].code in form and cw.entries[0].title not in form
    missing = client.post(conflict_url, {"juror": cw.jurors[1].pk, "entry": cw.entries[0].pk})
    assert missing.status_code == 400 and not Conflict.objects.exists()
    response = client.post(
        conflict_url,
        {"juror": cw.jurors[1].pk, "entry": cw.entries[0].pk, "reason": "Người thân của tác giả"},
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.source, conflict.reason) == ("recorded", "Người thân của tác giả")
    services.open_round(actor=cw.users["organiser"], round=rnd, notify_jurors=False)
    assert not Review.objects.filter(juror=cw.jurors[1], entry=cw.entries[0]).exists()
    assert Review.objects.filter(juror=cw.jurors[2], entry=cw.entries[0]).exists()
    # once open, the jury is frozen
    late = client.post(reverse("contests_juror_remove", args=[cw.jurors[2].pk]))
    assert late.status_code == 302
    assert Juror.objects.filter(pk=cw.jurors[2].pk).exists()


def test_jury_screens_refuse_foreign_officers(cw):
    to_judging(cw)
    foreign = _client(cw.users["district_officer"])
    rnd = cw.rounds[0]
    for name, pk in (
        ("contests_round_edit", rnd.pk),
        ("contests_juror_add", rnd.pk),
        ("contests_conflict_add", rnd.pk),
        ("contests_round_edit", cw.rounds[1].pk + 1),
    ):
        assert foreign.get(reverse(name, args=[pk])).status_code == 404
    juror = cw.jurors[1]
    assert foreign.post(reverse("contests_juror_remove", args=[juror.pk])).status_code == 404
    response = foreign.post(
        reverse("contests_conflict_add", args=[rnd.pk]),
        {"juror": juror.pk, "entry": cw.entries[0].pk, "reason": "x"},
    )
    assert response.status_code == 404
    assert Juror.objects.filter(pk=juror.pk).exists() and not Conflict.objects.exists()


@pytest.fixture
def demo(db):
    from giamngheo.contests.demo import load_demo_contests
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    load_demo_contests(with_users=True)


def test_demo_secretary_sets_up_a_contest_on_the_2023_activity(demo):
    from django.contrib.auth import get_user_model

    secretary = get_user_model().objects.get(username="thuky.cuocthi")
    assert secretary.check_password("ThuKy#Demo2023")
    client = _client(secretary)
    demo_contest = Contest.objects.get(slug="bao-chi-giam-ngheo-2023")
    form = client.get(reverse("contests_new")).content.decode()
    assert f'<option value="{demo_contest.activity_id}">' in form
    # the decided 2023 contest is frozen: no edit button, and its edit screen refuses
    page = client.get(reverse("contests_contest", args=[demo_contest.pk])).content.decode()
    assert 'id="btn-contest-edit"' not in page
    data = {
        "activity": demo_contest.activity_id,
        "name": "Cuộc thi tác phẩm báo chí về giảm nghèo năm 2024",
        "organiser": demo_contest.organiser_id,
        "entries_open": "15/11/2023",
        "entries_close": "31/03/2024",
        "published_from": "01/01/2023",
        "published_to": "15/03/2024",
        "media": ["print", "online"],
        "max_works_per_author": "3",
        "max_words": "3.000",
        "max_minutes": "0",
        "max_instalments": "5",
        "secretariat": [secretary.pk],
    }
    refused = client.post(reverse("contests_edit", args=[demo_contest.pk]), data)
    assert refused.status_code == 400
    assert "Cuộc thi đã chuyển sang chấm: không sửa thể lệ được nữa." in refused.content.decode()
    assert Contest.objects.get(pk=demo_contest.pk).name == demo_contest.name
    response = client.post(reverse("contests_new"), data)
    assert response.status_code == 302
    created = Contest.objects.get(name="Cuộc thi tác phẩm báo chí về giảm nghèo năm 2024")
    assert created.slug == "cuoc-thi-tac-pham-bao-chi-ve-giam-ngheo-nam-2024"
    listing = client.get(reverse("cuoc-thi:index")).content.decode()
    assert created.name in listing and demo_contest.name in listing
    edited = client.post(
        reverse("contests_edit", args=[created.pk]), {**data, "max_words": "4.000"}
    )
    assert edited.status_code == 302
    created.refresh_from_db()
    assert created.max_words == 4000
