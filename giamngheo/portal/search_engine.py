"""The portal's search engines: one interface, a database implementation and an OpenSearch one.

The portal's search (:func:`portal.selectors.search_pages`) asks an engine for the ids of the
best-ranked live pages matching a folded query, over *every* match, and for title suggestions.
It then applies the boosts that need the text as typed (exact diacritics, document numbers) to
the top of that ranking. Two engines answer the same contract (:class:`SearchEngine`):

* :class:`DatabaseEngine` reads the index Wagtail's database backend keeps (``IndexEntry``):
  on SQLite, FTS5's ``bm25()`` with the folded title (``autocomplete`` column) weighted 4× the
  folded body; on PostgreSQL, ``ts_rank_cd`` over the folded body plus 4× over the folded title.
  A news article's score is multiplied by ``1 + 0.25 / (1 + age in years)`` (mild recency).
  The count is exact (a window count over every match).
* :class:`OpenSearchEngine` sends the same request to an OpenSearch / Elasticsearch index that
  Wagtail's backend (``modelsearch.backends.opensearch2`` and friends) maintains, with
  :data:`OPENSEARCH_INDEX_SETTINGS` folding Vietnamese in the analyser. Its count is exact up to
  the server's ``track_total_hits`` and marked "at least" beyond.

``settings.PORTAL_SEARCH_ENGINE`` ("database" or "opensearch") picks one (:func:`get_engine`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.search.models import IndexEntry

from giamngheo.core.text import fold

NEWS_RECENCY = 0.25  # at most +25 % for an article published today, +12.5 % a year ago
TITLE_WEIGHT = 4.0  # folded title (autocomplete column) against the folded body


@dataclass(frozen=True)
class EngineQuery:
    """What the portal asks: folded terms (all must match) and the filters of the search form."""

    terms: tuple[str, ...]
    models: tuple[type, ...]
    date_from: date | None = None
    date_to: date | None = None
    topic: str | None = None
    sort: str = "relevance"  # or "date": newest first
    limit: int = 100
    news_model: type | None = None  # the model that gets the recency factor and the topic filter


@dataclass(frozen=True)
class Candidate:
    pk: int
    score: float  # higher is better; comparable within one answer only


@dataclass
class EngineResult:
    candidates: list[Candidate]
    total: int
    total_exact: bool = True  # False: "at least ``total``"


@dataclass(frozen=True)
class Suggestion:
    pk: int
    title: str


class SearchEngine(Protocol):
    def search(self, query: EngineQuery) -> EngineResult: ...

    def suggest(
        self, terms: tuple[str, ...], *, models: tuple[type, ...], limit: int = 8
    ) -> list[Suggestion]:
        """Live pages whose folded title holds every term, the last one as a prefix."""
        ...


def terms_of(text: str) -> tuple[str, ...]:
    """Folded words of ``text`` (letters and digits; ``/``, ``-`` and the like separate)."""
    return tuple(t for t in re.split(r"[^\w]+", fold(text)) if t)


# ------------------------------------------------------------------------------ database engine


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _content_type_ids(models) -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


class DatabaseEngine:
    """Ranked search over Wagtail's database index (SQLite FTS5 or PostgreSQL full text).

    The SQL runs on ``IndexEntry`` directly rather than through ``queryset.search()``, whose
    score is a correlated subquery per match on SQLite and an unindexed ``title || body`` on
    PostgreSQL; here the match uses the index (FTS5 / the GIN index on ``body``), the score is
    computed once per match, and the live/filters join is on primary keys.
    """

    def _filters(self, query: EngineQuery) -> tuple[str, list]:
        clauses, params = [], []
        if query.date_from:
            clauses.append("p.first_published_at >= %s")
            params.append(_start_of(query.date_from))
        if query.date_to:
            clauses.append("p.first_published_at < %s")
            params.append(_start_of(query.date_to + timedelta(days=1)))
        if query.topic and query.news_model is not None:
            table = query.news_model._meta.db_table
            clauses.append(f"p.id IN (SELECT page_ptr_id FROM {table} WHERE topic = %s)")  # noqa: S608
            params.append(query.topic)
        return "".join(f" AND {c}" for c in clauses), params

    def search(self, query: EngineQuery) -> EngineResult:
        if not query.terms:
            return EngineResult([], 0)
        cts = _content_type_ids(query.models)
        news_ct = _content_type_ids([query.news_model])[0] if query.news_model else 0
        where_extra, extra = self._filters(query)
        entries = IndexEntry._meta.db_table
        ct_list = ", ".join(["%s"] * len(cts))
        if connection.vendor == "postgresql":
            recency = (
                f"CASE WHEN e.content_type_id = %s THEN 1.0 + {NEWS_RECENCY} / (1.0 + "
                "GREATEST(EXTRACT(EPOCH FROM now() - p.first_published_at), 0) / 31557600.0) "
                "ELSE 1.0 END"
            )
            score = (
                f"(ts_rank_cd(e.body, q.q) + {TITLE_WEIGHT} * "
                f"ts_rank_cd(COALESCE(e.autocomplete, ''::tsvector), q.any)) * {recency}"
            )
            order = (
                "score DESC, p.id DESC"
                if query.sort != "date"
                else "p.first_published_at DESC, p.id DESC"
            )
            sql = (
                f"SELECT p.id, {score} AS score, count(*) OVER () "  # noqa: S608 — identifiers are ours
                f"FROM {entries} e CROSS JOIN (SELECT to_tsquery('simple', %s) AS q, "
                "to_tsquery('simple', %s) AS any) q "
                "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
                f"WHERE e.body @@ q.q AND e.content_type_id IN ({ct_list}) AND p.live{where_extra} "
                f"ORDER BY {order} LIMIT %s"
            )
            # The title's share counts each term it holds (cover density needs them all).
            params = [
                news_ct,
                " & ".join(query.terms),
                " | ".join(query.terms),
                *cts,
                *extra,
                query.limit,
            ]
        else:
            recency = (
                f"CASE WHEN e.content_type_id = %s THEN 1.0 + {NEWS_RECENCY} / (1.0 + "
                "MAX(julianday('now') - julianday(p.first_published_at), 0) / 365.25) ELSE 1.0 END"
            )
            # bm25() is lower-is-better and only usable next to its MATCH: computed in a CTE.
            # Columns: autocomplete (folded title), body (folded text), title (raw, unweighted).
            score = f"-m.rank * {recency}"
            order = (
                "score DESC, p.id DESC"
                if query.sort != "date"
                else "p.first_published_at DESC, p.id DESC"
            )
            sql = (
                "WITH m AS MATERIALIZED (SELECT rowid AS rid, "  # noqa: S608 — identifiers are ours
                f"bm25({entries}_fts, {TITLE_WEIGHT}, 1.0, 0.0) AS rank FROM {entries}_fts "
                f"WHERE {entries}_fts MATCH %s) "
                f"SELECT p.id, {score} AS score, count(*) OVER () FROM m "
                f"JOIN {entries} e ON e.id = m.rid "
                "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
                f"WHERE e.content_type_id IN ({ct_list}) "
                f"AND p.live{where_extra} ORDER BY {order} LIMIT %s"
            )
            match = "{autocomplete body} : (" + " AND ".join(f'"{t}"' for t in query.terms) + ")"
            params = [match, news_ct, *cts, *extra, query.limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = rows[0][2] if rows else 0
        return EngineResult([Candidate(pk, float(score or 0.0)) for pk, score, _n in rows], total)

    def suggest(self, terms, *, models, limit=8):
        if not terms:
            return []
        cts = _content_type_ids(models)
        entries = IndexEntry._meta.db_table
        ct_list = ", ".join(["%s"] * len(cts))
        if connection.vendor == "postgresql":
            tsquery = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
            sql = (
                f"SELECT p.id, p.title FROM {entries} e "  # noqa: S608 — identifiers are ours
                "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
                "WHERE e.autocomplete @@ to_tsquery('simple', %s) "
                f"AND e.content_type_id IN ({ct_list}) AND p.live "
                "ORDER BY length(p.title), p.id DESC LIMIT %s"
            )
            params = [tsquery, *cts, limit]
        else:
            match = (
                "{autocomplete} : ("
                + " AND ".join([*(f'"{t}"' for t in terms[:-1]), f'"{terms[-1]}"*'])
                + ")"
            )
            sql = (
                f"SELECT p.id, p.title FROM {entries}_fts "  # noqa: S608 — identifiers are ours
                f"JOIN {entries} e ON e.id = {entries}_fts.rowid "
                "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS integer) "
                f"WHERE {entries}_fts MATCH %s AND e.content_type_id IN ({ct_list}) AND p.live "
                "ORDER BY length(p.title), p.id DESC LIMIT %s"
            )
            params = [match, *cts, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Suggestion(pk, title) for pk, title in cursor.fetchall()]


# ---------------------------------------------------------------------------- OpenSearch engine

# Index settings for Wagtail's OpenSearch / Elasticsearch backend (its INDEX_SETTINGS): every
# analyser folds Vietnamese — đ → d explicitly (before the tokenizer), then ASCII folding of the
# tones and marks — so an index built from the raw title matches "giam ngheo", "GIẢM NGHÈO" and
# NFD input alike. With the ICU plugin installed, "icu_folding" can replace "asciifolding".
VI_FOLD_CHAR_FILTER = {"type": "mapping", "mappings": ["đ => d", "Đ => d"]}
OPENSEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {"vi_d": VI_FOLD_CHAR_FILTER},
            "analyzer": {
                "default": {
                    "type": "custom",
                    "char_filter": ["vi_d"],
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
                "default_search": {
                    "type": "custom",
                    "char_filter": ["vi_d"],
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "char_filter": ["vi_d"],
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "char_filter": ["vi_d"],
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "ngram"],
                },
            },
        }
    }
}


# The library's document keeps every content type of the page's model chain ("wagtailcore.Page",
# "portal.NewsPage") in this keyword field (ElasticsearchBaseMapping.get_document).
CONTENT_TYPE_FIELD = "_django_content_type"


def _content_type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _field_prefix(model) -> str:
    return f"{model._meta.app_label.lower()}_{model.__name__.lower()}__"


@dataclass
class OpenSearchEngine:
    """The same contract over an OpenSearch / Elasticsearch index kept by Wagtail's backend.

    ``client`` and ``index`` default to the Wagtail backend named ``backend`` in
    ``WAGTAILSEARCH_BACKENDS`` (its ``es`` client and its page index); a test passes its own.
    """

    backend: str = "opensearch"
    client: object | None = None
    index: str | None = None
    track_total_hits: int = 10_000
    _resolved: bool = field(default=False, repr=False)

    def _resolve(self):
        if self.client is None or self.index is None:
            from wagtail.models import Page  # noqa: PLC0415 — only when the engine is used
            from wagtail.search.backends import get_search_backend  # noqa: PLC0415 — idem

            wagtail_backend = get_search_backend(self.backend)
            self.client = self.client or wagtail_backend.es
            self.index = self.index or wagtail_backend.get_index_for_model(Page).name
        return self.client, self.index

    def search_body(self, query: EngineQuery) -> dict:
        """The request body (public so the contract tests can read what is asked)."""
        text = " ".join(query.terms)
        must = {
            "multi_match": {
                "query": text,
                "fields": [
                    "*__folded_text",
                    f"*__folded_title_edgengrams^{TITLE_WEIGHT:g}",
                    "title^2",
                ],
                "operator": "and",
                "type": "cross_fields",
            }
        }
        filters: list[dict] = [
            {"terms": {CONTENT_TYPE_FIELD: [_content_type_name(m) for m in query.models]}},
            {"term": {"live_filter": True}},
        ]
        published: dict = {}
        if query.date_from:
            published["gte"] = _start_of(query.date_from).isoformat()
        if query.date_to:
            published["lt"] = _start_of(query.date_to + timedelta(days=1)).isoformat()
        if published:
            filters.append({"range": {"first_published_at_filter": published}})
        if query.topic and query.news_model is not None:
            filters.append(
                {"term": {f"{_field_prefix(query.news_model)}topic_filter": query.topic}}
            )
        scored: dict = {"bool": {"must": [must], "filter": filters}}
        if query.news_model is not None:
            scored = {
                "function_score": {
                    "query": scored,
                    "functions": [
                        {
                            "filter": {
                                "term": {CONTENT_TYPE_FIELD: _content_type_name(query.news_model)}
                            },
                            "gauss": {
                                "first_published_at_filter": {
                                    "origin": "now",
                                    "scale": "365d",
                                    "decay": 0.5,
                                }
                            },
                            "weight": NEWS_RECENCY,
                        },
                        {"weight": 1.0},
                    ],
                    "score_mode": "sum",
                    "boost_mode": "multiply",
                }
            }
        body = {
            "query": scored,
            "size": query.limit,
            "stored_fields": ["pk"],
            "track_total_hits": self.track_total_hits,
        }
        if query.sort == "date":
            body["sort"] = [{"first_published_at_filter": "desc"}, {"pk": "desc"}]
        return body

    def search(self, query: EngineQuery) -> EngineResult:
        if not query.terms:
            return EngineResult([], 0)
        client, index = self._resolve()
        answer = client.search(index=index, body=self.search_body(query))
        hits = answer["hits"]
        total = hits["total"]
        if isinstance(total, int):  # Elasticsearch 6 answers a bare number
            total = {"value": total, "relation": "eq"}
        return EngineResult(
            [
                Candidate(int(h["fields"]["pk"][0]), float(h.get("_score") or 0.0))
                for h in hits["hits"]
            ],
            total["value"],
            total_exact=total.get("relation", "eq") == "eq",
        )

    def suggest_body(self, terms, *, models, limit=8) -> dict:
        return {
            "query": {
                "bool": {
                    "must": [
                        {
                            "multi_match": {
                                "query": " ".join(terms),
                                "fields": ["*__folded_title_edgengrams"],
                                "operator": "and",
                            }
                        }
                    ],
                    "filter": [
                        {"terms": {CONTENT_TYPE_FIELD: [_content_type_name(m) for m in models]}},
                        {"term": {"live_filter": True}},
                    ],
                }
            },
            "size": limit,
            # Only "pk" is a stored field in the library's mapping: the title comes from _source.
            "stored_fields": ["pk"],
            "_source": ["title"],
        }

    def suggest(self, terms, *, models, limit=8):
        if not terms:
            return []
        client, index = self._resolve()
        answer = client.search(
            index=index, body=self.suggest_body(terms, models=models, limit=limit)
        )
        return [
            Suggestion(int(h["fields"]["pk"][0]), (h.get("_source") or {}).get("title", ""))
            for h in answer["hits"]["hits"]
        ]


def get_engine() -> SearchEngine:
    if getattr(settings, "PORTAL_SEARCH_ENGINE", "database") == "opensearch":
        return OpenSearchEngine()
    return DatabaseEngine()
