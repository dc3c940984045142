"""The policy library's filters (issue 13, item 16): by type, issuer, year and effect status, as
GET parameters of a plain form, offering only what live documents hold."""

import re
from datetime import date

import pytest

from giamngheo.portal.models import PolicyDocumentPage
from giamngheo.portal.services import create_page

pytestmark = pytest.mark.django_db

ROW_LINK = re.compile(r'<td data-label="Số, ký hiệu">\s*<a href="[^"]+">([^<]+)</a>')


@pytest.fixture
def library(portal):
    def add(number, kind, issuer, day, status="in-force", *, publish=True):
        return create_page(
            parent=portal["policies"],
            page=PolicyDocumentPage(
                title=f"Văn bản {number}",
                slug=None,
                number_symbol=number,
                document_type=kind,
                issuing_body=issuer,
                issue_date=day,
                effective_status=status,
                summary=f"Trích yếu {number}",
            ),
            publish=publish,
        )

    add("07/2021/NĐ-CP", "nghi-dinh", "Chính phủ", date(2021, 1, 27))
    add("4186/KH-UBND", "ke-hoach", "Ủy ban nhân dân tỉnh Bắc Giang", date(2022, 8, 27))
    add(
        "650/QĐ-LĐTBXH",
        "quyet-dinh",
        "Bộ Lao động - Thương binh và Xã hội",
        date(2022, 7, 21),
        "expired",
    )
    add("…/KH-UBND", "ke-hoach", "Ủy ban nhân dân tỉnh Bắc Giang", None, "expired")
    # A draft: neither its issuer nor its year may be offered or listed.
    add("01/2019/TT-BNV", "thong-tu", "Bộ Nội vụ", date(2019, 3, 1), publish=False)
    return add


def numbers(client, params=None):
    response = client.get("/van-ban/", params or {})
    assert response.status_code == 200
    return ROW_LINK.findall(response.content.decode())


def options(html, name):
    select = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_each_filter_narrows_the_list_and_they_combine(client, library):
    assert numbers(client) == ["4186/KH-UBND", "650/QĐ-LĐTBXH", "07/2021/NĐ-CP", "…/KH-UBND"]
    assert numbers(client, {"loai": "nghi-dinh"}) == ["07/2021/NĐ-CP"]
    assert numbers(client, {"co-quan": "Bộ Lao động - Thương binh và Xã hội"}) == ["650/QĐ-LĐTBXH"]
    assert numbers(client, {"nam": "2022"}) == ["4186/KH-UBND", "650/QĐ-LĐTBXH"]
    assert numbers(client, {"hieu-luc": "expired"}) == ["650/QĐ-LĐTBXH", "…/KH-UBND"]
    assert numbers(client, {"nam": "2022", "hieu-luc": "in-force"}) == ["4186/KH-UBND"]
    assert numbers(client, {"loai": "ke-hoach", "co-quan": "Ủy ban nhân dân tỉnh Bắc Giang"}) == [
        "4186/KH-UBND",
        "…/KH-UBND",
    ]


def test_the_form_offers_only_what_live_documents_hold_and_keeps_the_choice(client, library):
    html = client.get("/van-ban/", {"nam": "2021"}).content.decode()
    assert options(html, "co-quan") == [
        "",
        "Bộ Lao động - Thương binh và Xã hội",
        "Chính phủ",
        "Ủy ban nhân dân tỉnh Bắc Giang",
    ]
    assert options(html, "nam") == ["", "2022", "2021"]
    assert '<option value="2021" selected>2021</option>' in html
    assert options(html, "hieu-luc") == ["", "in-force", "partly", "expired", "not-yet"]
    assert "thong-tu" in options(html, "loai")  # every type of the law, not only those in use
    assert "Bộ Nội vụ" not in html and "01/2019/TT-BNV" not in html
    assert '<form method="get" class="filters"' in html  # no script needed
    assert "Có 1 văn bản." in html
    assert '<a href="/van-ban/">Bỏ lọc</a>' in html


def test_a_value_that_is_not_offered_is_ignored_not_an_error(client, library):
    for params in ({"nam": "abc"}, {"nam": "2019"}, {"co-quan": "Bộ Nội vụ"}, {"loai": "x"}):
        assert len(numbers(client, params)) == 4, params


def test_no_match_says_so(client, library):
    html = client.get("/van-ban/", {"loai": "nghi-dinh", "nam": "2022"}).content.decode()
    assert "Không có văn bản phù hợp với điều kiện lọc." in html
    assert "Có 0 văn bản." in html


def test_pages_of_a_filtered_list_keep_the_filter(client, library):
    for n in range(13):
        library(f"{n + 1}/2020/NĐ-CP", "nghi-dinh", "Chính phủ", date(2020, 1, n + 1))
    html = client.get("/van-ban/", {"loai": "nghi-dinh"}).content.decode()
    assert "Có 14 văn bản." in html
    assert 'href="?loai=nghi-dinh&amp;trang=2"' in html
    second = client.get("/van-ban/", {"loai": "nghi-dinh", "trang": "2"}).content.decode()
    assert ROW_LINK.findall(second) == ["2/2020/NĐ-CP", "1/2020/NĐ-CP"]


def test_a_publish_refreshes_the_options(client, library):
    assert "2023" not in options(client.get("/van-ban/").content.decode(), "nam")
    library(
        "12/2023/TT-BLĐTBXH", "thong-tu", "Bộ Lao động - Thương binh và Xã hội", date(2023, 5, 2)
    )
    assert options(client.get("/van-ban/").content.decode(), "nam")[1] == "2023"
