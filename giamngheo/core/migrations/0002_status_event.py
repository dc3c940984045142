# One status history for every entity of the project (issue 12): the rows of
# feedback.FeedbackEvent, planning.SubPlanEvent, reporting.SubmissionEvent and the Wagtail log
# entries of selfcheck contact requests move here in each app's own migration.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("organisations", "0001_units_organisations_memberships"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StatusEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="mã đối tượng")),
                ("from_status", models.CharField(blank=True, max_length=32, verbose_name="từ trạng thái")),
                ("to_status", models.CharField(max_length=32, verbose_name="sang trạng thái")),
                ("action", models.CharField(default="status", max_length=32, verbose_name="thao tác")),
                ("reason", models.TextField(blank=True, verbose_name="lý do, ghi chú")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="thời điểm")),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người thực hiện")),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype", verbose_name="loại đối tượng")),
                ("organisation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.organisation", verbose_name="cơ quan xử lý")),
            ],
            options={
                "verbose_name": "lịch sử trạng thái",
                "verbose_name_plural": "lịch sử trạng thái",
                "ordering": ["at", "pk"],
                "indexes": [models.Index(fields=["content_type", "object_id", "at"], name="core_statusevent_subject")],
            },
        ),
    ]
