"""The public and entrant pages over HTTP: sign-up (honeypot, bad input in Vietnamese, nothing
written), e-mail confirmation, the entry form refusing bad input with 400 and nothing written,
the public results hidden until the decision, constant queries on the contest page."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from giamngheo.contests.models import Entrant, Entry, EntryFile
from giamngheo.core.antiabuse import sign_started
from tests.contests.conftest import AUTHOR, mp3_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "full_name": "Mai Xuân Trường",
        "pen_name": "Xuân Trường",
        "phone": "0977 111 222",
        "email": "truong@example.vn",
        "password": "TacPham#GiamNgheo2023",
        "website": "",
        "started": sign_started(),
    }
    data.update(overrides)
    return data


def test_signup_confirms_by_email(cw, settings, django_capture_on_commit_callbacks):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    assert client.get(reverse("contests:signup")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contests:signup"), signup_data(started=sign_started()))
    assert response.status_code == 200
    entrant = Entrant.objects.get(email="truong@example.vn")
    assert (entrant.user.is_active, entrant.verified_at) == (False, None)
    link = re.search(r"/cuoc-thi/xac-nhan/\S+/", mail.outbox[-1].body).group(0)
    assert client.get(link).status_code == 302
    entrant.refresh_from_db()
    assert entrant.user.is_active and entrant.verified_at is not None


@pytest.mark.parametrize(
    "overrides,text",
    [
        ({"website": "http://spam"}, "Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại."),
        ({"phone": "12"}, "Số điện thoại không hợp lệ."),
        ({"email": "anh.pham@baomau.vn"}, "Thư điện tử này đã được đăng ký."),
    ],
)
def test_signup_bad_input(cw, settings, overrides, text):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    users = get_user_model().objects.count()
    response = Client().post(reverse("contests:signup"), signup_data(**overrides))
    assert response.status_code == 400
    assert text in response.content.decode()
    assert get_user_model().objects.count() == users


def entry_data(cw, **overrides):
    data = {
        "medium": cw.radio.pk,
        "title": "Tiếng loa bản Mông",
        "outlet": cw.orgs["station"].pk,
        "published_on": "15/06/2023",
        "placement": "Thời sự 18 giờ",
        "instalments": "1",
        "length": "12",
        "not_awarded_elsewhere": "on",
        "not_entered_elsewhere": "on",
        "grants_rights": "on",
        "work": upload("a.mp3", mp3_bytes()),
        "script": upload("b.pdf", pdf_bytes()),
        # The form's signed start (its single-use token), opened a minute ago.
        "started": sign_started(time.time() - 60),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    "overrides,text",
    [
        (
            {"published_on": "31/12/2022"},
            "Tác phẩm phải được đăng, phát từ ngày 01/01/2023 đến ngày 31/10/2023.",
        ),
        ({"grants_rights": None}, "Vui lòng xác nhận đủ ba cam kết"),
        ({"work": "x"}, "Thiếu tác phẩm cho loại hình Phát thanh."),
        ({"length": "45"}, "Tác phẩm vượt quá 30 phút mỗi kỳ."),
    ],
)
def test_entry_form_bad_input(cw, overrides, text):
    client = Client()
    client.force_login(cw.users["nb1"])
    data = entry_data(cw, **overrides)
    if data.get("work") == "x":
        del data["work"]
    response = client.post(reverse("contests:submit", args=[cw.contest.slug]), data)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert (Entry.objects.count(), EntryFile.objects.count()) == (0, 0)


def test_entry_form_sends_and_lists(cw):
    client = Client()
    client.force_login(cw.users["nb1"])
    response = client.post(reverse("contests:submit", args=[cw.contest.slug]), entry_data(cw))
    assert response.status_code == 302
    page = client.get(reverse("contests:mine")).content.decode()
    assert "Tiếng loa bản Mông" in page and "Đã gửi, chờ thẩm định" in page


def test_results_hidden_until_decision(cw):
    cw.submit(title="Bản làng đổi thay")
    page = Client().get(reverse("contests:detail", args=[cw.contest.slug])).content.decode()
    assert AUTHOR not in page and 'id="awards"' not in page


def test_contest_page_queries_constant(cw, django_assert_max_num_queries):
    client = Client()
    # The first page served on a site creates its footer settings once; count a later visit.
    assert client.get(reverse("contests:detail", args=[cw.contest.slug])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("contests:detail", args=[cw.contest.slug])).status_code == 200
