"""The Wagtail admin speaks Vietnamese on every screen an editor or approver uses.

Wagtail's own Vietnamese catalogue covers a small part of the admin; locale/vi completes it
(built by locale/tools/build_vi_admin_po.py). These tests render the editor's and the
approver's screens with a Vietnamese profile and fail on any visible text, or tooltip,
placeholder or accessible label, that is still one of Wagtail's English source strings.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import wagtail
from bs4 import BeautifulSoup, Comment, Tag
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

try:
    import lxml  # noqa: F401  (installed with python-docx; parses admin pages 3-5 times faster)

    HTML_PARSER = "lxml"
except ImportError:  # pragma: no cover
    HTML_PARSER = "html.parser"

# Words that stay as they are in Vietnamese.
PROPER_NOUNS = {"Wagtail", "JavaScript", "Embedly"}
# Elements whose text is code, or not shown as such.
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "svg", "head"}
# Templates the page shows as they are (the userbar and its accessibility checker).
SHOWN_TEMPLATES = "template#wagtail-userbar-template, template[data-w-teleport-target-value]"
# Formatting inside a sentence: the sentence is one msgid.
INLINE_ELEMENTS = {"b", "strong", "em", "i", "a", "span", "code", "small", "mark", "abbr", "br"}
# Attributes a user reads or hears.
READ_ATTRIBUTES = (
    "placeholder",
    "title",
    "aria-label",
    "aria-description",
    "data-w-tooltip-content-value",
    "alt",
)
# English that Wagtail 8.0 writes into its templates or forms without gettext, so no catalogue
# can translate it: (CSS selector, attribute, or None for the element's text).
HARDCODED_IN_WAGTAIL = [
    ("nav#w-slim-header-buttons", "aria-label"),  # shared/headers/_actions.html: "Actions"
    ("div.submit.w-sr-only input[type=submit]", "value"),  # hidden search button: "Search"
    ("label[for=id_password]", None),  # LoginForm.password has no label: Django's "Password"
    ("[data-side-panel-toggle-counter]", None),  # a hidden counter showing Python's None
]
_PO_STRING = re.compile(r'^(msgid|msgid_plural)\s+"(.*)"\s*$')
_PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|\{[a-z_]*\}")
_TAG = re.compile(r"<[^>]+>")


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def _norm(text: str) -> str:
    return " ".join(text.split())


def po_msgids(path: Path, plurals: bool = True) -> list[str]:
    """The msgids (and msgid_plurals) of a .po file."""
    ids: list[list[str]] = []
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PO_STRING.match(line)
        if match and (plurals or match[1] == "msgid"):
            current = [_unescape(match[2])]
            ids.append(current)
        elif line.startswith('"') and current is not None:
            current.append(_unescape(line.strip()[1:-1]))
        else:
            current = None
    return [text for text in ("".join(parts) for parts in ids) if text]


def wagtail_catalogues(domain: str = "*") -> list[Path]:
    return sorted(Path(wagtail.__file__).parent.glob(f"**/locale/fr/LC_MESSAGES/{domain}.po"))


@cache
def wagtail_english() -> tuple[frozenset[str], re.Pattern | None]:
    """Wagtail's English msgids: exact strings, and one pattern for those with placeholders."""
    exact: set[str] = set()
    patterns: set[str] = set()
    for path in wagtail_catalogues():
        for msgid in po_msgids(path):
            text = _norm(_TAG.sub("", msgid))
            if len(text) < 3 or not re.search("[A-Za-z]", text) or text in PROPER_NOUNS:
                continue
            if _PLACEHOLDER.search(text):
                literal = _PLACEHOLDER.sub(" ", text)
                # Only when the English around the placeholders is enough to recognise it.
                if len(re.findall(r"[A-Za-z]{2,}", literal)) >= 2:
                    pieces = _PLACEHOLDER.split(text)
                    patterns.add(".+?".join(re.escape(p) for p in pieces))
            else:
                exact.add(text)
    pattern = re.compile("|".join(sorted(patterns))) if patterns else None
    return frozenset(exact), pattern


def _words_in_data_value(value: str) -> bool:
    """A Stimulus ``data-*-value`` attribute holding a message, not a URL, selector or JSON."""
    return bool(re.match(r"[A-Z][a-z]+[ .…!?]", value)) and not value.startswith(("http", "/"))


def _json_strings(data, keys: frozenset[str] | None = None):
    """The strings in JSON data, or only those under the given keys."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (keys is None or key in keys):
                yield value
            elif not isinstance(value, str):
                yield from _json_strings(value, keys)
    elif isinstance(data, list):
        for value in data:
            if isinstance(value, str) and keys is None:
                yield value
            elif not isinstance(value, str):
                yield from _json_strings(value, keys)


def _sidebar_labels(props):
    return list(_json_strings(props, frozenset({"label", "footer_text"})))


JSON_SHOWN = [
    ("script#wagtail-sidebar-props", _sidebar_labels),
    ("script#wagtail-config", lambda config: config.get("STRINGS", {})),
    ("script#checker-axe-configuration", lambda config: config.get("messages", {})),
]


def _collect_sentences(element: Tag, found: set[str]) -> bool:
    """Add the text of elements holding formatted sentences ("Locked by <b>you</b> at …").

    True when everything inside ``element`` is inline.
    """
    only_inline, has_tags = True, False
    for child in element.children:
        if isinstance(child, Tag):
            has_tags = True
            inner = _collect_sentences(child, found)
            only_inline = only_inline and inner and child.name in INLINE_ELEMENTS
    if has_tags and only_inline:
        found.add(_norm(element.get_text("")))
    return only_inline


def visible_strings(html: str) -> set[str]:
    """Text nodes, inline-formatted sentences, and the attributes people read or hear."""
    soup = BeautifulSoup(html, HTML_PARSER)
    for template in soup.select(SHOWN_TEMPLATES):
        template.unwrap()
    found: set[str] = set()
    # Strings the admin's scripts display: sidebar menu, date picker and bulk-action texts, and
    # the accessibility checker's messages.
    for selector, pick in JSON_SHOWN:
        for script in soup.select(selector):
            found.update(_norm(v) for v in _json_strings(pick(json.loads(script.string or "{}"))))
    for element in soup.find_all(SKIPPED_ELEMENTS):
        element.decompose()
    for selector, attribute in HARDCODED_IN_WAGTAIL:
        for element in soup.select(selector):
            if attribute:
                del element[attribute]
            else:
                element.decompose()
    for node in soup.find_all(string=True):
        if not isinstance(node, Comment):
            found.add(_norm(node))
    _collect_sentences(soup, found)
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            if not isinstance(value, str):
                continue
            if attribute in READ_ATTRIBUTES or (
                attribute.startswith("data-")
                and attribute.endswith("-value")
                and _words_in_data_value(value)
            ):
                found.add(_norm(value))
        if element.name == "input" and element.get("type") in ("submit", "button", "reset"):
            found.add(_norm(element.get("value", "")))
    return {s for s in found if s and len(s) < 400}


def english_leftovers(html: str, user_content: set[str]) -> set[str]:
    exact, pattern = wagtail_english()
    leftovers = set()
    for text in visible_strings(html) - user_content:
        if text in exact or (pattern is not None and pattern.fullmatch(text)):
            leftovers.add(text)
    return leftovers


def page_html(response) -> str:
    """The HTML of a page, or of a modal (choosers answer with JSON holding the HTML)."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content).get("html", "")
    return response.content.decode()


def assert_vietnamese(client, urls: list[str], user_content: set[str]):
    problems: dict[str, list[str]] = {}
    statuses = {url: client.get(url) for url in urls}
    failed = {url: r.status_code for url, r in statuses.items() if r.status_code != 200}
    assert not failed, f"admin screens did not answer 200: {failed}"
    for url, response in statuses.items():
        for text in english_leftovers(page_html(response), user_content):
            problems.setdefault(text, []).append(url)
    listing = "\n".join(
        f"  {text!r}  ({', '.join(urls)})" for text, urls in sorted(problems.items())
    )
    assert not problems, f"{len(problems)} English Wagtail strings on admin screens:\n{listing}"


# --- a small portal ------------------------------------------------------------------------


def _publish(parent: Page, page: Page, user=None) -> Page:
    parent.add_child(instance=page)
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _vi_user(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(
        username,
        email=f"{username}@example.vn",
        password="Mat-khau-thu-2024!",
        first_name="Văn",
        last_name="Nguyễn",
    )
    user.groups.add(Group.objects.get(name=group))
    # The snippet screens: a calendar exception is the project's one snippet.
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core", codename__endswith="_calendarexception"
        )
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    return user


def _moderation_workflow(home: Page) -> Workflow:
    """Wagtail's "Moderators approval" (from its migrations), or one like it."""
    workflow = home.get_workflow()
    if workflow is None:
        workflow = Workflow.objects.create(name="Phê duyệt của lãnh đạo")
        task = GroupApprovalTask.objects.create(name="Lãnh đạo phê duyệt")
        task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home)
    return workflow


@pytest.fixture
def tree(db, settings, tmp_path, django_user_model):
    from giamngheo.portal.enums import DocumentType, Topic
    from giamngheo.portal.models import (
        HomePage,
        NewsIndexPage,
        NewsPage,
        PolicyDocumentPage,
        PolicyIndexPage,
    )

    settings.MEDIA_ROOT = tmp_path
    editor = _vi_user(django_user_model, "bientapvien", "Editors")
    moderator = _vi_user(django_user_model, "nguoiduyet", "Moderators")

    root = Page.get_first_root_node()
    home = _publish(root, HomePage(title="Cổng giảm nghèo", slug="trang-chu"))
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    news_index = _publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news = _publish(
        news_index,
        NewsPage(
            title="Hội nghị triển khai chương trình giảm nghèo",
            slug="hoi-nghi",
            topic=Topic.values[0],
            intro="Sáng nay, tỉnh tổ chức hội nghị.",
            body="<p>Nội dung bài.</p>",
            date=date(2024, 3, 5),
        ),
        user=editor,
    )
    news.title = "Hội nghị triển khai chương trình giảm nghèo bền vững"
    news.save_revision(user=editor)
    policy_index = _publish(home, PolicyIndexPage(title="Văn bản", slug="van-ban"))
    policy = _publish(
        policy_index,
        PolicyDocumentPage(
            title="Kế hoạch giảm nghèo năm 2024",
            slug="ke-hoach-2024",
            number_symbol="12/KH-UBND",
            document_type=DocumentType.values[0],
            issuing_body="Ủy ban nhân dân tỉnh",
            issue_date=date(2024, 1, 15),
            summary="Kế hoạch thực hiện chương trình.",
        ),
        user=editor,
    )
    # A draft waiting for the approver.
    pending = NewsPage(
        title="Tập huấn cán bộ giảm nghèo cấp xã",
        slug="tap-huan",
        topic=Topic.values[0],
        intro="Tập huấn.",
        body="<p>Nội dung.</p>",
        date=date(2024, 4, 1),
        live=False,
    )
    news_index.add_child(instance=pending)
    pending.save_revision(user=editor)
    workflow = _moderation_workflow(home)
    workflow.start(pending, editor)
    # A draft the approver sent back, with a comment.
    returned = NewsPage(
        title="Mô hình nuôi bò sinh sản",
        slug="mo-hinh-nuoi-bo",
        topic=Topic.values[0],
        intro="Mô hình.",
        body="<p>Nội dung.</p>",
        date=date(2024, 4, 2),
        live=False,
    )
    news_index.add_child(instance=returned)
    returned.save_revision(user=editor)
    workflow.start(returned, editor)
    returned.current_workflow_task.on_action(
        returned.current_workflow_task_state, moderator, "reject", comment="Cần bổ sung ảnh."
    )
    # A change scheduled for next week, and a page the approver locked.
    news_index.go_live_at = timezone.now() + timedelta(days=7)
    news_index.save_revision(user=editor).publish()
    Page.objects.filter(pk=policy.pk).update(
        locked=True, locked_by=moderator, locked_at=timezone.now()
    )

    image = get_image_model().objects.create(
        title="Ảnh hội nghị",
        file=ImageFile(io.BytesIO(_png()), name="hoi-nghi.png"),
        uploaded_by_user=editor,
    )
    document = get_document_model().objects.create(
        title="Kế hoạch 12/KH-UBND",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ke-hoach.pdf"),
        uploaded_by_user=editor,
    )
    pages = {
        "home": home,
        "news_index": news_index,
        "news": news,
        "policy_index": policy_index,
        "policy": policy,
        "pending": pending,
        "returned": returned,
    }
    user_content = {p.title for p in Page.objects.all()} | {
        image.title,
        document.title,
        editor.username,
        moderator.username,
        "Văn Nguyễn",
        site.site_name or "",
        "hoi-nghi.png",
        "ke-hoach.pdf",
    }
    return {
        "editor": editor,
        "moderator": moderator,
        "image": image,
        "document": document,
        "user_content": user_content,
        **pages,
    }


def _page_url(name: str, *args) -> str:
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def test_editor_screens_have_no_english_wagtail_strings(client, tree):
    client.force_login(tree["editor"])
    news, home = tree["news"], tree["home"]
    revisions = list(news.revisions.order_by("created_at").values_list("pk", flat=True))
    image, document = tree["image"], tree["document"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        *(
            reverse("wagtailadmin_explore", args=[tree[k].pk])
            for k in ("home", "news_index", "policy_index")
        ),
        *(
            _page_url("edit", tree[k].pk)
            for k in ("home", "news_index", "news", "policy_index", "policy")
        ),
        _page_url("add_subpage", home.pk),
        _page_url("add", "portal", "newspage", tree["news_index"].pk),
        _page_url("add", "portal", "policydocumentpage", tree["policy_index"].pk),
        _page_url("history", news.pk),
        _page_url("revisions_view", news.pk, revisions[0]),
        _page_url("revisions_compare", news.pk, revisions[0], revisions[-1]),
        _page_url("revisions_compare", news.pk, "live", "latest"),
        _page_url("workflow_history", tree["pending"].pk),
        _page_url("edit", tree["returned"].pk),
        _page_url("workflow_history", tree["returned"].pk),
        _page_url("preview_on_edit", news.pk),
        _page_url("copy", news.pk),
        _page_url("usage", news.pk),
        _page_url("search") + "?q=giảm+nghèo",
        _page_url("search") + "?q=khongcogi",
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
        reverse("wagtailimages:image_usage", args=[image.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:select_format", args=[image.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:delete", args=[document.pk]),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_search") + "?q=giảm",
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailsnippets_core_calendarexception:list"),
        reverse("wagtailsnippets_core_calendarexception:add"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_account"),
        "/",  # the public site with the editor's userbar
    ]
    assert_vietnamese(client, urls, tree["user_content"])


def test_approver_screens_have_no_english_wagtail_strings(client, tree):
    client.force_login(tree["moderator"])
    pending = tree["pending"]
    task_state = pending.current_workflow_task_state
    urls = [
        reverse("wagtailadmin_home"),  # "Awaiting your review"
        _page_url("edit", pending.pk),
        _page_url("workflow_history", pending.pk),
        _page_url("collect_workflow_action_data", pending.pk, "approve", task_state.pk),
        _page_url("collect_workflow_action_data", pending.pk, "reject", task_state.pk),
        _page_url("delete", tree["policy"].pk),
        _page_url("unpublish", tree["policy"].pk),
        _page_url("move", tree["news"].pk),
        _page_url("move_confirm", tree["news"].pk, tree["home"].pk),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_account"),
    ]
    assert_vietnamese(client, urls, tree["user_content"])


def test_login_page_is_vietnamese_when_logged_out(client):
    urls = [reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")]
    assert_vietnamese(client, urls, user_content=set())


def test_js_catalogue_translates_every_wagtail_js_string(client, django_user_model):
    client.force_login(_vi_user(django_user_model, "bientapvien", "Editors"))
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    body = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)[1])
    js_ids = {i for path in wagtail_catalogues("djangojs") for i in po_msgids(path, plurals=False)}
    missing = sorted(i for i in js_ids if i not in catalog)
    assert not missing, f"{len(missing)} JavaScript strings without Vietnamese: {missing}"


def test_time_since_is_vietnamese_when_django_lacks_it():
    """Django's vi catalogue has no "%(num)d minute": the admin's "3 days ago" comes from ours."""
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with translation.override("vi"):
        assert timesince_simple(timezone.now() - timedelta(days=3, hours=2)) == "3\xa0ngày trước"
        assert timesince_simple(timezone.now()) == "vừa xong"
