import re
import time
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # live_server asks for transactional_db on its own; restore Wagtail's migration data too.
    pytest.mark.usefixtures("django_db_serialized_rollback"),
]


@pytest.fixture
def site(live_server, make_news):
    make_news(
        "Giảm nghèo bền vững ở huyện Sơn Động",
        "<p>Huyện hỗ trợ bò giống, hướng dẫn cách làm ăn cho hộ nghèo.</p>",
        intro="Nhiều hộ đồng bào dân tộc thiểu số đã thoát nghèo.",
        day=date(2023, 4, 12),
    )
    make_news("Tập huấn nghiệp vụ truyền thông giảm nghèo", day=date(2023, 3, 2))
    return live_server


def test_visitor_reads_home_opens_article_and_searches_without_diacritics(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng giảm nghèo")
    page.get_by_role("link", name="Giảm nghèo bền vững ở huyện Sơn Động").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Giảm nghèo bền vững ở huyện Sơn Động"
    )
    expect(page.locator(".meta").first).to_contain_text("12/04/2023")
    shot(page, "portal-article")
    page.get_by_label("Tìm kiếm").fill("giam ngheo son dong")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Tìm thấy 1 kết quả cho “giam ngheo son dong”.")
    result = page.locator(".search-results a").first
    expect(result).to_have_text("Giảm nghèo bền vững ở huyện Sơn Động")
    expect(page.locator(".search-results mark").first).to_have_text("Giảm")
    shot(page, "portal-search")
    result.click()
    expect(page).to_have_url(re.compile(r"/tin-tuc/bai-1/$"))


def test_visitor_uses_keyboard_to_skip_to_content(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def _login(page, base, username, password):
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(base + "/admin/")


def test_editor_submits_leader_approves_visitor_sees_it(site, new_page, editor, approver, portal):
    from giamngheo.portal.demo import _ensure_workflow

    _ensure_workflow()
    visitor = new_page()
    visitor.goto(site.url + "/")
    expect(visitor.get_by_role("heading", name="Tin mới")).to_be_visible()  # home now cached

    writer = new_page()
    _login(writer, site.url, "editor", "Editor-pass-2023!")
    writer.goto(f"{site.url}/admin/pages/add/portal/newspage/{portal['news'].pk}/")
    writer.locator("#id_title").fill("Hội nghị sơ kết phong trào Vì người nghèo năm 2023")
    writer.locator("#id_topic").select_option("1.3")
    writer.locator("#id_intro").fill("Biểu dương 25 tập thể, cá nhân tiêu biểu.")
    body = writer.locator(".public-DraftEditor-content").first
    body.click()
    writer.keyboard.type("Sáng nay, Ủy ban MTTQ tỉnh tổ chức hội nghị sơ kết.")
    expect(body).to_contain_text("Ủy ban MTTQ tỉnh tổ chức hội nghị sơ kết.")
    writer.locator("#id_intro").click()  # Draftail writes its hidden input when it loses focus
    writer.wait_for_timeout(300)
    writer.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()
    writer.locator("button[name='action-submit']").click()
    shot(writer, "admin-editor-after-submit")
    errors = writer.locator(".error-message").all_inner_texts()
    assert not [e for e in errors if e.strip()], errors
    expect(writer).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    shot(writer, "admin-editor-submitted")

    from giamngheo.portal.models import NewsPage

    news = NewsPage.objects.get(title="Hội nghị sơ kết phong trào Vì người nghèo năm 2023")
    assert news.live is False
    assert news.current_workflow_state.status == "in_progress"
    assert visitor.request.get(site.url + news.url).status == 404

    leader = new_page()
    _login(leader, site.url, "approver", "Approver-pass-2023!")
    leader.goto(f"{site.url}/admin/pages/{news.pk}/edit/")
    leader.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()
    leader.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    expect(leader).to_have_url(re.compile(r"/admin/"))
    leader.wait_for_load_state("networkidle")
    shot(leader, "admin-leader-approved")
    approved_at = time.monotonic()

    visitor.goto(site.url + "/")
    expect(
        visitor.get_by_role("link", name="Hội nghị sơ kết phong trào Vì người nghèo năm 2023")
    ).to_be_visible()
    assert time.monotonic() - approved_at < 1.0
    shot(visitor, "portal-home-after-approval")


def test_a_title_that_clashes_with_a_sibling_is_a_form_error_and_keeps_the_work(
    site, new_page, editor, portal
):
    """Issue 13, item 10: the slug rebuilt from a Vietnamese title clashed with a sibling's only
    at save time — an HTTP 500 and the editor's text lost. Now the form says so and keeps it."""
    from giamngheo.portal.models import NewsPage
    from giamngheo.portal.services import create_page

    title = "Chàng trai Lục Nam khởi nghiệp"
    create_page(
        parent=portal["news"],
        page=NewsPage(title=title, slug="", topic="1.4", intro="Bài đã có.", body="<p>Có.</p>"),
    )
    writer = new_page()
    _login(writer, site.url, "editor", "Editor-pass-2023!")
    writer.goto(f"{site.url}/admin/pages/add/portal/newspage/{portal['news'].pk}/")
    writer.locator("#id_title").fill(title)
    writer.locator("#id_topic").select_option("1.4")
    writer.locator("#id_intro").fill("Từ hai con bò giống đến trang trại 40 con.")
    writer.locator("footer button[type=submit]").first.click()  # "Lưu bản nháp"
    expect(writer.get_by_text("Không tạo được trang vì có lỗi dữ liệu.")).to_be_visible()
    assert writer.url.endswith(f"/admin/pages/add/portal/newspage/{portal['news'].pk}/")
    writer.get_by_role("button", name="Đến lỗi đầu tiên").click()  # the slug, on its tab
    expect(writer.locator("#id_slug")).to_be_visible()
    expect(
        writer.get_by_text(
            "Đường dẫn rút gọn 'chang-trai-luc-nam-khoi-nghiep' đã được dùng trong trang cha."
        )
    ).to_be_visible()
    shot(writer, "admin-editor-slug-clash")
    writer.get_by_role("tab", name="Nội dung").click()
    expect(writer.locator("#id_title")).to_have_value(title)
    expect(writer.locator("#id_intro")).to_have_value("Từ hai con bò giống đến trang trại 40 con.")
    assert NewsPage.objects.filter(title=title).count() == 1


def test_the_slug_proposed_in_the_browser_keeps_vietnamese_letters(site, new_page, editor, portal):
    """Issue 13, item 10: the admin's script made "chang-trai-lc-nam-khi-nghip" of a Vietnamese
    title; it now folds the letters as the server does, as the title is typed and when an editor
    types a slug of their own."""
    writer = new_page()
    _login(writer, site.url, "editor", "Editor-pass-2023!")
    writer.goto(f"{site.url}/admin/pages/add/portal/newspage/{portal['news'].pk}/")
    writer.locator("#id_title").fill("Chàng trai Lục Nam khởi nghiệp ở Đồng Cốc")
    writer.locator("#id_title").blur()
    slug = writer.locator("#id_slug")
    expect(slug).to_have_value("chang-trai-luc-nam-khoi-nghiep-o-dong-coc")
    writer.get_by_role("tab", name="Quảng bá").click()
    slug.fill("Tăng cường truyền thông Ưu tiên")
    slug.blur()
    expect(slug).to_have_value("tang-cuong-truyen-thong-uu-tien")
