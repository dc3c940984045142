"""Campaign pages over HTTP: the gallery loads nothing from a third party before a click (no
third-party address in any attribute that loads), its CSP frames only the players' hosts, it is
cached and purged on moderation; the submission form with its code (Vietnamese errors, nothing
written); the moderation queue in constant queries."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.campaigns import services
from giamngheo.campaigns.models import Submission
from giamngheo.core import channels
from tests.campaigns.conftest import PHONE, TIKTOK

CHECKS = {"opened": True, "on_topic": True, "lawful": True, "people_consent": True}
# Attributes by which a page makes the browser fetch something as it loads (a link <a href>
# is fetched only when followed).
LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
    "input": ("src",),
    "form": ("action",),
}


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.inline_scripts = 0
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in LOADING.get(tag, ()):
            if attrs.get(name):
                self.urls.append((tag, name, attrs[name]))
        if "style" in attrs:
            self.styles.append(tag)
        self._in_script_without_src = tag == "script" and not attrs.get("src")

    def handle_data(self, data):
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script_without_src = False


def _third_party(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url)) and not re.match(
        r"^(https?:)?//(testserver|localhost)(:\d+)?/", url
    )


def _approved(cworld, **kwargs):
    item = cworld.submit(**kwargs)
    return services.approve_submission(
        actor=cworld.users["moderator"], submission=item, checks=CHECKS
    )


@pytest.fixture
def shown(cworld):
    tiktok = _approved(cworld)
    youtube = _approved(
        cworld,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title="Bài hỏi – đáp về vay vốn ưu đãi",
        contact="0987 654 321",
        kind="reportage",
    )
    facebook = _approved(
        cworld,
        url="https://www.facebook.com/doanxa/posts/123456",
        title="Tranh cổ động giảm nghèo",
        contact="0987 654 322",
        kind="post",
        commune=cworld.units["C1b"],
    )
    return {"tiktok": tiktok, "youtube": youtube, "facebook": facebook}


@pytest.mark.parametrize("page", ["index", "campaign"])
def test_the_gallery_loads_no_third_party_resource_before_a_click(cworld, shown, page):
    url = (
        reverse("campaigns:index")
        if page == "index"
        else reverse("campaigns:campaign", args=[cworld.campaign.slug])
    )
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 200
    parser = _Loads()
    parser.feed(html)
    assert [u for u in parser.urls if _third_party(u[2])] == []
    assert parser.styles == [] and parser.inline_scripts == 0
    # Our card, with the player's address held for the click only.
    assert (
        'data-embed-src="https://www.tiktok.com/embed/v2/7251234567890123456"' in html
        and 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    )
    assert "Xem trên TikTok" in html and "Xem trên YouTube" in html
    assert html.count("data-embed-src=") == 2  # Facebook has no player: linked only
    assert ("script", "src", "/static/campaigns/gallery.js") in parser.urls
    csp = response["Content-Security-Policy"]
    # Directives in any order (the header's order is not part of its meaning).
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["frame-src"] == "https://www.tiktok.com https://www.youtube-nocookie.com"
    assert directives["script-src"].split()[0] == "'self'" and "unsafe-inline" not in csp


def test_other_pages_keep_frame_src_none(cworld):
    response = Client().get(reverse("campaigns:submit", args=[cworld.campaign.slug]))
    assert "frame-src 'none'" in response["Content-Security-Policy"]


def test_the_gallery_filters_by_commune_and_kind(cworld, shown):
    client = Client()
    base = reverse("campaigns:campaign", args=[cworld.campaign.slug])
    page = client.get(base, {"loai": "reportage"}).content.decode()
    assert "Bài hỏi – đáp về vay vốn ưu đãi" in page
    assert "Tranh cổ động giảm nghèo" not in page
    page = client.get(base, {"xa": cworld.units["C1b"].pk}).content.decode()
    assert "Tranh cổ động giảm nghèo" in page
    assert "Hành trình thoát nghèo" not in page
    page = client.get(base, {"xa": "không-phải-số"}).content.decode()
    assert "Tranh cổ động giảm nghèo" in page


def test_featured_items_come_first(cworld, shown):
    services.set_featured(
        actor=cworld.users["moderator"], submission=shown["facebook"], featured=True
    )
    page = Client().get(reverse("campaigns:index")).content.decode()
    titles = re.findall(r'<h3 id="item-\d+">([^<]+)</h3>', page)
    assert titles[0] == "Tranh cổ động giảm nghèo"


def test_the_gallery_is_cached_and_purged_on_moderation(cworld, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cp"}
    }
    client = Client()
    url = reverse("campaigns:campaign", args=[cworld.campaign.slug])
    item = cworld.submit()
    assert "Hành trình thoát nghèo" not in client.get(url).text
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as served:
        client.get(url)
    assert len(served) == 0  # from the page cache
    approved = services.approve_submission(
        actor=cworld.users["moderator"], submission=item, checks=CHECKS
    )
    assert "Hành trình thoát nghèo" in client.get(url).text
    services.hide_submission(actor=cworld.users["moderator"], submission=approved, reason="Sai")
    assert "Hành trình thoát nghèo" not in client.get(url).text


# --- the submission form ---------------------------------------------------------------------


def _form_data(cworld, client, **overrides):
    page = client.get(reverse("campaigns:submit", args=[cworld.campaign.slug])).text
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    data = {
        "started": started,
        "url": TIKTOK,
        "kind": "video",
        "title": "Hành trình thoát nghèo",
        "description": "",
        "commune": cworld.units["C1a"].pk,
        "author_name": "Đoàn Thanh niên xã C1a",
        "contact_channel": "sms",
        "contact": PHONE,
        "consent_show": "on",
        "consent_people": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_citizen_submits_with_the_code_sent_to_their_phone(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    data = _form_data(cworld, client)
    channels.outbox.clear()
    sent = client.post(
        reverse("campaigns:submit", args=[cworld.campaign.slug]), {**data, "action": "send_code"}
    )
    assert sent.status_code == 200
    assert "Mã xác minh đã được gửi." in sent.text
    assert 'value="Hành trình thoát nghèo"' in sent.text  # the form comes back filled in
    code = re.search(r": (\d{6}) ", channels.outbox[-1].text).group(1)
    assert channels.outbox[-1].to == "0912345678"
    done = client.post(
        reverse("campaigns:submit", args=[cworld.campaign.slug]),
        {**data, "action": "submit", "code": code},
    )
    item = Submission.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"/chien-dich/theo-doi/{item.private_token}/?moi=1"
    assert (item.status, item.author_name, item.client_hash != "") == (
        "pending",
        "Đoàn Thanh niên xã C1a",
        True,
    )
    page = client.get(done["Location"]).text
    assert "Đã nhận bài của bạn." in page and "Chờ kiểm duyệt" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"url": "javascript:alert(1)"}, "Liên kết phải là địa chỉ trang web, bắt đầu bằng https:// hoặc http://."),
        ({"url": "http://192.168.0.10/video"}, "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ({"url": "https://vimeo.com/123456"}, "Liên kết không thuộc nền tảng chiến dịch mời tham gia"),
        ({"code": "99999x"}, "Mã xác minh"),
        ({"code": ""}, "Vui lòng nhập mã xác minh đã nhận."),
        ({"consent_show": ""}, "Cần đồng ý để bài được công khai trên Cổng thông tin."),
    ],
)  # fmt: skip
def test_bad_input_is_answered_in_vietnamese_and_nothing_is_written(
    cworld, settings, overrides, message
):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    data = _form_data(cworld, client, **overrides)
    response = client.post(
        reverse("campaigns:submit", args=[cworld.campaign.slug]),
        {"action": "submit", "code": "123456", **data},
    )
    assert response.status_code == 400
    assert "Chưa gửi được. Vui lòng sửa các mục sau:" in response.text
    assert message in response.text
    assert Submission.objects.count() == 0


def test_the_honeypot_and_a_forged_timestamp_are_refused(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    client = Client()
    url = reverse("campaigns:submit", args=[cworld.campaign.slug])
    trapped = client.post(
        url, {**_form_data(cworld, client, website="http://spam"), "action": "submit"}
    )
    assert trapped.status_code == 400
    assert "Biểu mẫu không hợp lệ." in trapped.text
    forged = client.post(url, {**_form_data(cworld, client, started="abc"), "action": "submit"})
    assert forged.status_code == 400
    assert Submission.objects.count() == 0


def test_submissions_are_rate_limited_per_client(cworld, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.CAMPAIGN_RATE_LIMIT = 2
    client = Client()
    url = reverse("campaigns:submit", args=[cworld.campaign.slug])
    answers = [
        client.post(
            url, {**_form_data(cworld, client), "action": "submit", "code": "1"}
        ).status_code
        for _ in range(3)
    ]
    assert answers == [400, 400, 429]


def test_a_closed_campaign_takes_no_submission(cworld):
    from datetime import date

    cworld.campaign.__class__.objects.filter(pk=cworld.campaign.pk).update(
        starts_on=date(2023, 6, 1), ends_on=date(2023, 9, 30)
    )
    response = Client().get(reverse("campaigns:submit", args=[cworld.campaign.slug]))
    assert response.status_code == 400
    assert "Chiến dịch chỉ nhận bài từ ngày 01/06/2023 đến ngày 30/09/2023." in response.text


def test_a_public_report_form_counts_once_per_visitor(cworld):
    item = _approved(cworld)
    client = Client(REMOTE_ADDR="198.51.100.7")
    url = reverse("campaigns:report", args=[item.pk])
    assert "csrfmiddlewaretoken" in client.get(url).text
    assert "Cảm ơn bạn." in client.post(url, {"reason": "spam"}).text
    assert "Cảm ơn bạn." in client.post(url, {"reason": "spam"}).text
    bad = client.post(url, {"reason": "không-có"})
    assert bad.status_code == 400
    item.refresh_from_db()
    assert (item.report_count, item.status) == (1, "approved")


# --- admin -------------------------------------------------------------------------------------


def _queue_queries(cworld, django_assert_num_queries, count):
    client = Client()
    client.force_login(cworld.users["moderator"])
    url = reverse("campaigns_queue") + f"?chien_dich={cworld.campaign.pk}"
    client.get(url)  # warm the admin's per-process caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count('href="/admin/chien-dich/bai/') == count
    return len(queries)


def test_the_queue_runs_the_same_queries_for_1_and_3_items(cworld, django_assert_num_queries):
    cworld.submit()
    one = _queue_queries(cworld, django_assert_num_queries, 1)
    cworld.submit(contact="0987 000 001")
    cworld.submit(contact="0987 000 002")
    three = _queue_queries(cworld, django_assert_num_queries, 3)
    assert one == three


def test_the_moderator_approves_from_the_admin_screen(cworld):
    from tests.campaigns.test_campaigns_services import _png

    item = cworld.submit()
    client = Client()
    client.force_login(cworld.users["moderator"])
    screen = client.get(reverse("campaigns_submission", args=[item.pk]))
    assert screen.status_code == 200
    assert "091…678" in screen.text and "0912345678" not in screen.text
    refused = client.post(reverse("campaigns_approve", args=[item.pk]), {"opened": "on"})
    assert refused.status_code == 400
    assert "Vui lòng đánh dấu đủ các nội dung đã kiểm tra trước khi duyệt." in refused.text
    from django.core.files.uploadedfile import SimpleUploadedFile

    done = client.post(
        reverse("campaigns_approve", args=[item.pk]),
        {
            "opened": "on",
            "on_topic": "on",
            "lawful": "on",
            "people_consent": "on",
            "note": "Đã xem trên TikTok",
            "thumbnail": SimpleUploadedFile("anh.png", _png()),
        },
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "approved" and item.thumbnail.name.endswith(".png")
    assert Client().get(reverse("campaigns:thumbnail", args=[item.pk])).status_code == 200
    taken = client.post(
        reverse("campaigns_takedown", args=[item.pk]),
        {"requested_at": "01/01/2020 08:00", "reason": "Yêu cầu của người trong video"},
    )
    assert taken.status_code == 400
    assert "Thời điểm nhận yêu cầu không thể trước khi bài được gửi." in taken.text


def _queue_rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_a_queue_row_shows_the_item_as_entered(cworld):
    """Title and link, platform (an upload has none), kind, commune, local time, reports."""
    from datetime import UTC, datetime

    linked = cworld.submit()
    uploaded = cworld.submit(contact="0987 000 001", title="Ảnh <đẹp> & “mới”", kind="photo")
    Submission.objects.filter(pk=linked.pk).update(
        submitted_at=datetime(2023, 6, 1, 17, 5, tzinfo=UTC), report_count=2
    )
    Submission.objects.filter(pk=uploaded.pk).update(
        platform=None, submitted_at=datetime(2023, 6, 2, 1, 30, tzinfo=UTC)
    )
    client = Client()
    client.force_login(cworld.users["moderator"])
    url = reverse("campaigns_queue") + f"?chien_dich={cworld.campaign.pk}"
    response = client.get(url)
    assert response.status_code == 200
    assert _queue_rows(response.text) == [
        f'<td> <input type="checkbox" name="items" value="{linked.pk}" id="chon-{linked.pk}" '
        'aria-label="Chọn bài “Hành trình thoát nghèo của gia đình chị Lan”"> </td> <td> '
        f'<a href="/admin/chien-dich/bai/{linked.pk}/">Hành trình thoát nghèo của gia đình chị '
        "Lan</a> </td> <td> TikTok </td> <td>Video</td> <td>Xã C1a</td> "
        "<td>02/06/2023 00:05</td> <td>2</td>",
        f'<td> <input type="checkbox" name="items" value="{uploaded.pk}" '
        f'id="chon-{uploaded.pk}" aria-label="Chọn bài “Ảnh &lt;đẹp&gt; &amp; “mới””"> </td> '
        f'<td> <a href="/admin/chien-dich/bai/{uploaded.pk}/">Ảnh &lt;đẹp&gt; &amp; “mới”</a> '
        "</td> <td> Tệp tải lên </td> <td>Ảnh</td> <td>Xã C1a</td> "
        "<td>02/06/2023 08:30</td> <td>0</td>",
    ]
    assert "2 bài" in response.text


def test_the_queue_runs_the_same_queries_on_one_page_and_on_two(cworld):
    """51 pending items: a full page of 50 and a second page, the same queries as for 1."""
    cworld.submit()
    one = _queue_queries(cworld, None, 1)
    first = Submission.objects.get()
    Submission.objects.bulk_create(
        Submission(
            campaign=first.campaign,
            platform=first.platform,
            url=f"{TIKTOK}{n}",
            kind=first.kind,
            title=f"Bài số {n}",
            commune=first.commune,
            contact_channel="sms",
            contact=first.contact,
            contact_hash=first.contact_hash,
            private_token=f"tok-{n}",
            submitted_at=first.submitted_at,
            status="pending",
        )
        for n in range(50)
    )
    fifty = _queue_queries(cworld, None, 50)
    assert fifty == one
    client = Client()
    client.force_login(cworld.users["moderator"])
    url = reverse("campaigns_queue") + f"?chien_dich={cworld.campaign.pk}"
    last = client.get(url + "&p=2").text
    assert len(_queue_rows(last)) == 1 and "51 bài" in last and "Trang trước" in last


def test_the_gallery_pages_keep_the_filters(cworld, shown, monkeypatch):
    """A filtered gallery of more than one page: its "next page" link keeps the filter, and the
    second page holds the filter's second item, not an item the filter left out."""
    from giamngheo.campaigns import views

    monkeypatch.setattr(views, "GALLERY_PAGE", 1)
    c1a = cworld.units["C1a"].pk
    base = reverse("campaigns:campaign", args=[cworld.campaign.slug])
    client = Client()
    first = client.get(base, {"xa": c1a}).content.decode()
    links = re.findall(r'<a href="([^"]+)">Trang sau</a>', first)
    assert links == [f"?xa={c1a}&amp;trang=2"]
    second = client.get(base + links[0].replace("&amp;", "&")).content.decode()
    titles = {
        page: re.findall(r'<h3 id="item-\d+">([^<]+)</h3>', html)
        for page, html in (("first", first), ("second", second))
    }
    assert sorted(titles["first"] + titles["second"]) == [
        "Bài hỏi – đáp về vay vốn ưu đãi",
        "Hành trình thoát nghèo của gia đình chị Lan",
    ]
    assert re.findall(r'<a href="([^"]+)">Trang trước</a>', second) == [f"?xa={c1a}&amp;trang=1"]
