"""Reads for the public portal: home sections and diacritic-insensitive search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from giamngheo.core.text import fold, normalize_text

from .models import (
    SEARCHABLE_TYPES,
    ExemplaryModelPage,
    NewsPage,
    PolicyDocumentPage,
)

# Top-N taken by the search engine's relevance before our exact-diacritics re-ranking.
SEARCH_CANDIDATES = 200
SNIPPET_CHARS = 240


def home_sections(*, site_root: Page) -> dict:
    news = (
        NewsPage.objects.live()
        .public()
        .descendant_of(site_root)
        .select_related("cover_image")
        .order_by("-date", "-pk")[:6]
    )
    policies = (
        PolicyDocumentPage.objects.live()
        .public()
        .descendant_of(site_root)
        .order_by("-issue_date", "-pk")[:5]
    )
    models_ = (
        ExemplaryModelPage.objects.live()
        .public()
        .descendant_of(site_root)
        .select_related("cover_image")
        .order_by("-first_published_at")[:3]
    )
    return {"latest_news": news, "latest_policies": policies, "latest_models": models_}


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


def _is_exact(page: Page, needle: str) -> bool:
    return needle in page.title.lower()


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

    The engine (SQLite FTS5 or PostgreSQL full text) matches the folded query against each
    page's folded text and ranks by relevance; within those candidates a title that contains
    the query exactly as typed, diacritics included, ranks first.
    """
    query = normalize_text(query).strip()[: settings.SEARCH_QUERY_MAX_LENGTH]
    folded = " ".join(_terms(fold(query)))
    if not folded:
        return SearchResults(query=query, hits=[], total=0, page_number=1, has_next=False)
    model = SEARCHABLE_TYPES.get(page_type or "", Page)
    queryset = model.objects.live().public()
    if model is Page:
        queryset = queryset.type(*SEARCHABLE_TYPES.values())
    if topic and model is NewsPage:
        queryset = queryset.filter(topic=topic)
    if date_from:
        queryset = queryset.filter(first_published_at__gte=_start_of(date_from))
    if date_to:
        queryset = queryset.filter(first_published_at__lt=_start_of(date_to + timedelta(days=1)))
    results = queryset.search(folded, operator="and", order_by_relevance=True)
    candidates = list(results[:SEARCH_CANDIDATES])
    total = len(candidates) if len(candidates) < SEARCH_CANDIDATES else results.count()
    needle = query.lower()
    ranked = sorted(candidates, key=lambda p: not _is_exact(p, needle))  # stable: keeps relevance
    size = settings.SEARCH_PAGE_SIZE
    window = ranked[(page_number - 1) * size : page_number * size]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in window]).specific()}
    hits = []
    for page in window:
        page = specific.get(page.pk, page)
        plain = page.plain_text() if hasattr(page, "plain_text") else page.title
        hits.append(
            SearchHit(
                page=page,
                exact=_is_exact(page, needle),
                title=highlight(page.title, query, width=500),
                snippet=highlight(plain, query),
            )
        )
    return SearchResults(
        query=query,
        hits=hits,
        total=total,
        page_number=page_number,
        has_next=len(ranked) > page_number * size,
    )
