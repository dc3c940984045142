"""The blind test: signed in as a juror, crawl every URL reachable from the juror's pages (and
every admin and portal entry point, which must refuse them), follow every link and download,
and look for the entrants' names, pen names, e-mails, phones and outlets in every body, header,
file name and file content; the e-mails sent to the juror too. The excluded juror never reaches
the conflicting entry."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from giamngheo.contests import services
from giamngheo.contests.models import Review
from tests.contests.conftest import SECRET_WORDS, score, to_judging

pytestmark = pytest.mark.django_db

SEEDS = [
    "/",
    "/admin/",
    "/admin/cuoc-thi/danh-sach/",
    "/tim-kiem/?q=Ph%E1%BA%A1m",
    "/cuoc-thi/",
    "/cuoc-thi/vao/",
    "/cuoc-thi/giam-khao/",
    "/cuoc-thi/cua-toi/",
    "/admin/reports/",
]
HREF = re.compile(r'(?:href|src|action)="([^"#]+)"')


def crawl(client, extra_seeds=()):
    seen, queue, bodies = set(), list(SEEDS) + list(extra_seeds), []
    while queue:
        url = queue.pop()
        if url in seen or not url.startswith("/") or "dang-xuat" in url or "/static/" in url:
            continue
        seen.add(url)
        response = client.get(url)
        headers = " ".join(f"{k}: {v}" for k, v in response.items())
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append((url, response.status_code, headers, content))
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.append(response["Location"])
        if "text/html" in response.get("Content-Type", ""):
            for link in HREF.findall(content.decode("utf-8", "replace")):
                target = urljoin(url, link.replace("&amp;", "&"))
                if urlparse(target).netloc == "":
                    queue.append(target)
    return bodies


OPTIONS = re.compile(rb"<option[^>]*>[^<]*</option>")


def assert_blind(bodies):
    for url, _status, headers, content in bodies:
        # The public sign-up form offers every licensed outlet as a choice: a list of all of
        # them links none to an entry. Anything else naming an outlet fails.
        content = OPTIONS.sub(b"", content)
        for word in SECRET_WORDS:
            assert word not in headers, (url, word)
            assert word.encode("utf-8") not in content, (url, word)


@pytest.fixture
def judged(cw, django_capture_on_commit_callbacks):
    to_judging(cw)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(actor=cw.users["organiser"], round=cw.rounds[0])
    score(cw, 1, cw.entries[0], (40, 30, 30))
    return cw


@pytest.mark.parametrize("juror_no", [1, 2, 3])
def test_juror_crawl_reveals_no_author_or_outlet(judged, juror_no):
    client = Client()
    client.force_login(judged.users[f"juror{juror_no}"])
    review_urls = [
        reverse("contests:score", args=[r.pk])
        for r in Review.objects.filter(juror__user=judged.users[f"juror{juror_no}"])
    ]
    bodies = crawl(client, review_urls)
    reached = {url for url, status, _h, _c in bodies if status == 200}
    assert reverse("contests:jury") in reached
    assert set(review_urls) <= reached
    downloads = [url for url, status, _h, _c in bodies if "/tep/" in url and status == 200]
    assert len(downloads) == 2 * len(review_urls)  # audio and script of each radio entry
    # The admin and its search are closed to jurors (no staff role): the sign-in page.
    status = {u: s for u, s, _h, _c in bodies}
    assert {status[u] for u in SEEDS if u.startswith("/admin/")} == {302}
    assert_blind(bodies)
    mine = [m for m in mail.outbox if judged.users[f"juror{juror_no}"].email in m.to]
    assert len(mine) == 1
    for message in mine:
        for word in SECRET_WORDS:
            assert word not in message.subject + message.body


def test_excluded_juror_never_reaches_the_conflicting_entry(judged):
    paper_entry = judged.entries[2]
    client = Client()
    client.force_login(judged.users["juror3"])
    bodies = crawl(client)
    assert paper_entry.code not in b"".join(c for _u, _s, _h, c in bodies).decode(
        "utf-8", "replace"
    )
    assert paper_entry.title.encode() not in b"".join(c for _u, _s, _h, c in bodies)
    other = Review.objects.filter(entry=paper_entry).first()
    assert client.get(reverse("contests:score", args=[other.pk])).status_code == 404
    for pk in (other.pk - 1, other.pk + 1):
        if not Review.objects.filter(pk=pk, juror__user=judged.users["juror3"]).exists():
            assert client.get(reverse("contests:score", args=[pk])).status_code == 404


def test_declared_conflict_removes_the_entry(judged):
    client = Client()
    client.force_login(judged.users["juror1"])
    review = Review.objects.get(juror__user=judged.users["juror1"], entry=judged.entries[1])
    response = client.post(reverse("contests:conflict", args=[review.pk]), {"reason": "Người quen"})
    assert response.status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    assert client.get(reverse("contests:score", args=[review.pk])).status_code == 404


def test_juror_never_sees_other_scores_before_close(judged):
    client = Client()
    client.force_login(judged.users["juror2"])
    review = Review.objects.get(juror__user=judged.users["juror2"], entry=judged.entries[0])
    page = client.get(reverse("contests:score", args=[review.pk])).content.decode()
    assert "100.00" not in page  # juror 1's total of this entry
