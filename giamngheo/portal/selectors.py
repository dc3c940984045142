"""Reads for the public portal: home sections and diacritic-insensitive search."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from giamngheo.core.cache import memoised
from giamngheo.core.text import fold, normalize_text

from .enums import DocumentType
from .models import (
    SEARCHABLE_TYPES,
    ExemplaryModelPage,
    NewsPage,
    PolicyDocumentPage,
    visible,
)
from .search_engine import EngineQuery, get_engine, terms_of

# The engine ranks every match; this many of its best are re-scored with the boosts that need
# the text as typed (exact diacritics, title words, document numbers).
SEARCH_RERANK = 100
BOOST_TITLE_WORDS = 0.5  # the folded title holds every folded term
BOOST_EXACT_TITLE = (
    2.0  # the title holds the query exactly as typed, diacritics included (DESIGN §5.4: first)
)
BOOST_EXACT_WORDS = 1.0  # × the share of typed accented words found as such in the title
BOOST_NUMBER = 3.0  # a document number typed in the query is this document's
BOOST_DOCUMENT_KIND = 0.5  # the query names the document's kind ("kế hoạch …", "nghị định …")
# A policy document whose title holds every word: visitors of a state portal look for the
# document itself first, the articles that explain or cite it after.
BOOST_POLICY_TITLE = 0.3
# Pages whose title holds the query exactly as typed (diacritics included) are brought into the
# re-scored set even when the engine ranked them below its best SEARCH_RERANK ("giám" among
# thousands of "giảm"): at most this many, newest first.
EXACT_TITLE_CANDIDATES = 50
SUGGESTIONS = 8
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
    capped: bool = False  # ``total`` is a lower bound ("hơn N kết quả")
    suggestion: str = ""  # "Có phải bạn muốn tìm …" when nothing matched
    sort: str = "relevance"


def _terms(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", text) if t]


class Highlighter:
    """Marks a query's folded words in texts; the pattern is built once per query.

    Matching is done on folded text; folding keeps one character for one, so the offsets
    found there cut the original text with its diacritics intact.
    """

    def __init__(self, query: str):
        terms = sorted({fold(t) for t in _terms(query)}, key=len, reverse=True)
        self.pattern = (
            re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")", re.UNICODE)
            if terms
            else None
        )

    def __call__(self, text: str, *, width: int = SNIPPET_CHARS) -> SafeString:
        text = normalize_text(text)
        folded = fold(text)
        if self.pattern is None or len(folded) != len(text):
            return mark_safe(escape(text[:width]))  # noqa: S308 — escaped
        first = self.pattern.search(folded)
        start = max(0, (first.start() if first else 0) - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        end = min(len(text), start + width)
        parts, cursor = [], start
        for match in self.pattern.finditer(folded, start, end):
            parts.append(escape(text[cursor : match.start()]))
            parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
            cursor = match.end()
        parts.append(escape(text[cursor:end]))
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 — every piece escaped


def highlight(text: str, query: str, *, width: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, matches wrapped in <mark>."""
    return Highlighter(query)(text, width=width)


# A document number: digits, then groups joined by "/" or "-" (650/QĐ-LĐTBXH, 07/2021/NĐ-CP).
_NUMBER = re.compile(r"\d+(?:\s*[/\-]\s*\w+)+", re.UNICODE)


def number_key(value: str) -> str:
    """``"650/QĐ-LĐTBXH"``, ``"650-qd-ldtbxh"`` and ``"650/QD LDTBXH"`` all give ``650qdldtbxh``."""
    return re.sub(r"[\W_]+", "", fold(value))


def numbers_in(query: str) -> list[str]:
    return [number_key(m.group()) for m in _NUMBER.finditer(fold(query))]


def _document_numbers() -> dict[str, list[int]]:
    """Live documents by number key, memoised until the next publish."""

    def compute():
        keys: dict[str, list[int]] = {}
        rows = visible(PolicyDocumentPage.objects.all()).values_list("pk", "number_symbol")
        for pk, number in rows:
            if number:
                keys.setdefault(number_key(number), []).append(pk)
        return keys

    return memoised(("portal.search.numbers",), compute)


def _kinds_named(terms: tuple[str, ...]) -> list[str]:
    """Document types whose Vietnamese name (folded, "ke hoach") the query holds in sequence."""
    text = f" {' '.join(terms)} "
    with translation.override("vi"):
        names = [(value, " ".join(terms_of(str(label)))) for value, label in DocumentType.choices]
    return [value for value, name in names if f" {name} " in text]


def _models_for(page_type: str | None) -> tuple[type, ...]:
    if page_type in SEARCHABLE_TYPES:
        return (SEARCHABLE_TYPES[page_type],)
    return tuple(SEARCHABLE_TYPES.values())


def _score(
    title: str, base: float, *, query: str, terms: tuple[str, ...], typed: list[str]
) -> float:
    lowered = title.lower()
    score = base
    title_words = set(_terms(fold(title)))
    if all(term in title_words for term in terms):
        score += BOOST_TITLE_WORDS
    if query.lower() in lowered:
        score += BOOST_EXACT_TITLE
    elif typed:
        raw_words = set(_terms(lowered))
        score += BOOST_EXACT_WORDS * sum(w in raw_words for w in typed) / len(typed)
    return score


def search_pages(
    *,
    query: str,
    page_type: str | None = None,
    topic: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page_number: int = 1,
    sort: str = "relevance",
) -> SearchResults:
    """Published, public pages matching ``query`` with or without diacritics, best first.

    Every page is indexed with a folded copy of its text (``PortalPage.folded_text``) and title
    (``folded_title``); the query is folded the same way and all its words must match. The engine
    (``portal.search_engine``) ranks every match (BM25 / ts_rank_cd, title weighted, mild recency
    for news); its best ``SEARCH_RERANK`` are then boosted for a title holding every word, the
    query typed exactly (diacritics included) in the title, and a document number typed in the
    query. ``sort="date"`` gives the matches newest first instead.
    """
    query = normalize_text(query).strip()[: settings.SEARCH_QUERY_MAX_LENGTH]
    terms = terms_of(query)
    sort = "date" if sort == "date" else "relevance"
    if not terms:
        return SearchResults(
            query=query, hits=[], total=0, page_number=1, has_next=False, sort=sort
        )
    models_ = _models_for(page_type)
    size = settings.SEARCH_PAGE_SIZE
    news = NewsPage if NewsPage in models_ else None
    answer = get_engine().search(
        EngineQuery(
            terms=terms,
            models=models_,
            date_from=date_from,
            date_to=date_to,
            topic=topic if news else None,
            sort=sort,
            limit=max(SEARCH_RERANK, page_number * size),
            news_model=news,
        )
    )
    scores = {c.pk: c.score for c in answer.candidates}
    numbered: set[int] = set()
    if sort == "relevance" and PolicyDocumentPage in models_:
        table = _document_numbers()
        for key in numbers_in(query):
            numbered.update(table.get(key, ()))
        if date_from or date_to:  # a document outside the dates is not brought back
            numbered &= set(scores)
    exact_titled: list[int] = []
    if sort == "relevance" and any(not w.isascii() for w in _terms(query.lower())):
        exact_titled = list(
            visible(Page.objects.filter(title__icontains=query))
            .filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models_])
            .order_by("-first_published_at")
            .values_list("pk", flat=True)[:EXACT_TITLE_CANDIDATES]
        )
        if date_from or date_to:
            exact_titled = [pk for pk in exact_titled if pk in scores]
    extra = [pk for pk in (*numbered, *exact_titled) if pk not in scores]
    ids = [*scores, *dict.fromkeys(extra)]
    # Plain tuples, not Page instances: building a Page model costs ~1 ms each.
    titles = dict(visible(Page.objects.filter(pk__in=ids)).values_list("pk", "title"))
    total = answer.total + sum(1 for pk in numbered if pk not in scores and pk in titles)
    if sort == "relevance":
        kinds = _kinds_named(terms)
        named = (
            set(
                PolicyDocumentPage.objects.filter(pk__in=ids, document_type__in=kinds).values_list(
                    "pk", flat=True
                )
            )
            if kinds and PolicyDocumentPage in models_
            else set()
        )
        documents = (
            set(PolicyDocumentPage.objects.filter(pk__in=ids).values_list("pk", flat=True))
            if PolicyDocumentPage in models_
            else set()
        )
        top = max((s for s in scores.values() if s > 0), default=1.0)
        typed = [w for w in _terms(query.lower()) if not w.isascii()]
        final = {
            pk: _score(
                titles[pk],
                max(scores.get(pk, 0.0), 0.0) / top,
                query=query,
                terms=terms,
                typed=typed,
            )
            + (BOOST_NUMBER if pk in numbered else 0.0)
            + (BOOST_DOCUMENT_KIND if pk in named else 0.0)
            + (
                BOOST_POLICY_TITLE
                if pk in documents and all(t in set(_terms(fold(titles[pk]))) for t in terms)
                else 0.0
            )
            for pk in ids
            if pk in titles
        }
        ranked = sorted(final, key=lambda pk: (-final[pk], -pk))
    else:
        ranked = [pk for pk in ids if pk in titles]
    window = ranked[(page_number - 1) * size : page_number * size]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=window).specific()}
    mark = Highlighter(query)
    needle = query.lower()
    hits = []
    for pk in window:
        page = specific[pk]
        plain = page.plain_text() if hasattr(page, "plain_text") else page.title
        hits.append(
            SearchHit(
                page=page,
                exact=needle in page.title.lower(),
                title=mark(page.title, width=500),
                snippet=mark(plain[:SNIPPET_SOURCE_CHARS]),
            )
        )
    suggestion = ""
    if not total and page_number == 1:
        suggestion = did_you_mean(query, models=models_)
    return SearchResults(
        query=query,
        hits=hits,
        total=total,
        page_number=page_number,
        has_next=len(ranked) > page_number * size or total > page_number * size,
        capped=not answer.total_exact,
        suggestion=suggestion,
        sort=sort,
    )


def _title_vocabulary() -> list[str]:
    """Folded words of the searchable pages' titles, memoised until the next publish."""

    def compute():
        words: set[str] = set()
        for model in SEARCHABLE_TYPES.values():
            for title in visible(model.objects.all()).values_list("title", flat=True).iterator():
                words.update(t for t in _terms(fold(title)) if len(t) > 1)
        return sorted(words)

    return memoised(("portal.search.vocabulary",), compute)


def did_you_mean(query: str, *, models: tuple[type, ...] | None = None) -> str:
    """A folded near-match of ``query`` that finds something ("Có phải bạn muốn tìm …"), or "".

    Each word that no title holds is replaced by the closest title word (difflib ratio ≥ 0.75);
    the corrected query is proposed only if the engine finds it.
    """
    terms = terms_of(query)
    if not terms:
        return ""
    vocabulary = _title_vocabulary()
    known = set(vocabulary)
    corrected = []
    for term in terms:
        if term in known or term.isdigit():
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else term)
    if tuple(corrected) == terms:
        return ""
    models = models or tuple(SEARCHABLE_TYPES.values())
    found = get_engine().search(EngineQuery(terms=tuple(corrected), models=models, limit=1))
    return " ".join(corrected) if found.total else ""


@dataclass(frozen=True)
class TitleSuggestion:
    page: Page
    number: str = ""  # a policy document's number, shown beside its title


def suggest_titles(prefix: str, *, limit: int = SUGGESTIONS) -> list[TitleSuggestion]:
    """Pages whose folded title (with a document's number) starts the way ``prefix`` is typed:
    every word but the last whole, the last as a prefix. For the suggestions as you type."""
    terms = terms_of(normalize_text(prefix)[: settings.SEARCH_QUERY_MAX_LENGTH])
    if not terms:
        return []
    found = get_engine().suggest(terms, models=tuple(SEARCHABLE_TYPES.values()), limit=limit)
    ids = [s.pk for s in found]
    pages = {p.pk: p for p in visible(Page.objects.filter(pk__in=ids))}
    numbers = dict(PolicyDocumentPage.objects.filter(pk__in=ids).values_list("pk", "number_symbol"))
    return [TitleSuggestion(pages[pk], numbers.get(pk, "")) for pk in ids if pk in pages]
