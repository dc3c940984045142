"""Issue 22 on the campaigns' public form: the single-use form token and the shared rate limit of
core.antiabuse. A replayed form files nothing more and is answered with the first page and a
Vietnamese notice; over the limit, a Vietnamese page with 429, counted across workers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from giamngheo.campaigns.models import Submission
from giamngheo.core.models import SubmissionOnce
from tests.campaigns.test_campaigns_views import _form_data

pytestmark = pytest.mark.django_db

REPLAYED = "Bài này đã được gửi trước đó; hệ thống không ghi nhận thêm lần nữa."


def _url(cworld):
    return reverse("campaigns:submit", args=[cworld.campaign.slug])


def test_a_replayed_form_files_one_item_and_answers_the_first_page(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    data = {**_form_data(cworld, client), "action": "submit", "code": cworld.code_for()}
    first = client.post(_url(cworld), data)
    item = Submission.objects.get()
    assert first.status_code == 302
    assert first["Location"] == f"/chien-dich/theo-doi/{item.private_token}/?moi=1"

    second = client.post(_url(cworld), data)  # the back button, or a double click
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Submission.objects.count() == 1
    assert SubmissionOnce.objects.filter(key__startswith="form:campaigns:").count() == 1
    page = client.get(second["Location"])
    assert page.status_code == 200
    assert f'<p role="status">{REPLAYED}</p>' in page.text

    # A new form carries a new token: it is a new submission.
    other = "0987 654 321"
    fresh = {
        **_form_data(cworld, client, contact=other, title="Mùa vàng trên bản"),
        "action": "submit",
        "code": cworld.code_for(other),
    }
    third = client.post(_url(cworld), fresh)
    assert third.status_code == 302 and third["Location"] != first["Location"]
    assert Submission.objects.count() == 2


def test_a_refused_post_leaves_the_token_usable(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    data = {**_form_data(cworld, client), "action": "submit"}
    code = cworld.code_for()
    wrong = client.post(_url(cworld), {**data, "code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400
    assert (Submission.objects.count(), SubmissionOnce.objects.count()) == (0, 0)
    right = client.post(_url(cworld), {**data, "code": code})
    assert right.status_code == 302
    assert Submission.objects.count() == 1


def test_the_rate_limit_answers_429_with_a_vietnamese_page_across_workers(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.CAMPAIGN_RATE_LIMIT = 2
    client = Client()
    answers = []
    for n in range(3):
        contact = f"0912 000 00{n}"
        data = {
            **_form_data(cworld, client, contact=contact),
            "action": "submit",
            "code": cworld.code_for(contact),
        }
        answers.append(client.post(_url(cworld), data))
        cache.clear()  # the next post reaches another worker with its own local cache
    assert [r.status_code for r in answers] == [302, 302, 429]
    limited = answers[-1]
    assert limited["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Không thực hiện được yêu cầu</h1>" in limited.text
    assert (
        '<p role="alert">Bạn đã gửi quá nhiều bài trong thời gian ngắn. '
        "Vui lòng thử lại sau ít phút.</p>"
    ) in limited.text
    assert Submission.objects.count() == 2
