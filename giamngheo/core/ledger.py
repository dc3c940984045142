"""Append-only ledgers, in one place: the model-level guard and the database triggers.

A ledger row (a fund's đồng, a publication's copies) is only ever inserted; a mistake is
answered by a counter-entry with a reason. Two layers keep it so:

- ``AppendOnlyModel`` (a mixin put before ``models.Model``) and ``AppendOnlyQuerySet`` (its
  manager's queryset) refuse ``save()`` of an existing row, ``delete()``, and the queryset's
  ``update()``, ``delete()`` and ``bulk_update()`` with ``LedgerIsAppendOnly``;
- ``AppendOnlyTriggers(table)``, a migration operation, installs triggers that refuse every
  UPDATE and DELETE of the table's rows in the database itself (SQLite and PostgreSQL), so
  neither a raw SQL statement nor a bug below the ORM can rewrite the history.

TRUNCATE is left to database privileges (grant the application role no TRUNCATE on a ledger in
production): a statement trigger on it would also stop Django's test flush. On SQLite the flush
deletes row by row and meets the trigger: ``lifted(table)`` removes the triggers for the
duration of a clean-up (tests only).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import migrations, models


class LedgerIsAppendOnly(TypeError):
    """A ledger row was to be updated or deleted. A TypeError: a programming error, never a
    user's input (the services refuse bad input with a ValidationError first)."""


_REFUSAL = "The ledger is append-only: record a counter-entry."


class AppendOnlyQuerySet(models.QuerySet):
    """No bulk UPDATE or DELETE through the ORM."""

    def update(self, **kwargs):
        raise LedgerIsAppendOnly(_REFUSAL)

    def delete(self):
        raise LedgerIsAppendOnly(_REFUSAL)

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerIsAppendOnly(_REFUSAL)


class AppendOnlyModel:
    """Mixin for a ledger model: ``save()`` only inserts, ``delete()`` is refused."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerIsAppendOnly(_REFUSAL)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly(_REFUSAL)


# --- the database triggers -------------------------------------------------------------------


def trigger_sql(table: str) -> dict[str, tuple[list[str], list[str]]]:
    """``{vendor: (create statements, drop statements)}`` of the append-only triggers of
    ``table`` (an identifier of this code base, never user input)."""
    message = f"{table} is append-only"
    return {
        "sqlite": (
            [
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            ],
            [
                f"DROP TRIGGER IF EXISTS {table}_no_update",
                f"DROP TRIGGER IF EXISTS {table}_no_delete",
            ],
        ),
        "postgresql": (
            [
                f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION '{message}'; END $$",
                f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
            ],
            [
                f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_append_only()",
            ],
        ),
    }


def install_triggers(schema_editor, table: str) -> None:
    create, _drop = trigger_sql(table).get(schema_editor.connection.vendor, ([], []))
    for sql in create:
        schema_editor.execute(sql)


def drop_triggers(schema_editor, table: str) -> None:
    _create, drop = trigger_sql(table).get(schema_editor.connection.vendor, ([], []))
    for sql in drop:
        schema_editor.execute(sql)


def AppendOnlyTriggers(table: str) -> migrations.RunPython:
    """The migration operation that installs (and, reversed, drops) ``table``'s triggers."""
    return migrations.RunPython(
        lambda apps, schema_editor: install_triggers(schema_editor, table),
        lambda apps, schema_editor: drop_triggers(schema_editor, table),
        elidable=False,
    )


@contextmanager
def lifted(table: str, *, connection=None):
    """Tests only: the SQLite triggers of ``table`` are dropped inside the block (for the
    row-by-row flush of a transactional test) and put back after it. A no-op elsewhere:
    PostgreSQL's flush truncates, and no row trigger fires."""
    connection = connection or default_connection
    if connection.vendor != "sqlite":
        yield
        return
    create, drop = trigger_sql(table)["sqlite"]
    with connection.cursor() as cursor:
        for sql in drop:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in create:
                cursor.execute(sql)
