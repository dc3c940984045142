"""Issue 22 on the contests' public forms (the entrant's sign-up and the entry form): the
single-use form token and the shared rate limit of core.antiabuse. A replayed form writes nothing
more and is answered like the first with a Vietnamese notice; over the limit, a Vietnamese page
with 429, counted across workers."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from giamngheo.contests.models import Entrant, Entry, EntryFile
from giamngheo.core.antiabuse import sign_started
from giamngheo.core.models import SubmissionOnce
from tests.contests.test_contests_views import entry_data, signup_data

pytestmark = pytest.mark.django_db

TOO_MANY = "Anh/chị đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút."


def _token(html: str) -> str:
    return re.search(r'name="started" value="([^"]+)"', html).group(1)


# --- sign-up -----------------------------------------------------------------------------------


def test_a_replayed_signup_registers_one_entrant_and_sends_one_mail(
    cw, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    data = signup_data(started=_token(client.get(reverse("contests:signup")).text))
    users = get_user_model().objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("contests:signup"), data)
        second = client.post(reverse("contests:signup"), data)  # back button, double click
    assert first.status_code == 200
    assert "Đã gửi đường dẫn xác nhận tới truong@example.vn." in first.text
    assert second.status_code == 200
    assert (
        '<p id="message">Biểu mẫu đăng ký này đã được gửi trước đó; hệ thống không ghi nhận '
        "thêm lần nữa. Mời anh/chị mở đường dẫn xác nhận trong thư điện tử đã nhận.</p>"
    ) in second.text
    assert get_user_model().objects.count() == users + 1
    assert Entrant.objects.filter(email="truong@example.vn").count() == 1
    assert [m.to for m in mail.outbox] == [["truong@example.vn"]]
    # The token keeps no e-mail or name (erasure must leave none behind).
    row = SubmissionOnce.objects.get(key__startswith="form:contests.signup:")
    assert (row.result, row.digest) == ("sent", "")


def test_a_refused_signup_leaves_the_token_usable(cw, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    started = sign_started()
    refused = client.post(reverse("contests:signup"), signup_data(started=started, phone="12"))
    assert refused.status_code == 400
    assert "Số điện thoại không hợp lệ." in refused.text
    assert SubmissionOnce.objects.count() == 0
    fixed = client.post(reverse("contests:signup"), signup_data(started=started))
    assert fixed.status_code == 200
    assert Entrant.objects.filter(email="truong@example.vn").count() == 1


def test_the_signup_rate_limit_answers_429_with_a_vietnamese_page(cw, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = 2
    client = Client()
    answers = []
    for n in range(3):
        data = signup_data(started=sign_started(), email=f"nb{n}@example.vn")
        answers.append(client.post(reverse("contests:signup"), data))
        cache.clear()  # the next post reaches another worker with its own local cache
    assert [r.status_code for r in answers] == [200, 200, 429]
    limited = answers[-1]
    assert limited["Content-Type"] == "text/html; charset=utf-8"
    assert limited["Cache-Control"] == "private, no-store"
    assert f'<p id="message">{TOO_MANY}</p>' in limited.text
    assert not Entrant.objects.filter(email="nb2@example.vn").exists()


# --- the entry form ------------------------------------------------------------------------------


def test_the_entry_form_carries_a_signed_token(cw):
    client = Client()
    client.force_login(cw.users["nb1"])
    page = client.get(reverse("contests:submit", args=[cw.contest.slug]))
    assert page.status_code == 200
    assert page.text.count('name="started"') == 1
    assert _token(page.text) != _token(
        client.get(reverse("contests:submit", args=[cw.contest.slug])).text
    )


def test_a_replayed_entry_sends_one_entry(cw):
    client = Client()
    client.force_login(cw.users["nb1"])
    url = reverse("contests:submit", args=[cw.contest.slug])
    data = entry_data(cw)
    started = data["started"]
    first = client.post(url, data)
    assert (first.status_code, first["Location"]) == (302, "/cuoc-thi/cua-toi/")
    files = EntryFile.objects.count()
    # The same form sent again: same fields and files, same token.
    second = client.post(url, entry_data(cw, started=started))
    assert (second.status_code, second["Location"]) == (302, "/cuoc-thi/cua-toi/")
    assert Entry.objects.filter(title="Tiếng loa bản Mông").count() == 1
    assert EntryFile.objects.count() == files == 2
    page = client.get("/cuoc-thi/cua-toi/").text
    assert "Tác phẩm này đã được gửi trước đó; hệ thống không ghi nhận thêm lần nữa." in page


def test_an_entry_with_a_forged_token_is_refused(cw):
    client = Client()
    client.force_login(cw.users["nb1"])
    url = reverse("contests:submit", args=[cw.contest.slug])
    for started in ("abc", ""):
        response = client.post(url, entry_data(cw, started=started))
        assert response.status_code == 400
        assert "Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại." in response.text
    assert (Entry.objects.count(), EntryFile.objects.count(), SubmissionOnce.objects.count()) == (
        0,
        0,
        0,
    )


def test_the_entry_rate_limit_is_per_entrant_and_answers_429_in_vietnamese(cw, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    url = reverse("contests:submit", args=[cw.contest.slug])
    nb1, nb2 = Client(), Client()
    nb1.force_login(cw.users["nb1"])
    nb2.force_login(cw.users["nb2"])
    assert nb1.post(url, entry_data(cw)).status_code == 302
    cache.clear()
    limited = nb1.post(url, entry_data(cw, title="Bản làng đổi thay"))
    assert limited.status_code == 429
    assert limited["Content-Type"] == "text/html; charset=utf-8"
    assert f'<p id="message">{TOO_MANY}</p>' in limited.text
    assert not Entry.objects.filter(title="Bản làng đổi thay").exists()
    # Another entrant has a limit of their own.
    assert nb2.post(url, entry_data(cw, title="Mùa vàng trên bản")).status_code == 302
