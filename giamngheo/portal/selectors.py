"""Reads for the public portal: home sections and diacritic-insensitive search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from giamngheo.core.cache import memoised
from giamngheo.core.text import fold, normalize_text

from .models import (
    SEARCHABLE_TYPES,
    ExemplaryModelPage,
    NewsPage,
    PolicyDocumentPage,
    visible,
)

# Top-N taken by the search engine's relevance before our exact-diacritics re-ranking.
SEARCH_CANDIDATES = 200
SNIPPET_CHARS = 240
SNIPPET_SOURCE_CHARS = 1200  # the excerpt comes from the start of long texts


def home_sections(*, site_root: Page) -> dict:
    """The home page's latest news, policies and models: memoised until the next publish
    (core.cache.memoised), as lists."""
    return memoised(("portal.home-sections", site_root.pk), lambda: _home_sections(site_root))


def _home_sections(site_root: Page) -> dict:
    news = (
        visible(NewsPage.objects.descendant_of(site_root))
        .select_related("cover_image")
        .order_by("-date", "-pk")[:6]
    )
    policies = visible(PolicyDocumentPage.objects.descendant_of(site_root)).order_by(
        "-issue_date", "-pk"
    )[:5]
    models_ = (
        visible(ExemplaryModelPage.objects.descendant_of(site_root))
        .select_related("cover_image")
        .order_by("-first_published_at")[:3]
    )
    return {
        "latest_news": list(news),
        "latest_policies": list(policies),
        "latest_models": list(models_),
    }


@dataclass
class SearchHit:
    page: Page
    exact: bool
    title: SafeString
    snippet: SafeString


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    page_number: int
    has_next: bool
    capped: bool = False  # more matches exist than the newest SEARCH_CANDIDATES shown


def _terms(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", text) if t]


def highlight(text: str, query: str, *, width: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, matches wrapped in <mark>.

    Matching is done on folded text; folding keeps one character for one, so the offsets
    found there cut the original text with its diacritics intact.
    """
    text = normalize_text(text)
    folded = fold(text)
    terms = sorted({fold(t) for t in _terms(query)}, key=len, reverse=True)
    if not terms or len(folded) != len(text):
        return mark_safe(escape(text[:width]))  # noqa: S308 — escaped
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")", re.UNICODE)
    first = pattern.search(folded)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    parts, cursor = [], start
    for match in pattern.finditer(folded, start, end):
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 — every piece escaped


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _content_type_ids(models_) -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*models_).values()]


def _matching_ids(
    *, terms: list[str], content_types: list[int], date_from, date_to, topic, limit: int
) -> list[int]:
    """Ids of live pages whose indexed text holds every folded term, newest index entry first.

    The query runs on the index Wagtail keeps (``wagtail.search``'s ``IndexEntry``: SQLite FTS5 or a
    PostgreSQL tsvector) but not through ``queryset.search()``: that scores every match with a
    correlated subquery (SQLite) or over an expression no index covers (PostgreSQL), which takes
    seconds at 100,000 articles. Walking the matches newest first with a LIMIT stops early;
    relevance among them is decided by :func:`search_pages`.
    """
    params: list = []
    extra = []
    if date_from:
        extra.append("p.first_published_at >= %s")
        params.append(_start_of(date_from))
    if date_to:
        extra.append("p.first_published_at < %s")
        params.append(_start_of(date_to + timedelta(days=1)))
    if topic:
        extra.append("p.id IN (SELECT page_ptr_id FROM portal_newspage WHERE topic = %s)")
        params.append(topic)
    where_extra = "".join(f" AND {clause}" for clause in extra)
    entries = IndexEntry._meta.db_table
    placeholders = ", ".join(["%s"] * len(content_types))
    if connection.vendor == "postgresql":
        # Only identifiers from our own models are interpolated; every value is a parameter.
        sql = (
            f"SELECT p.id FROM {entries} e "  # noqa: S608
            "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
            "WHERE e.body @@ plainto_tsquery('simple', %s) "
            f"AND e.content_type_id IN ({placeholders}) AND p.live{where_extra} "
            "ORDER BY e.id DESC LIMIT %s"
        )
        query = " ".join(terms)
    else:
        sql = (
            f"SELECT p.id FROM {entries}_fts f "  # noqa: S608
            f"JOIN {entries} e ON e.id = f.rowid "
            "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
            f"WHERE {entries}_fts MATCH %s "
            f"AND e.content_type_id IN ({placeholders}) AND p.live{where_extra} "
            "ORDER BY f.rowid DESC LIMIT %s"
        )
        query = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *content_types, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def search_pages(
    *,
    query: str,
    page_type: str | None = None,
    topic: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page_number: int = 1,
) -> SearchResults:
    """Published, public pages matching ``query`` with or without diacritics.

    Every page is indexed with a folded copy of its text (``PortalPage.folded_text``); the query
    is folded the same way and all its words must match. Among the newest
    ``SEARCH_CANDIDATES`` matches, a title holding the query exactly as typed (diacritics
    included) ranks first, then a title holding all the folded words, then the rest by date.
    """
    query = normalize_text(query).strip()[: settings.SEARCH_QUERY_MAX_LENGTH]
    terms = _terms(fold(query))
    if not terms:
        return SearchResults(query=query, hits=[], total=0, page_number=1, has_next=False)
    models_ = (
        [SEARCHABLE_TYPES[page_type]]
        if page_type in SEARCHABLE_TYPES
        else list(SEARCHABLE_TYPES.values())
    )
    ids = _matching_ids(
        terms=terms,
        content_types=_content_type_ids(models_),
        date_from=date_from,
        date_to=date_to,
        topic=topic if NewsPage in models_ else None,
        limit=SEARCH_CANDIDATES,
    )
    # Plain tuples, not 200 Page instances: building a Page model costs ~1 ms each.
    titles = dict(visible(Page.objects.filter(pk__in=ids)).values_list("pk", "title"))
    candidates = [(pk, titles[pk]) for pk in ids if pk in titles]
    needle = query.lower()

    def rank(title: str) -> int:
        if needle in title.lower():
            return 0
        folded_title = fold(title)
        return 1 if all(term in folded_title for term in terms) else 2

    ranked = sorted(candidates, key=lambda item: rank(item[1]))  # stable: newest first per rank
    size = settings.SEARCH_PAGE_SIZE
    window = [pk for pk, _title in ranked[(page_number - 1) * size : page_number * size]]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=window).specific()}
    hits = []
    for pk in window:
        page = specific[pk]
        plain = page.plain_text() if hasattr(page, "plain_text") else page.title
        hits.append(
            SearchHit(
                page=page,
                exact=rank(page.title) == 0,
                title=highlight(page.title, query, width=500),
                snippet=highlight(plain[:SNIPPET_SOURCE_CHARS], query),
            )
        )
    return SearchResults(
        query=query,
        hits=hits,
        total=len(candidates),
        page_number=page_number,
        has_next=len(ranked) > page_number * size,
        capped=len(ids) >= SEARCH_CANDIDATES,
    )
