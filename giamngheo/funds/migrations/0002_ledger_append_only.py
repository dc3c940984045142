"""The ledger is append-only in the database itself: a trigger refuses every UPDATE and DELETE of
``funds_ledgerentry``, so neither a bug nor a hand-typed SQL statement nor a bulk ``update()``
can rewrite where a đồng went. Corrections are counter-entries (``services.correct_entry``).

TRUNCATE is left to database privileges (grant the application role no TRUNCATE on it in
production): a statement trigger on it would also stop Django's test flush."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER funds_ledger_no_update BEFORE UPDATE ON funds_ledgerentry
    BEGIN SELECT RAISE(ABORT, 'funds ledger is append-only'); END""",
    """CREATE TRIGGER funds_ledger_no_delete BEFORE DELETE ON funds_ledgerentry
    BEGIN SELECT RAISE(ABORT, 'funds ledger is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS funds_ledger_no_update",
    "DROP TRIGGER IF EXISTS funds_ledger_no_delete",
]
POSTGRES = [
    """CREATE FUNCTION funds_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'funds ledger is append-only'; END $$""",
    """CREATE TRIGGER funds_ledger_no_change BEFORE UPDATE OR DELETE ON funds_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION funds_ledger_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS funds_ledger_no_change ON funds_ledgerentry",
    "DROP FUNCTION IF EXISTS funds_ledger_append_only()",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_fund_campaigns_donations_ledger")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
