"""The search engine contract (portal.search_engine), held by both implementations.

The database engine runs on the test database. The OpenSearch engine is given a recording client
(no OpenSearch server can be installed on this machine): the tests check the request it builds
(folded terms, AND, title boost, filters, recency, date sort), the folding analyser it installs,
and how it reads an answer (pks, scores, "at least" counts).
"""

from datetime import date

import pytest

from giamngheo.portal.enums import DocumentType
from giamngheo.portal.models import NewsPage, PolicyDocumentPage
from giamngheo.portal.search_engine import (
    OPENSEARCH_INDEX_SETTINGS,
    Candidate,
    DatabaseEngine,
    EngineQuery,
    EngineResult,
    OpenSearchEngine,
    Suggestion,
    terms_of,
)


class RecordingClient:
    """Stands for opensearchpy.OpenSearch: records the request, answers what it was given."""

    def __init__(self, answer):
        self.answer, self.calls = answer, []

    def search(self, *, index, body):
        self.calls.append((index, body))
        return self.answer


def _answer(pks_scores, total, relation="eq"):
    return {
        "hits": {
            "total": {"value": total, "relation": relation},
            "hits": [
                {"_score": s, "fields": {"pk": [str(pk)]}, "_source": {"title": f"T{pk}"}}
                for pk, s in pks_scores
            ],
        }
    }


def _query(**kwargs):
    base = {
        "terms": terms_of("Giảm nghèo ĐƯỜNG"),
        "models": (NewsPage, PolicyDocumentPage),
        "news_model": NewsPage,
    }
    return EngineQuery(**{**base, **kwargs})


def test_terms_are_folded_words():
    assert terms_of("650/QĐ-LĐTBXH") == ("650", "qd", "ldtbxh")
    assert terms_of("GIẢM  nghèo, đường") == ("giam", "ngheo", "duong")


def test_opensearch_request_matches_every_folded_term_with_title_boost():
    client = RecordingClient(_answer([(7, 3.5), (3, 1.25)], 2))
    engine = OpenSearchEngine(client=client, index="giamngheo_wagtailcore_page")
    result = engine.search(
        _query(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31), topic="1.4")
    )
    assert result == EngineResult(
        candidates=[
            Candidate(7, 3.5),
            Candidate(3, 1.25),
        ],
        total=2,
        total_exact=True,
    )
    index, body = client.calls[0]
    assert index == "giamngheo_wagtailcore_page"
    scored = body["query"]["function_score"]
    match = scored["query"]["bool"]["must"][0]["multi_match"]
    assert match["query"] == "giam ngheo duong"
    assert match["operator"] == "and"
    assert match["fields"] == ["*__folded_text", "*__folded_title_edgengrams^4", "title^2"]
    filters = scored["query"]["bool"]["filter"]
    assert filters[0] == {
        "terms": {"_django_content_type": ["portal.NewsPage", "portal.PolicyDocumentPage"]}
    }
    assert filters[1] == {"term": {"live_filter": True}}
    assert filters[2] == {
        "range": {
            "first_published_at_filter": {
                "gte": "2023-01-01T00:00:00+07:00",
                "lt": "2024-01-01T00:00:00+07:00",
            }
        }
    }
    assert filters[3] == {"term": {"portal_newspage__topic_filter": "1.4"}}
    recency = scored["functions"][0]
    assert recency["filter"] == {"term": {"_django_content_type": "portal.NewsPage"}}
    assert recency["weight"] == 0.25
    assert body["size"] == 100 and body["stored_fields"] == ["pk"] and "sort" not in body


def test_opensearch_sort_by_date_and_lower_bound_count():
    client = RecordingClient(_answer([(9, 0.0)], 10_000, relation="gte"))
    engine = OpenSearchEngine(client=client, index="i")
    result = engine.search(_query(sort="date", news_model=None, models=(PolicyDocumentPage,)))
    assert result.total == 10_000 and result.total_exact is False
    body = client.calls[0][1]
    assert body["sort"] == [{"first_published_at_filter": "desc"}, {"pk": "desc"}]
    assert "function_score" not in body["query"]  # no recency without news


def test_opensearch_empty_query_asks_nothing():
    client = RecordingClient(_answer([], 0))
    assert OpenSearchEngine(client=client, index="i").search(_query(terms=())) == EngineResult(
        [], 0
    )
    assert client.calls == []


def test_opensearch_suggestions_on_folded_title_prefixes():
    client = RecordingClient(_answer([(5, 1.0)], 1))
    found = OpenSearchEngine(client=client, index="i").suggest(
        ("650", "qd"), models=(PolicyDocumentPage,)
    )
    assert found == [Suggestion(5, "T5")]
    match = client.calls[0][1]["query"]["bool"]["must"][0]["multi_match"]
    assert match == {"query": "650 qd", "fields": ["*__folded_title_edgengrams"], "operator": "and"}


def test_opensearch_analysers_fold_vietnamese():
    analysis = OPENSEARCH_INDEX_SETTINGS["settings"]["analysis"]
    assert analysis["char_filter"]["vi_d"] == {"type": "mapping", "mappings": ["đ => d", "Đ => d"]}
    for name in ("default", "default_search", "edgengram_analyzer", "ngram_analyzer"):
        analyser = analysis["analyzer"][name]
        assert analyser["char_filter"] == ["vi_d"]
        assert analyser["filter"][:2] == ["lowercase", "asciifolding"]


@pytest.mark.django_db
def test_database_engine_holds_the_same_contract(make_news):
    first = make_news("Đường giao thông nông thôn", "<p>Giảm nghèo ở xã.</p>", day=date(2023, 1, 5))
    second = make_news("Tin khác", "<p>Giảm nghèo, làm đường.</p>", day=date(2023, 2, 5))
    make_news("Không liên quan", "<p>Văn nghệ.</p>")
    engine = DatabaseEngine()
    result = engine.search(_query())
    assert [c.pk for c in result.candidates] == [first.pk, second.pk]  # title match weighs more
    assert result.total == 2 and result.total_exact is True
    assert result.candidates[0].score > result.candidates[1].score > 0
    by_date = engine.search(_query(sort="date"))
    assert [c.pk for c in by_date.candidates] == [second.pk, first.pk]
    assert engine.search(_query(terms=())) == EngineResult([], 0)
    assert engine.suggest(("duong", "gi"), models=(NewsPage,)) == [
        Suggestion(first.pk, first.title)
    ]


# The requests above, checked against the documents Wagtail's OpenSearch backend really indexes
# (modelsearch's ElasticsearchBaseMapping, which its opensearch2/3 and elasticsearch7–9 mappings
# inherit unchanged): every field the engine filters, matches, sorts or reads is in the document,
# and the page's own document passes every filter of a query it should be found by.


def _document(page):
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

    return ElasticsearchBaseMapping(type(page)).get_document(page)


def _values(doc, name):
    assert name in doc, f"{name!r} is not a field of the indexed document: {sorted(doc)}"
    value = doc[name]
    return value if isinstance(value, list) else [value]


def _passes(doc, clause) -> bool:
    """Evaluate one filter clause of the engine's request on an indexed document."""
    ((kind, spec),) = clause.items()
    ((name, wanted),) = spec.items()
    values = _values(doc, name)
    if kind == "terms":
        return any(v in wanted for v in values)
    if kind == "term":
        return wanted in values
    if kind == "range":
        from datetime import datetime

        (value,) = values
        low, high = wanted.get("gte"), wanted.get("lt")
        return (low is None or value >= datetime.fromisoformat(low)) and (
            high is None or value < datetime.fromisoformat(high)
        )
    raise AssertionError(f"unexpected clause {clause}")


def _field_names(doc, pattern):
    from fnmatch import fnmatch

    return [name for name in doc if fnmatch(name, pattern.split("^")[0])]


@pytest.mark.django_db
def test_opensearch_request_fields_exist_in_the_library_documents(make_news, portal):
    from giamngheo.portal.services import create_page

    news = make_news(
        "Đường giao thông nông thôn", "<p>Giảm nghèo ở xã.</p>", topic="1.4", day=date(2023, 6, 1)
    )
    policy = create_page(
        parent=portal["policies"],
        page=PolicyDocumentPage(
            title="Kế hoạch giảm nghèo",
            slug=None,
            number_symbol="650/QĐ-LĐTBXH",
            document_type=DocumentType.PLAN,
            issuing_body="UBND tỉnh",
            summary="Đường giao thông và giảm nghèo.",
        ),
    )
    news_doc, policy_doc = _document(news.specific), _document(policy.specific)
    engine = OpenSearchEngine(client=RecordingClient(_answer([], 0)), index="i")

    body = engine.search_body(
        _query(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31), topic="1.4")
    )
    scored = body["query"]["function_score"]
    clauses = scored["query"]["bool"]["filter"]
    assert all(_passes(news_doc, clause) for clause in clauses)
    assert not _passes(news_doc, {"term": {"live_filter": False}})  # the evaluator can say no
    # Folded words are in the fields the request matches, under the names the library gives them.
    match = scored["query"]["bool"]["must"][0]["multi_match"]
    for pattern in match["fields"]:
        assert _field_names(news_doc, pattern), pattern
    (folded,) = _field_names(news_doc, "*__folded_text")
    assert set(match["query"].split()) <= set(news_doc[folded].split())
    # The recency factor applies to the article, not to the document.
    recency = scored["functions"][0]["filter"]
    assert _passes(news_doc, recency) and not _passes(policy_doc, recency)
    assert "sort" not in body  # relevance order
    by_date = engine.search_body(_query(sort="date"))
    for key in by_date["sort"]:
        ((name, _order),) = key.items()
        assert name in news_doc
    # A policy search finds the document and not the article.
    policy_only = engine.search_body(_query(models=(PolicyDocumentPage,), news_model=None))
    type_filter = policy_only["query"]["bool"]["filter"][0]
    assert _passes(policy_doc, type_filter) and not _passes(news_doc, type_filter)

    suggest = engine.suggest_body(("650", "qd"), models=(PolicyDocumentPage,))
    assert all(_passes(policy_doc, c) for c in suggest["query"]["bool"]["filter"])
    (titles,) = _field_names(policy_doc, "*__folded_title_edgengrams")
    assert policy_doc[titles].startswith("ke hoach giam ngheo 650 qd ldtbxh")
    for name in suggest["_source"] + suggest["stored_fields"]:
        assert name in policy_doc
