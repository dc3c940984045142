"""The three priorities of Thông tư 39/2020/TT-BTTTT (effective 18/01/2021) as dated data; the
emergency acknowledgement time (30 minutes) is the province's default, editable in the admin."""

from datetime import date

from django.db import migrations

BASIS = "Thông tư 39/2020/TT-BTTTT"
RULES = [
    ("emergency", 1, "Phát ngay khi nhận", 30),
    ("priority", 2, "Được phát trước các bản tin thông thường", None),
    ("normal", 3, "Đài xã tự sắp xếp lịch phát", None),
]


def add(apps, schema_editor):
    PriorityRule = apps.get_model("broadcasts", "PriorityRule")
    for priority, rank, meaning, minutes in RULES:
        PriorityRule.objects.get_or_create(
            priority=priority,
            valid_from=date(2021, 1, 18),
            defaults={"rank": rank, "meaning": meaning, "ack_minutes": minutes, "legal_basis": BASIS},
        )


def remove(apps, schema_editor):
    apps.get_model("broadcasts", "PriorityRule").objects.filter(legal_basis=BASIS, valid_from=date(2021, 1, 18)).delete()


class Migration(migrations.Migration):
    dependencies = [("broadcasts", "0001_stations_bulletins_airings")]
    operations = [migrations.RunPython(add, remove)]
