# An indicator may be pre-filled from an area measure of planning.registry (the commune radio
# figures of the reporting body's unit): one more choice of the pre-fill source.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_events_to_core_status_event"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="prefill_source",
            field=models.CharField(
                choices=[
                    ("none", "Đơn vị tự nhập"),
                    ("output", "Sản phẩm truyền thông (theo danh mục đo đếm)"),
                    ("activity_count", "Số hoạt động đã thực hiện"),
                    ("budget_planned", "Kinh phí dự kiến"),
                    ("budget_spent", "Kinh phí đã chi"),
                    ("area", "Số liệu trên địa bàn của đơn vị (theo danh mục đo đếm)"),
                ],
                default="none",
                max_length=16,
                verbose_name="lấy số liệu từ",
            ),
        ),
    ]
