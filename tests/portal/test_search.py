import unicodedata
from datetime import date

import pytest

from giamngheo.portal.selectors import highlight, search_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(make_news):
    return {
        "ben_vung": make_news(
            "Giảm nghèo bền vững ở huyện Lục Ngạn",
            "<p>Huyện triển khai các mô hình sinh kế giúp hộ nghèo vươn lên.</p>",
            topic="1.1",
            day=date(2023, 3, 1),
        ),
        "duong": make_news(
            "Làm đường giao thông nông thôn ở xã vùng cao",
            "<p>Nhân dân hiến đất mở đường liên thôn.</p>",
            topic="1.4",
            day=date(2023, 6, 1),
        ),
        "giam_sat": make_news(
            "Giám sát thực hiện chính sách ở cơ sở",
            "<p>Đoàn giám sát làm việc tại xã, ghi nhận kết quả giảm nghèo.</p>",
            topic="1.2",
            day=date(2023, 9, 1),
        ),
        "draft": make_news("Giảm nghèo bản nháp chưa xuất bản", publish=False),
    }


def _titles(results):
    return [hit.page.title for hit in results.hits]


def test_search_without_diacritics_finds_article(articles):
    assert _titles(search_pages(query="giam ngheo ben vung")) == [
        "Giảm nghèo bền vững ở huyện Lục Ngạn"
    ]


def test_search_uppercase_with_diacritics_finds_both_mentions(articles):
    titles = _titles(search_pages(query="GIẢM NGHÈO"))
    assert sorted(titles) == [
        "Giám sát thực hiện chính sách ở cơ sở",
        "Giảm nghèo bền vững ở huyện Lục Ngạn",
    ]


def test_search_folds_d_with_stroke(articles):
    assert _titles(search_pages(query="duong")) == ["Làm đường giao thông nông thôn ở xã vùng cao"]


def test_search_nfd_query_equals_nfc_query(articles):
    nfd = unicodedata.normalize("NFD", "đường giao thông")
    assert _titles(search_pages(query=nfd)) == ["Làm đường giao thông nông thôn ở xã vùng cao"]


def test_search_exact_diacritics_rank_first(articles):
    # "giám" (supervise) and "giảm" (reduce) fold to the same word; the exact one ranks first.
    assert _titles(search_pages(query="Giám sát"))[0] == "Giám sát thực hiện chính sách ở cơ sở"
    first = _titles(search_pages(query="giảm"))[0]
    assert first == "Giảm nghèo bền vững ở huyện Lục Ngạn"


def test_search_never_returns_drafts(articles):
    assert "Giảm nghèo bản nháp chưa xuất bản" not in _titles(search_pages(query="ban nhap"))
    assert search_pages(query="ban nhap").total == 0


def test_search_filters_by_type_topic_and_date(articles):
    assert _titles(search_pages(query="xa", page_type="news", topic="1.4")) == [
        "Làm đường giao thông nông thôn ở xã vùng cao"
    ]
    assert _titles(search_pages(query="giam ngheo", date_from=date(2023, 8, 1))) == [
        "Giám sát thực hiện chính sách ở cơ sở"
    ]
    assert search_pages(query="giam ngheo", page_type="policy").total == 0


def test_search_empty_or_punctuation_query_returns_nothing(articles):
    assert search_pages(query="  ").total == 0
    assert search_pages(query="!!! ???").total == 0


def test_highlight_marks_original_text_with_diacritics():
    snippet = highlight("Huyện đẩy mạnh giảm nghèo bền vững.", "giam ngheo")
    assert str(snippet) == "Huyện đẩy mạnh <mark>giảm</mark> <mark>nghèo</mark> bền vững."


def test_highlight_escapes_html():
    snippet = highlight("<script>giảm</script>", "giam")
    assert str(snippet) == "&lt;script&gt;<mark>giảm</mark>&lt;/script&gt;"
