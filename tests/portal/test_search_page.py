"""The search page and its suggestions (issue 20): filters kept across result pages, suggestions
as you type with a document's number, "Có phải bạn muốn tìm …" for a near-miss."""

import re
from datetime import date

import pytest

from giamngheo.portal.enums import DocumentType
from giamngheo.portal.models import PolicyDocumentPage
from giamngheo.portal.services import create_page

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<h2>\s*<a [^>]*>(.*?)</a>", html)]


def test_next_page_link_keeps_topic_dates_and_order(client, make_news):
    for i in range(21):
        make_news(f"Giảm nghèo ở thôn số {i + 1}", topic="1.4", day=date(2023, 3, 1 + i))
    for i in range(5):
        make_news(f"Giảm nghèo, tin khác {i + 1}", topic="1.1", day=date(2023, 3, 1 + i))
    make_news("Giảm nghèo năm trước", topic="1.4", day=date(2022, 3, 1))
    params = {"q": "giam ngheo", "chu_de": "1.4", "tu_ngay": "01/01/2023", "sap_xep": "ngay"}
    html = client.get("/tim-kiem/", params).content.decode()
    assert "Tìm thấy 21 kết quả" in html
    assert len(_titles(html)) == 20
    (href,) = re.findall(r'<a rel="next"\s+href="([^"]+)"', html)
    assert (
        href
        == "?q=giam+ngheo&amp;chu_de=1.4&amp;tu_ngay=01%2F01%2F2023&amp;sap_xep=ngay&amp;trang=2"
    )
    second = client.get("/tim-kiem/" + href.replace("&amp;", "&")).content.decode()
    # Newest first, so the last of the 21 is the oldest of March 2023; the 2022 one is outside.
    assert _titles(second) == ["Giảm nghèo ở thôn số 1"]
    (back,) = re.findall(r'<a rel="prev"\s+href="([^"]+)"', second)
    assert back.endswith("sap_xep=ngay&amp;trang=1")


@pytest.fixture
def plan(portal):
    return create_page(
        parent=portal["policies"],
        page=PolicyDocumentPage(
            title="Kế hoạch truyền thông về giảm nghèo",
            slug=None,
            number_symbol="650/QĐ-LĐTBXH",
            document_type=DocumentType.PLAN,
            issuing_body="UBND tỉnh",
            summary="Truyền thông về giảm nghèo.",
        ),
    )


def _suggestions(client, q):
    response = client.get("/tim-kiem/goi-y/", {"q": q})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode()).strip()


def test_suggestions_find_titles_and_numbers_folded_with_the_number_shown(client, plan, make_news):
    make_news("Kế hoạch tập huấn cán bộ")
    item = (
        f'<li> <a href="{plan.url}">Kế hoạch truyền thông về giảm nghèo '
        '<span class="meta">650/QĐ-LĐTBXH</span></a> </li>'
    )
    assert item in _suggestions(client, "ke hoach truyen")
    assert item in _suggestions(client, "KẾ HOẠCH TRUYỀN TH")
    assert item in _suggestions(client, "650/qđ-lđ")
    both = _suggestions(client, "kế hoạ")
    assert item in both and "Kế hoạch tập huấn cán bộ</a>" in both
    assert _suggestions(client, "k") == ""  # too short: nothing asked
    assert _suggestions(client, "khong co gi") == ""


def test_no_result_offers_a_folded_near_match(client, make_news):
    make_news("Giảm nghèo bền vững ở huyện Lục Ngạn")
    html = client.get("/tim-kiem/", {"q": "giảm nghèo bền vữngg"}).content.decode()
    assert "Không tìm thấy kết quả phù hợp." in html
    text = re.sub(r"\s+", " ", html)
    assert (
        'Có phải bạn muốn tìm <a href="?q=giam%20ngheo%20ben%20vung">giam ngheo ben vung</a>?'
        in text
    )
    # Nothing close: no offer.
    html = client.get("/tim-kiem/", {"q": "xyzxyz"}).content.decode()
    assert "Có phải bạn muốn tìm" not in html
