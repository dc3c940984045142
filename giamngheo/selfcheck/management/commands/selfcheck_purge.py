"""``manage.py selfcheck_purge``: delete the contact requests older than the retention period
(for cron, once a day). Runs the ``purge_contact_requests`` task now."""

from django.core.management.base import BaseCommand

from giamngheo.selfcheck.tasks import purge_contact_requests


class Command(BaseCommand):
    help = "Xóa các đề nghị liên hệ sau tự đánh giá đã quá thời hạn lưu trữ (12 tháng)."

    def handle(self, *args, **options):
        count = purge_contact_requests.call()
        self.stdout.write(f"Đã xóa {count} đề nghị liên hệ quá thời hạn lưu trữ.\n")
