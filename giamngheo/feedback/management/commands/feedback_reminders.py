"""``manage.py feedback_reminders [--date YYYY-MM-DD]``: e-mail handlers about feedback items
that fall due soon (for cron, once a day). Runs the ``send_due_reminders`` task now."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from giamngheo.feedback.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn xử lý phản ánh, kiến nghị sắp đến hạn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="day", help="Ngày tính nhắc hạn (YYYY-MM-DD), mặc định hôm nay."
        )

    def handle(self, *args, day=None, **options):
        if day is not None:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD.") from None
        count = send_due_reminders.call(today=day)
        self.stdout.write(f"Đã nhắc hạn {count} phản ánh, kiến nghị.")
