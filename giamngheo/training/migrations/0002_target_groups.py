"""The target groups of the 2023 plan's training item (2.4); editable afterwards as data."""

from django.db import migrations

GROUPS = [
    "Cán bộ làm công tác giảm nghèo cấp tỉnh",
    "Cán bộ làm công tác giảm nghèo cấp huyện",
    "Cán bộ làm công tác giảm nghèo cấp xã",
    "Trưởng thôn, bản, tổ dân phố",
    "Cán bộ Mặt trận, đoàn thể",
    "Cán bộ văn hóa - thông tin, truyền thanh cơ sở",
    "Người có uy tín trong cộng đồng",
]


def add_groups(apps, schema_editor):
    TargetGroup = apps.get_model("training", "TargetGroup")
    for position, name in enumerate(GROUPS, start=1):
        TargetGroup.objects.get_or_create(name=name, defaults={"position": position})


def remove_groups(apps, schema_editor):
    TargetGroup = apps.get_model("training", "TargetGroup")
    TargetGroup.objects.filter(
        name__in=GROUPS, courses__isnull=True, enrolments__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_courses_sessions_enrolments_certificates")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
