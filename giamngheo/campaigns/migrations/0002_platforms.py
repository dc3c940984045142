"""The platforms the 2.6 campaigns invite, as editable data (province administrators change them
in the admin). Patterns are matched against a link's path and query only; the server never
fetches a link."""

from django.db import migrations

PLATFORMS = [
    {
        "code": "facebook",
        "name": "Facebook",
        "hosts": "facebook.com\nfb.watch",
        "url_pattern": r"/[^\s]+",
        "embed_template": "",
        "position": 1,
    },
    {
        "code": "zalo",
        "name": "Zalo",
        "hosts": "zalo.me",
        "url_pattern": r"/[^\s]+",
        "embed_template": "",
        "position": 2,
    },
    {
        "code": "tiktok",
        "name": "TikTok",
        "hosts": "tiktok.com",
        "url_pattern": r"/@[\w.\-]+/video/(?P<id>\d{6,25})(\?.*)?",
        "embed_template": "https://www.tiktok.com/embed/v2/{id}",
        "position": 3,
    },
    {
        "code": "youtube",
        "name": "YouTube",
        "hosts": "youtube.com\nyoutu.be",
        "url_pattern": r"/(watch\?(.*&)?v=|shorts/|embed/)?(?P<id>[\w\-]{11})([?&].*)?",
        "embed_template": "https://www.youtube-nocookie.com/embed/{id}",
        "position": 4,
    },
    {
        "code": "bao-dien-tu",
        "name": "Báo điện tử, trang thông tin",
        "hosts": "baobacgiang.vn\nbacgiang.gov.vn\nbacgiangtv.vn\ndangcongsan.vn\nnhandan.vn",
        "url_pattern": r"/[^\s]+",
        "embed_template": "",
        "position": 5,
    },
]


def add_platforms(apps, schema_editor):
    Platform = apps.get_model("campaigns", "Platform")
    for spec in PLATFORMS:
        Platform.objects.update_or_create(code=spec["code"], defaults=spec)


def remove_platforms(apps, schema_editor):
    Platform = apps.get_model("campaigns", "Platform")
    Platform.objects.filter(code__in=[p["code"] for p in PLATFORMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_campaigns_submissions_moderation")]

    operations = [migrations.RunPython(add_platforms, remove_platforms)]
