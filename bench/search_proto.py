"""Prototype of a search query shape that meets the 30 ms bar (bench only; app code unchanged).

Why the current shape is slow (see docs/benchmarks.md): modelsearch's database backend ranks
*every* match. On SQLite it filters pages with ``pk IN (FTS MATCH …)`` and computes the score
with a correlated subquery that re-runs the FTS MATCH once per matching page (quadratic); on
PostgreSQL it filters on ``title || body @@ query``, an expression no GIN index covers, so every
tsvector of the 100,000 rows is read. With the portal's vocabulary a query such as "giam ngheo"
matches 70–95 % of all articles, so even a plain BM25 / ts_rank over all matches costs
hundreds of milliseconds.

The prototype fetches the candidates the way the engines can do fast:

* the newest ``SEARCH_CANDIDATES`` (200) matching index entries, in index order (SQLite FTS5
  ``ORDER BY rowid DESC LIMIT`` stops early; PostgreSQL uses the GIN index on ``body``, which holds
  the folded title too, instead of the unindexable ``title || body``);
* live pages among them (one query on the page table by primary key);
* a count capped at 1,000 ("hơn 1.000 kết quả") instead of an exact count over all matches.

The existing Python re-ranking (exact diacritics in the title first) then orders those
candidates, and the page of 20 is fetched as today. Relevance becomes "exact title, then
newest" for very common queries: the right trade-off for a news portal, and BM25 could still be
applied to these 200 candidates in Python.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from bench.common import mark, percentile, say, table
from giamngheo.core.text import fold, normalize_text
from giamngheo.portal.models import SEARCHABLE_TYPES

CANDIDATES = 200
COUNT_CAP = 1000


def _terms(query: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", fold(normalize_text(query))) if t]


def candidates(query: str) -> tuple[list[Page], int]:
    terms = _terms(query)
    cts = [ContentType.objects.get_for_model(m).pk for m in SEARCHABLE_TYPES.values()]
    ct_list = ",".join(str(int(pk)) for pk in cts)
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            match = "{title body} : (" + " AND ".join(f'"{t}"' for t in terms) + ")"
            cur.execute(
                "SELECT e.object_id FROM (SELECT rowid AS rid FROM wagtailsearch_indexentry_fts "
                "WHERE wagtailsearch_indexentry_fts MATCH %s ORDER BY rowid DESC LIMIT %s) m "
                f"JOIN wagtailsearch_indexentry e ON e.id = m.rid WHERE e.content_type_id IN ({ct_list})",
                [match, CANDIDATES * 2],
            )
            ids = [int(r[0]) for r in cur.fetchall()]
            cur.execute(
                "SELECT count(*) FROM (SELECT 1 FROM wagtailsearch_indexentry_fts "
                "WHERE wagtailsearch_indexentry_fts MATCH %s LIMIT %s)",
                [match, COUNT_CAP + 1],
            )
        else:
            tsquery = " & ".join(terms)
            where = f"content_type_id IN ({ct_list}) AND body @@ to_tsquery('simple', %s)"
            cur.execute(
                f"SELECT object_id FROM wagtailsearch_indexentry WHERE {where} "
                "ORDER BY id DESC LIMIT %s",
                [tsquery, CANDIDATES * 2],
            )
            ids = [int(r[0]) for r in cur.fetchall()]
            cur.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM wagtailsearch_indexentry WHERE {where} "
                "LIMIT %s) c",
                [tsquery, COUNT_CAP + 1],
            )
        total = cur.fetchone()[0]
    pages_qs = Page.objects.live().filter(pk__in=ids)
    # Wagtail's .public() costs ~80 ms on SQLite at 100k pages (its PageViewRestriction join is
    # planned as a scan of wagtailcore_page); skip it when there is no restriction at all.
    if PageViewRestriction.objects.exists():
        pages_qs = pages_qs.public()
    live = {p.pk: p for p in pages_qs}
    pages = [live[i] for i in ids if i in live][:CANDIDATES]
    needle = normalize_text(query).strip().lower()
    ranked = sorted(pages, key=lambda p: needle not in p.title.lower())
    window = ranked[:20]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in window]).specific()}
    return [specific.get(p.pk, p) for p in window], total


def measure_prototype(queries, *, series, bar_ms: float, label: str) -> list[dict]:
    rows, worst = [], 0.0
    for query, kind in queries:
        found = {}

        def run(query=query, found=found):
            found["hits"], found["total"] = candidates(query)

        times = series(run)
        p50, p95 = percentile(times, 50), percentile(times, 95)
        worst = max(worst, p95)
        total = found.get("total", "?")
        shown = f"{COUNT_CAP:,}+" if total == COUNT_CAP + 1 else total
        rows.append(
            [query, kind, len(times), shown, p50, p95, f"{mark(p95 <= bar_ms)} ≤ {bar_ms:.0f} ms"]
        )
    table(
        ["query", "kind", "runs", "matches", "p50 ms", "p95 ms", "bar"],
        rows,
        title=f"PROTOTYPE (bench/search_proto.py): newest 200 candidates + capped count — {label}",
    )
    say(
        "  (prototype = DB part of search_pages only, top 20 with exact-title-first re-ranking, "
        "without the snippet highlighting)"
    )
    say()
    return [{"name": "newest-200", "worst_p95_ms": worst}]
