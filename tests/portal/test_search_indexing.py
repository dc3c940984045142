"""Two indexers at once: the library's title-norm refresh must not deadlock (issue 20).

``modelsearch`` recomputes ``title_norm`` over every fresh entry after each batch; two processes
doing so while the other inserts used to abort one with ``DeadlockDetected`` on PostgreSQL.
``portal.search_backend`` serialises that refresh with an advisory lock.
"""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from wagtail.search.models import IndexEntry

from bench.sitegen import add_news
from giamngheo.portal.models import NewsPage

ARTICLES = 400
BATCH = 20


@pytest.mark.django_db(transaction=True)
def test_two_indexers_at_once_finish_without_deadlock(portal):
    from modelsearch.backends import get_search_backend

    before = set(NewsPage.objects.values_list("pk", flat=True))
    add_news(portal["news"], ARTICLES, seed=3, batch=200)
    ids = sorted(set(NewsPage.objects.values_list("pk", flat=True)) - before)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def indexer(pks):
        try:
            index = get_search_backend().get_index_for_model(NewsPage)
            start.wait()
            for i in range(0, len(pks), BATCH):
                chunk = list(NewsPage.objects.filter(pk__in=pks[i : i + BATCH]).order_by("pk"))
                index.add_items(NewsPage, chunk)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=indexer, args=(ids[k::2],)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    news_ct = ContentType.objects.get_for_model(NewsPage)
    indexed = IndexEntry.objects.filter(content_type=news_ct, object_id__in=[str(i) for i in ids])
    assert indexed.count() == ARTICLES
    if connection.vendor == "postgresql":
        # The refresh ran under our lock: the backend's index is the locked subclass.
        index = get_search_backend().get_index_for_model(NewsPage)
        assert type(index).__name__ == "LockedPostgresIndex"
