import re
import unicodedata

import pytest

from giamngheo.core.text import clean_name, fold, normalize_text, slugify_vi


def test_fold_removes_tones_marks_and_case():
    assert fold("GIẢM NGHÈO BỀN VỮNG") == "giam ngheo ben vung"


def test_fold_maps_d_with_stroke():
    assert fold("Đường đến trường") == "duong den truong"


def test_fold_nfd_input_equals_nfc_input():
    nfd = unicodedata.normalize("NFD", "Nghị định 07/2021 về chuẩn nghèo đa chiều")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert fold(nfd) == "nghi dinh 07/2021 ve chuan ngheo da chieu"


def test_fold_keeps_length_of_vietnamese_text():
    text = "Hộ cận nghèo ở xã Tân Sơn, huyện Lục Ngạn được hỗ trợ vay vốn ưu đãi"
    assert len(fold(text)) == len(text)


def test_fold_drops_zero_width_and_bidi_characters():
    assert fold("gi\u200bảm\u202e ngh\ufeffèo") == "giam ngheo"


def test_normalize_text_turns_nfd_into_nfc_and_drops_controls():
    value = unicodedata.normalize("NFD", "Kiến nghị") + "\x00\x07\tđã gửi\n"
    assert normalize_text(value) == "Kiến nghị\tđã gửi\n"


def test_clean_name_strips_invisible_characters_and_collapses_spaces():
    assert clean_name("  Sở\u200d Lao động\u2067  -  Thương binh  ") == "Sở Lao động - Thương binh"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Giảm nghèo bền vững", "giam-ngheo-ben-vung"),
        ("Đường giao thông nông thôn", "duong-giao-thong-nong-thon"),
        ("Kế hoạch 4186/KH-UBND", "ke-hoach-4186kh-ubnd"),
        (
            "  Vì người nghèo – Không để ai bị bỏ lại phía sau ",
            "vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-phia-sau",
        ),
    ],
)
def test_slugify_vi_gives_ascii_slugs(title, slug):
    assert slugify_vi(title) == slug


def test_slugify_vi_nfd_and_invisible_input():
    assert slugify_vi(unicodedata.normalize("NFD", "Hộ\u200b nghèo")) == "ho-ngheo"


def test_browser_urlify_reproduces_the_admin_lossy_slug():
    from giamngheo.core.text import browser_urlify

    assert browser_urlify("Hội nghị sơ kết năm 2023") == "hi-ngh-s-kt-nam-2023"
    assert browser_urlify("Đường mới về bản") == "djng-mi-v-bn"


@pytest.mark.parametrize(
    "title",
    [
        "Hội nghị sơ kết Đề án 6",
        "Chàng trai Lục Nam khởi nghiệp ở Đồng Cốc",
        "ƯU TIÊN TRUYỀN THÔNG VỀ GIẢM NGHÈO",
        "Xã Tân Sỏi, huyện Yên Thế",
    ],
)
def test_browser_slug_formatters_fold_as_the_server_does(title):
    """What Wagtail's slug script does with the formatters (each regex replaced, then its ASCII
    slugify: spaces to hyphens, everything not [A-Za-z0-9_-] dropped, lower case) gives the
    server's slug for a title without punctuation runs."""
    from giamngheo.core.text import VI_SLUG_FORMATTERS, slugify_vi

    value = title
    for pattern, replacement in VI_SLUG_FORMATTERS:
        value = re.sub(pattern, replacement, value)
    browser = re.sub(r"[^A-Za-z0-9\-_]", "", re.sub(r"\s+", "-", value)).lower()
    assert browser == slugify_vi(title)
    assert len(VI_SLUG_FORMATTERS) == 14  # a e i o u y d, lower and upper case
