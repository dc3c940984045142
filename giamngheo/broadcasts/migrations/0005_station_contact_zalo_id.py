from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasts", "0004_airing_covering_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="station",
            name="contact_zalo_id",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Mã người quan tâm (user_id) của điện thoại trực đài trên Zalo OA của tỉnh: "
                    "bản tin khẩn cấp được báo qua Zalo ngoài thư điện tử và tin nhắn SMS."
                ),
                max_length=64,
                verbose_name="mã người quan tâm Zalo OA",
            ),
        ),
    ]
