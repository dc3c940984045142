"""Demo data for the portal, built by calling services. Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator
from wagtail.documents import get_document_model
from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from giamngheo.broadcasts.selectors import public_bulletins
from giamngheo.core.demo import DemoLoad
from giamngheo.core.documents import ConversionError, get_renderer
from giamngheo.core.models import SiteIdentity
from giamngheo.core.text import slugify_vi
from giamngheo.planning.selectors import plan_of_year, seed_plan_html
from giamngheo.portal.enums import DocumentType, EffectiveStatus, MediaKind
from giamngheo.portal.models import (
    ContactPage,
    ExemplaryModelPage,
    FooterLinks,
    HomePage,
    MediaIndexPage,
    MediaPage,
    ModelIndexPage,
    NewsIndexPage,
    NewsPage,
    PolicyDocumentFile,
    PolicyDocumentPage,
    PolicyIndexPage,
    StandardPage,
)
from giamngheo.portal.services import create_page, ensure_site_root

from .demo_content import (
    ACCESSIBILITY_BODY,
    CONTACT,
    DECREE_07_2021,
    IDENTITY,
    NEWS,
    PRIVACY_BODY,
    RADIO_MEDIA_NOTE,
    STORIES,
)

# The plan's own document is rendered by the system (planning's "plan" kind) and attached to
# its page; the commune radio's public bulletins with audio fill "Video - Âm thanh".
DEMO_NEEDS = ("planning", "broadcasts")
MEDIA_FROM_RADIO = 3

DEMO_USERS = [
    # username, password, first, last, group, description
    (
        "bientap",
        "BienTap@2023demo",
        "Biên tập",
        "viên",
        "Editors",
        "Biên tập viên: viết tin bài, gửi lãnh đạo duyệt",
    ),
    (
        "pheduyet",
        "PheDuyet@2023demo",
        "Lãnh đạo",
        "phòng",
        "Moderators",
        "Lãnh đạo phòng: phê duyệt và xuất bản",
    ),
]

SAMPLE_NOTE = "Bài viết mẫu phục vụ trình diễn hệ thống, không phải thông tin chính thức."


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in items)


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _ensure(parent: Page, page: Page, **kwargs) -> tuple[Page, bool]:
    existing = _child(parent, type(page), page.slug)
    if existing:
        return existing, False
    return create_page(parent=parent, page=page, **kwargs), True


@transaction.atomic
def load_portal_demo(*, stdout=None) -> dict:
    say = stdout.write if stdout else (lambda _msg: None)
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = create_page(
            parent=root,
            page=HomePage(
                title="Trang thông tin điện tử về giảm nghèo bền vững tỉnh Bắc Giang",
                slug="trang-chu",
                intro=(
                    "<p>Thông tin về Chương trình mục tiêu quốc gia giảm nghèo bền vững: chủ "
                    "trương, chính sách, kết quả thực hiện, gương điển hình và mô hình giảm nghèo "
                    "tiêu biểu; nơi người dân gửi phản ánh, kiến nghị và nhận trả lời.</p>"
                ),
            ),
        )
    ensure_site_root(home=home)

    news_index, _ = _ensure(
        home, NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True)
    )
    policy_index, _ = _ensure(
        home, PolicyIndexPage(title="Văn bản chính sách", slug="van-ban", show_in_menus=True)
    )
    model_index, _ = _ensure(
        home, ModelIndexPage(title="Gương điển hình", slug="guong-dien-hinh", show_in_menus=True)
    )
    media_index, _ = _ensure(
        home, MediaIndexPage(title="Video - Âm thanh", slug="video-am-thanh", show_in_menus=True)
    )
    _ensure(
        home,
        StandardPage(
            title="Giới thiệu",
            slug="gioi-thieu",
            show_in_menus=True,
            body=(
                "<p>Trang thông tin điện tử về giảm nghèo được xây dựng theo giải pháp 3.5 của Kế "
                "hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững tỉnh Bắc "
                "Giang năm 2023, nhằm phục vụ công tác chỉ đạo, điều hành; cung cấp thông tin tổng "
                "hợp về kết quả thực hiện Chương trình và tuyên truyền chính sách giảm nghèo đến "
                "Nhân dân.</p>"
            ),
        ),
    )
    _ensure(
        home,
        ContactPage(
            title="Liên hệ",
            slug="lien-he",
            show_in_menus=True,
            focal_point_name="Phòng Bảo trợ xã hội (đầu mối mẫu)",
            focal_point_title="Đầu mối cung cấp thông tin",
            address="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
            phone=CONTACT["phone"],
            email=CONTACT["email"],
            office_hours=(
                "Sáng 7 giờ 00 - 11 giờ 30, chiều 13 giờ 30 - 17 giờ 00, thứ Hai đến thứ Sáu"
            ),
            is_sample=True,
        ),
    )
    _fill_contact(home)
    _fill_identity()

    documents = [
        PolicyDocumentPage(
            title="Kế hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững "
            "tỉnh Bắc Giang năm 2023",
            slug="ke-hoach-truyen-thong-giam-ngheo-2023",
            # The extracted text carries neither the number nor the signing date: shown as
            # unknown rather than invented.
            number_symbol="…/KH-UBND",
            document_type=DocumentType.PLAN,
            issuing_body="Ủy ban nhân dân tỉnh Bắc Giang",
            issue_date=None,
            signer="Mai Sơn — KT. Chủ tịch, Phó Chủ tịch",
            effective_status=EffectiveStatus.EXPIRED,
            effective_from=date(2023, 1, 1),
            effective_to=date(2023, 12, 31),
            summary="Kế hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững "
            "tỉnh Bắc Giang năm 2023",
            full_text=seed_plan_html(),
        ),
        PolicyDocumentPage(
            title="Quyết định 650/QĐ-LĐTBXH phê duyệt Kế hoạch truyền thông về Chương trình mục "
            "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025",
            slug="quyet-dinh-650-qd-ldtbxh",
            number_symbol="650/QĐ-LĐTBXH",
            document_type=DocumentType.DECISION,
            issuing_body="Bộ Lao động - Thương binh và Xã hội",
            issue_date=date(2022, 7, 21),
            summary="Phê duyệt Kế hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo "
            "bền vững giai đoạn 2021-2025",
            full_text="<p>Văn bản được trích dẫn làm căn cứ của Kế hoạch truyền thông năm 2023 của "
            "tỉnh. Toàn văn xem tại Cơ sở dữ liệu quốc gia về văn bản pháp luật.</p>",
        ),
        PolicyDocumentPage(
            title="Kế hoạch 4186/KH-UBND truyền thông về Chương trình mục tiêu quốc gia giảm nghèo "
            "bền vững tỉnh Bắc Giang giai đoạn 2021-2025",
            slug="ke-hoach-4186-kh-ubnd",
            number_symbol="4186/KH-UBND",
            document_type=DocumentType.PLAN,
            issuing_body="Ủy ban nhân dân tỉnh Bắc Giang",
            issue_date=date(2022, 8, 27),
            summary="Kế hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững "
            "tỉnh Bắc Giang giai đoạn 2021-2025",
            full_text="<p>Văn bản được trích dẫn làm căn cứ của Kế hoạch truyền thông năm 2023 của "
            "tỉnh.</p>",
        ),
    ]
    documents.append(PolicyDocumentPage(**DECREE_07_2021))
    for document in documents:
        _ensure(policy_index, document, published_on=document.issue_date or date(2023, 1, 1))
    attached = _attach_plan_document(policy_index, say=say)
    _notices(home)
    media = _media_from_radio(media_index)

    created_news = 0
    for item in NEWS:
        page = NewsPage(
            title=item["title"],
            slug=slugify_vi(item["title"]),
            date=date.fromisoformat(item["date"]),
            topic=item["topic"],
            intro=item["intro"],
            body=_paragraphs(item["paragraphs"]) + f"<p><i>{SAMPLE_NOTE}</i></p>",
            author=item.get("author", ""),
            source=item.get("source", ""),
            is_sample=True,
        )
        page, created = _ensure(news_index, page, published_on=page.date)
        if created:
            page.tags.add(*item.get("tags", []))
            page.save_revision().publish()
            created_news += 1
    for item in STORIES:
        _ensure(
            model_index,
            ExemplaryModelPage(
                title=item["title"],
                slug=slugify_vi(item["title"]),
                category=item["category"],
                place=item["place"],
                summary=item["summary"],
                story=_paragraphs(item["paragraphs"]) + f"<p><i>{SAMPLE_NOTE}</i></p>",
                is_sample=True,
            ),
        )
    say(
        f"Cổng thông tin: {NewsPage.objects.count()} tin bài, "
        f"{PolicyDocumentPage.objects.count()} văn bản, {ExemplaryModelPage.objects.count()} "
        f"gương điển hình, {media} video - âm thanh; tệp kế hoạch: {attached}.\n"
    )
    _ensure_workflow()
    return {"home": home, "news_index": news_index}


def _fill_identity() -> None:
    """The footer's facts that Nghị định 42/2022/NĐ-CP asks of a state body's site (body,
    address, phone, e-mail, the person responsible for content): filled where still blank, so an
    administrator's own values are never overwritten."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    identity = SiteIdentity.for_site(site)
    changed = [name for name, value in IDENTITY.items() if not getattr(identity, name)]
    for name in changed:
        setattr(identity, name, IDENTITY[name])
    if changed:
        identity.save(update_fields=changed)


def _fill_contact(home: Page) -> None:
    """A contact page loaded by an earlier demo gets the phone and e-mail it lacked."""
    page = ContactPage.objects.child_of(home).first()
    if page is None or (page.phone and page.email):
        return
    page.phone = page.phone or CONTACT["phone"]
    page.email = page.email or CONTACT["email"]
    page.save_revision().publish()


def _attach_plan_document(policy_index: Page, *, say) -> str:
    """The 2023 plan's page gets the plan as the system issues it (planning's "plan" document
    kind, Nghị định 30/2020 layout): PDF, or DOCX when no converter answers."""
    page = _child(policy_index, PolicyDocumentPage, "ke-hoach-truyen-thong-giam-ngheo-2023")
    plan = plan_of_year(year=2023)
    if page is None or plan is None:
        return "không có (chưa nạp kế hoạch)"
    if page.files.exists():
        return "đã có"
    try:
        data, extension = get_renderer("plan", "pdf")(plan), "pdf"
    except ConversionError:
        say("Không chuyển được sang PDF; đính kèm bản DOCX.\n")
        data, extension = get_renderer("plan", "docx")(plan), "docx"
    document = get_document_model()(title=page.title, file_size=len(data))
    document.file.save(
        f"ke-hoach-truyen-thong-giam-ngheo-2023.{extension}", ContentFile(data), save=False
    )
    document.save()
    page.files.add(
        PolicyDocumentFile(
            document=document,
            label=f"Toàn văn Kế hoạch (bản {extension.upper()} do hệ thống tạo theo Nghị định "
            "30/2020/NĐ-CP)",
        )
    )
    page.save_revision().publish()
    return extension.upper()


def _notices(home: Page) -> None:
    """The privacy notice and the accessibility statement, linked from every page's footer."""
    privacy, _ = _ensure(
        home,
        StandardPage(
            title="Chính sách bảo vệ dữ liệu cá nhân",
            slug="bao-ve-du-lieu-ca-nhan",
            body=PRIVACY_BODY,
        ),
    )
    accessibility, _ = _ensure(
        home,
        StandardPage(
            title="Tuyên bố về khả năng tiếp cận",
            slug="kha-nang-tiep-can",
            body=ACCESSIBILITY_BODY,
        ),
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    links = FooterLinks.for_site(site)
    if links.privacy_page_id is None or links.accessibility_page_id is None:
        links.privacy_page_id = links.privacy_page_id or privacy.pk
        links.accessibility_page_id = links.accessibility_page_id or accessibility.pk
        links.save()


def _media_from_radio(media_index: Page) -> int:
    """The commune radio's latest public bulletins that have audio, as "Video - Âm thanh" pages
    (the recording and its text). None loaded yet: the section stays out of the menu, which
    offers no empty section (portal_tags.main_menu)."""
    wanted = MEDIA_FROM_RADIO - MediaPage.objects.child_of(media_index).count()
    created = 0
    for bulletin in public_bulletins()[:20]:
        if created >= wanted:
            break
        version = next((v for v in bulletin.versions.all() if v.language == "vi" and v.audio), None)
        slug = slugify_vi(bulletin.title.replace("/", " "))  # "số 52/2023" → so-52-2023
        if version is None or _child(media_index, MediaPage, slug):
            continue
        with version.audio.open("rb") as handle:
            audio = handle.read()
        document = get_document_model()(title=bulletin.title, file_size=len(audio))
        document.file.save(f"{slug}.mp3", ContentFile(audio), save=False)
        document.save()
        day = bulletin.air_from
        text = [p.strip() for p in (version.text or bulletin.text).split("\n") if p.strip()]
        create_page(
            parent=media_index,
            page=MediaPage(
                title=bulletin.title,
                slug=slug,
                kind=MediaKind.AUDIO,
                date=day,
                description=Truncator(text[0]).chars(300),
                media_file=document,
                transcript=f"<p><i>{escape(RADIO_MEDIA_NOTE)}</i></p>" + _paragraphs(text),
                is_sample=True,
            ),
            published_on=day,
        )
        created += 1
    return MediaPage.objects.child_of(media_index).count()


def _ensure_workflow() -> None:
    """Editor → leader approval before publishing, on the whole site (Wagtail's own workflow)."""
    moderators = Group.objects.get(name="Moderators")
    task = GroupApprovalTask.objects.filter(name="Lãnh đạo phê duyệt").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Lãnh đạo phê duyệt")
        task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name="Duyệt tin bài trước khi xuất bản")
    # WorkflowTask hangs off a ParentalKey: create the row itself, not through the cluster.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


@transaction.atomic
def load_demo_users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    rows = []
    for username, password, first, last, group, description in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        rows.append((username, password, description))
    return rows


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_portal_demo(stdout=stdout)
    return DemoLoad(accounts=load_demo_users() if with_users else [])
