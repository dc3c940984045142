"""Wagtail's database search backend, with concurrent index updates that cannot deadlock.

``modelsearch``'s database index, after every batch it writes, recomputes ``title_norm`` with one
``UPDATE`` over every entry still at 1.0. Two processes indexing at once (two task workers, or
the bench's indexing workers) update overlapping row sets in different orders and PostgreSQL
aborts one of them with ``DeadlockDetected``. That refresh is serialised here with a
transaction-level advisory lock; the inserts themselves (disjoint rows) still run in parallel.
SQLite takes one writer at a time anyway and is left as the library ships it.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "giamngheo.portal.search_backend"}}``.
"""

from __future__ import annotations

from django.db import connection, transaction
from modelsearch.backends.database import SearchBackend as _library_backend

# An arbitrary 64-bit key for pg_advisory_xact_lock, fixed so every process agrees on it.
TITLE_NORM_LOCK = 0x67_6E_73_65_61_72_63_68  # "gnsearch"


def _locked_postgres_index():
    from modelsearch.backends.database.postgres.postgres import PostgresIndex  # noqa: PLC0415 — PostgreSQL only

    class LockedPostgresIndex(PostgresIndex):
        def _refresh_title_norms(self, full=False):
            using = self.write_connection.alias
            with transaction.atomic(using=using):
                with self.write_connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TITLE_NORM_LOCK])
                super()._refresh_title_norms(full=full)

    return LockedPostgresIndex


def SearchBackend(params):
    backend = _library_backend(params)
    if connection.vendor == "postgresql":
        backend.index_class = _locked_postgres_index()
    return backend
