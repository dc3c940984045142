import re
from datetime import date

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_home_page_lists_latest_news(client, make_news):
    make_news("Hội nghị triển khai kế hoạch truyền thông năm 2023", day=date(2023, 2, 3))
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert "Hội nghị triển khai kế hoạch truyền thông năm 2023" in html
    assert "03/02/2023" in html
    assert '<html lang="vi">' in html
    assert '<a href="/phan-anh/gui/" >Gửi phản ánh, kiến nghị</a>' in html.replace("\n", "")


def test_article_page_has_canonical_breadcrumbs_and_open_graph(client, make_news):
    page = make_news("Tập huấn cán bộ giảm nghèo", intro="Hơn 100 cán bộ tham dự.")
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{page.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tập huấn cán bộ giảm nghèo">' in html
    assert 'aria-label="Vị trí trang"' in html and ">Tin tức</a>" in html


def test_article_tags_are_listed_with_the_comma_after_each_word(client, make_news):
    page = make_news("Gương sáng thoát nghèo")
    page.tags.add("Gương điển hình", "Khởi nghiệp")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "Từ khóa: Gương điển hình, Khởi nghiệp" in text


def test_public_pages_send_strict_csp_and_no_inline_script(client, make_news):
    page = make_news("Bài kiểm tra CSP")
    response = client.get(page.url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html
    assert response["X-Content-Type-Options"] == "nosniff"


def test_search_page_finds_article_and_highlights(client, make_news):
    make_news("Giảm nghèo bền vững ở xã Tân Sơn", "<p>Mô hình trồng vải.</p>")
    response = client.get("/tim-kiem/", {"q": "giam ngheo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tìm thấy 1 kết quả cho “giam ngheo”." in html
    assert "<mark>Giảm</mark> <mark>nghèo</mark>" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "Từ khóa quá dài (tối đa 200 ký tự)."),
        ({"q": "a", "loai": "khong-co"}, "Loại nội dung không hợp lệ."),
        (
            {"q": "a", "tu_ngay": "31/02/2023"},
            "Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm.",
        ),
        ({"q": "a", "trang": "abc"}, "Số trang không hợp lệ."),
        ({"q": "a", "trang": "0"}, "Số trang không hợp lệ."),
        ({"q": "a", "trang": "99999999999999999999"}, "Chỉ hiển thị tối đa 10 trang kết quả"),
        (
            {"q": "a", "tu_ngay": "10/05/2023", "den_ngay": "01/05/2023"},
            "“Đến ngày” phải sau “Từ ngày”.",
        ),
    ],
)
def test_search_malformed_parameters_answer_400_in_vietnamese(client, portal, params, message):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_nul_byte_in_query_answers_400_in_vietnamese(client, portal):
    response = client.get("/tim-kiem/?q=gi%00am")
    assert response.status_code == 400
    assert "Dữ liệu gửi lên có ký tự không hợp lệ." in response.content.decode()


def test_invalid_utf8_query_is_refused_with_400(client, portal):
    # Issue 22 item 7: bytes that are not UTF-8 are refused, never searched as "\ufffd\ufffd".
    response = client.get("/tim-kiem/?q=%ff%fe")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("trang", ["abc", "0", "999", "-1", "1" * 30])
def test_list_page_bad_page_number_is_404_not_500(client, portal, trang):
    response = client.get("/tin-tuc/", {"trang": trang})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_search_post_is_not_allowed(client, portal):
    assert client.post("/tim-kiem/", {"q": "a"}).status_code == 405


def test_feeds_sitemap_and_robots(client, make_news):
    page = make_news("Phát hành sổ tay giảm nghèo", day=date(2023, 7, 20))
    rss = client.get("/rss.xml").content.decode()
    assert "<title>Phát hành sổ tay giảm nghèo</title>" in rss
    assert "Thu, 20 Jul 2023" in rss
    atom = client.get("/atom.xml").content.decode()
    assert 'xmlns="http://www.w3.org/2005/Atom"' in atom and "Phát hành sổ tay giảm nghèo" in atom
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://localhost{page.url}</loc>" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_english_is_chosen_with_the_language_switch(client, portal):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/")["Content-Language"] == "en"


def test_load_demo_is_idempotent(db):
    from giamngheo.portal.models import ExemplaryModelPage, NewsPage, PolicyDocumentPage

    call_command("load_demo", verbosity=0)
    counts = (
        NewsPage.objects.count(),
        PolicyDocumentPage.objects.count(),
        ExemplaryModelPage.objects.count(),
    )
    call_command("load_demo", verbosity=0)
    assert counts == (20, 4, 5)  # with Nghị định 07/2021/NĐ-CP, which the self-check cites
    assert (
        NewsPage.objects.count(),
        PolicyDocumentPage.objects.count(),
        ExemplaryModelPage.objects.count(),
    ) == counts
    plan = PolicyDocumentPage.objects.get(slug="ke-hoach-truyen-thong-giam-ngheo-2023")
    text = plan.plain_text()
    assert "Phạm vi và thời gian thực hiện" in text
    assert "Trước ngày 15/11/2023, báo cáo kết quả thực hiện" in text
    assert "\ufffd" not in text
    assert all(NewsPage.objects.filter(is_sample=True).values_list("live", flat=True))


def test_page_slug_from_admin_javascript_is_rebuilt_in_vietnamese(portal):
    from giamngheo.portal.models import NewsPage
    from giamngheo.portal.services import create_page

    page = create_page(
        parent=portal["news"],
        page=NewsPage(
            title="Hội nghị sơ kết năm 2023",
            slug="hi-ngh-s-kt-nam-2023",
            topic="1.3",
            intro="Tóm tắt.",
            body="<p>Nội dung.</p>",
        ),
    )
    assert page.slug == "hoi-nghi-so-ket-nam-2023"
    typed = create_page(
        parent=portal["news"],
        page=NewsPage(
            title="Tin khác", slug="Đường-Mới", topic="1.1", intro="T.", body="<p>N.</p>"
        ),
    )
    assert typed.slug == "duong-moi"
