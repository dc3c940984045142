"""Issue 13 item 10, autosave: the page editor saves the draft as the editor types (Wagtail's
autosave posts the whole form and asks for JSON). A title that clashes with a sibling's is
answered as any invalid draft is — 400 with Wagtail's validation error, which the editor's
screen shows — never a 500, and nothing is written; a draft with a free title is saved."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.portal.models import NewsPage

pytestmark = pytest.mark.django_db

TAKEN = "Chàng trai Lục Nam khởi nghiệp"


class _EditForm(HTMLParser):
    """The named fields of the page editor's form (``#page-edit-form``) with the values the
    browser would post: checked boxes only, the selected option, a textarea's text."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._inside = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._inside = a.get("id") == "page-edit-form"
        if not self._inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.data[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value") or ""
            if "selected" in a:
                self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select" and self._select:
            self.data.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _form(client: Client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _EditForm()
    parser.feed(response.content.decode())
    assert "title" in parser.data and "slug" in parser.data
    return parser.data


def _autosave(client: Client, url: str, data: dict[str, str]):
    return client.post(url, data, HTTP_ACCEPT="application/json")


@pytest.fixture
def writer(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def taken(portal):
    """A published article whose slug is made from its title: chang-trai-luc-nam-khoi-nghiep."""
    from giamngheo.portal.services import create_page

    page = NewsPage(title=TAKEN, slug="", topic="1.4", intro="Bài đã có.", body="<p>Có.</p>")
    page = create_page(parent=portal["news"], page=page)
    assert page.slug == "chang-trai-luc-nam-khoi-nghiep"
    return page


def test_autosave_of_a_clashing_title_is_a_validation_error_and_writes_nothing(
    writer, portal, taken
):
    url = reverse("wagtailadmin_pages:add", args=["portal", "newspage", portal["news"].pk])
    data = _form(writer, url)
    # What the browser's slug script fills in as the title is typed.
    data.update(title=TAKEN, slug="chang-trai-luc-nam-khoi-nghiep", topic="1.4", intro="Bài mới.")
    response = _autosave(writer, url, data)
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "validation_error"
    assert NewsPage.objects.filter(title=TAKEN).count() == 1


def test_autosave_of_a_free_title_saves_the_draft(writer, portal, taken):
    url = reverse("wagtailadmin_pages:add", args=["portal", "newspage", portal["news"].pk])
    data = _form(writer, url)
    data.update(title="Chàng trai Lục Ngạn khởi nghiệp", slug="", topic="1.4", intro="Bài mới.")
    response = _autosave(writer, url, data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert response.json()["success"] is True
    page = NewsPage.objects.get(pk=response.json()["pk"])
    assert (page.slug, page.live) == ("chang-trai-luc-ngan-khoi-nghiep", False)


def test_autosave_of_an_edit_that_takes_a_siblings_title_changes_nothing(writer, make_news, taken):
    other = make_news("Chàng trai Sơn Động khởi nghiệp")
    slug = other.slug
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    data = _form(writer, url)
    data.update(title=TAKEN, slug="chang-trai-luc-nam-khoi-nghiep")
    response = _autosave(writer, url, data)
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    other.refresh_from_db()
    assert (other.title, other.slug) == ("Chàng trai Sơn Động khởi nghiệp", slug)
    assert other.get_latest_revision().content["title"] == "Chàng trai Sơn Động khởi nghiệp"
