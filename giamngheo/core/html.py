"""HTML sanitising (nh3) for rich text, on save and again on output."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "figure",
    "figcaption",
    "embed",
    "span",
    "sup",
    "sub",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "linktype", "id"},
    "img": {"src", "alt", "width", "height", "class"},
    # Wagtail's stored rich text references images and documents by id in <embed> / <a> tags.
    "embed": {"embedtype", "id", "format", "alt"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "span": {"lang"},
}


def sanitize_html(value: str) -> str:
    """Drop scripts, event handlers, javascript: URLs and unknown tags; keep Wagtail's markup."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment, for search indexing and snippets."""
    if not value:
        return ""
    spaced = value.replace("</p>", "</p> ").replace("<br/>", " ").replace("<br>", " ")
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())
