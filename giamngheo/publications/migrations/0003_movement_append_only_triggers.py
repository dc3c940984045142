"""The distribution ledger is append-only in the database itself (core.ledger's triggers, as
for the funds ledger): neither raw SQL nor a bulk ``update()`` can rewrite a movement."""

from django.db import migrations

from giamngheo.core.ledger import AppendOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_publication_kinds")]

    operations = [AppendOnlyTriggers("publications_movement")]
