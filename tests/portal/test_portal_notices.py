"""What a state body's portal owes every visitor (issue 13, item 16): the footer of Nghị định
42/2022/NĐ-CP as editable settings, a privacy notice and an accessibility statement, a contact
page with phone and e-mail, no empty section in the menu, and the demo's documents complete."""

import io
import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from giamngheo.core.models import SiteIdentity
from giamngheo.organisations.demo import load_demo_organisations
from giamngheo.organisations.personal_data import categories
from giamngheo.planning.demo import load_demo_plan
from giamngheo.portal.demo import load_portal_demo
from giamngheo.portal.models import (
    ContactPage,
    FooterLinks,
    MediaIndexPage,
    MediaPage,
    PolicyDocumentPage,
    StandardPage,
)
from giamngheo.portal.services import create_page

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def nav(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def footer(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_the_menu_offers_a_section_only_once_it_holds_a_page(client, portal):
    media = create_page(
        parent=portal["home"],
        page=MediaIndexPage(title="Video - Âm thanh", slug="video-am-thanh", show_in_menus=True),
    )
    html = client.get("/").content.decode()
    assert "Video - Âm thanh" not in nav(html)
    assert 'href="/van-ban/"' not in nav(html)  # the fixture's policy library is empty too
    assert 'href="/tin-tuc/"' not in nav(html)
    create_page(
        parent=media,
        page=MediaPage(
            title="Phóng sự giảm nghèo ở Sơn Động",
            slug=None,
            kind="video",
            date=date(2023, 6, 1),
            description="Phóng sự truyền hình.",
            external_url="https://www.youtube.com/watch?v=abc",
        ),
    )
    html = client.get("/").content.decode()  # the publish purged the cached home page
    assert '<a href="/video-am-thanh/" >Video - Âm thanh</a>' in nav(html).replace("\n", "")
    assert 'href="/tin-tuc/"' not in nav(html)


def test_the_footer_shows_the_bodys_facts_and_the_notices_as_edited(client, portal):
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.address = "Số 1 đường Hùng Vương, phường Trần Phú"
    identity.phone = "0204 3 854 000"
    identity.email = "lienhe@example.invalid"
    identity.responsible_person = "Ông Nguyễn Văn A, Giám đốc Sở"
    identity.save()
    privacy = create_page(
        parent=portal["home"],
        page=StandardPage(title="Chính sách bảo vệ dữ liệu cá nhân", slug=None, body="<p>…</p>"),
    )
    statement = create_page(
        parent=portal["home"],
        page=StandardPage(title="Tuyên bố về khả năng tiếp cận", slug=None, body="<p>…</p>"),
    )
    links = FooterLinks.for_site(site)
    links.privacy_page = privacy
    links.accessibility_page = statement
    links.save()

    text = text_of(footer(client.get("/tin-tuc/").content.decode()))
    assert "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Bắc Giang" in text
    assert "Cơ quan thường trực: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang" in text
    assert "Chịu trách nhiệm nội dung: Ông Nguyễn Văn A, Giám đốc Sở" in text
    assert "Địa chỉ: Số 1 đường Hùng Vương, phường Trần Phú" in text
    assert "Điện thoại: 0204 3 854 000 — Thư điện tử: lienhe@example.invalid" in text
    html = footer(client.get("/tin-tuc/").content.decode())
    assert f'<a href="{privacy.url}">Chính sách bảo vệ dữ liệu cá nhân</a>' in html
    assert f'<a href="{statement.url}">Tuyên bố về khả năng tiếp cận</a>' in html

    # An edit of the settings is seen at once, though the page was cached.
    identity.phone = "0204 3 999 999"
    identity.save()
    privacy.unpublish()
    html = footer(client.get("/tin-tuc/").content.decode())
    assert "Điện thoại: 0204 3 999 999" in text_of(html)
    assert "Chính sách bảo vệ dữ liệu cá nhân" not in html  # a withdrawn page is not linked
    assert "Tuyên bố về khả năng tiếp cận" in html


@pytest.fixture
def demo():
    out = io.StringIO()
    load_demo_organisations(stdout=out, with_users=False)
    load_demo_plan(stdout=out)
    load_portal_demo(stdout=out)
    return out.getvalue()


def test_demo_documents_the_plan_file_and_the_decree_the_self_check_cites(client, demo):
    assert "tệp kế hoạch: PDF" in demo
    plan = PolicyDocumentPage.objects.get(slug="ke-hoach-truyen-thong-giam-ngheo-2023")
    (attached,) = plan.files.all()
    assert attached.document.file_extension == "pdf"
    html = client.get(plan.url).content.decode()
    assert f'href="{attached.document.url}"' in html
    assert "Toàn văn Kế hoạch (bản PDF do hệ thống tạo theo Nghị định 30/2020/NĐ-CP) (PDF," in (
        text_of(html)
    )
    response = client.get(attached.document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 5
    # poppler's pdftotext reads the Vietnamese letters back whole (pypdf splits them).
    first = subprocess.run(
        ["pdftotext", "-l", "1", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "KẾ HOẠCH" in first and "UBND TỈNH BẮC GIANG" in first

    decree = PolicyDocumentPage.objects.get(number_symbol="07/2021/NĐ-CP")
    assert (decree.document_type, decree.issuing_body, decree.effective_status) == (
        "nghi-dinh",
        "Chính phủ",
        "in-force",
    )
    assert decree.effective_to == date(2026, 12, 31)
    assert decree.live
    assert "1.500.000 đồng/người/tháng" in decree.full_text
    listed = client.get("/van-ban/", {"loai": "nghi-dinh"}).content.decode()
    assert ">07/2021/NĐ-CP</a>" in listed


def test_demo_footer_contact_and_notices(client, demo):
    html = client.get("/").content.decode()
    text = text_of(footer(html))
    assert "Chịu trách nhiệm nội dung: Giám đốc Sở Lao động - Thương binh và Xã hội" in text
    assert "Địa chỉ: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang" in text
    assert "Điện thoại: 0204 3 000 000 — Thư điện tử: giamngheo@example.invalid" in text
    assert '<a href="/bao-ve-du-lieu-ca-nhan/">Chính sách bảo vệ dữ liệu cá nhân</a>' in html
    assert '<a href="/kha-nang-tiep-can/">Tuyên bố về khả năng tiếp cận</a>' in html
    # No radio bulletin is loaded: "Video - Âm thanh" stays out of the menu until it has one.
    assert MediaPage.objects.count() == 0
    assert "Video - Âm thanh" not in nav(html)

    contact = text_of(client.get("/lien-he/").content.decode())
    assert "Điện thoại 0204 3 000 000" in contact
    assert "Thư điện tử giamngheo@example.invalid" in contact

    privacy = text_of(client.get("/bao-ve-du-lieu-ca-nhan/").content.decode())
    assert "Nghị định 13/2023/NĐ-CP" in privacy
    registered = {c.key: str(c.retention) for c in categories()}
    # What the portal itself collects, kept as long as the personal-data registry says.
    assert f"Thời gian lưu: {registered['feedback.reporter']}." in privacy
    assert f"Thời gian lưu: {registered['selfcheck.contact_request']}," in privacy
    assert "Phản ánh, kiến nghị, câu hỏi." in privacy and "tự đánh giá hộ nghèo." in privacy
    statement = text_of(client.get("/kha-nang-tiep-can/").content.decode())
    assert "WCAG 2.1 mức AA" in statement and "Hạn chế đã biết" in statement
    assert "Phản hồi và liên hệ" in statement


def test_demo_loads_once(demo):
    from wagtail.documents import get_document_model

    counts = (StandardPage.objects.count(), PolicyDocumentPage.objects.count())
    documents = get_document_model().objects.count()
    out = io.StringIO()
    load_portal_demo(stdout=out)
    assert (StandardPage.objects.count(), PolicyDocumentPage.objects.count()) == counts
    assert get_document_model().objects.count() == documents == 1
    assert "tệp kế hoạch: đã có" in out.getvalue()
    assert ContactPage.objects.get().phone == "0204 3 000 000"
