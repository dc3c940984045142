"""The kinds of publication the 2023 plan prints (item 2.5); editable afterwards as data."""

from django.db import migrations

KINDS = ["Tờ gấp", "Sổ tay", "Áp phích", "Tài liệu hỏi – đáp", "Pa nô", "Tờ rơi"]


def add_kinds(apps, schema_editor):
    PublicationKind = apps.get_model("publications", "PublicationKind")
    for position, name in enumerate(KINDS, start=1):
        PublicationKind.objects.get_or_create(name=name, defaults={"position": position})


def remove_kinds(apps, schema_editor):
    PublicationKind = apps.get_model("publications", "PublicationKind")
    PublicationKind.objects.filter(name__in=KINDS, title__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_titles_print_runs_ledger")]

    operations = [migrations.RunPython(add_kinds, remove_kinds)]
