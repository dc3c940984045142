import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import override_settings

from giamngheo.core.demo import DemoLoad, loaders


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn từ kế hoạch mẫu (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        with_users = getattr(settings, "DEMO_USERS_ENABLED", False)
        loaded = DemoLoad()
        # The samples' receipts, notices and reminders go nowhere: no one is behind them.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            FEEDBACK_SMS_BACKEND="giamngheo.feedback.channels.MemorySmsBackend",
            FEEDBACK_ZALO_BACKEND="giamngheo.feedback.channels.MemoryZaloBackend",
        ):
            for loader in loaders():
                result = loader.load(stdout=self.stdout, with_users=with_users)
                if result is not None:
                    loaded.accounts += result.accounts
                    loaded.notes += result.notes
        if not with_users:
            self.stdout.write("Không tạo tài khoản mẫu (chỉ bật trong môi trường phát triển).")
            return
        self.stdout.write("\nTài khoản trình diễn (chỉ dùng khi phát triển):")
        for username, password, description in loaded.accounts:
            self.stdout.write(f"  {username:<14} {password:<20} {description}")
        if settings.STAFF_TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Lần đăng nhập đầu tiên, hệ thống yêu cầu thiết lập xác thực hai lớp (ứng dụng "
                "TOTP trên điện thoại). Muốn bỏ qua khi thử nghiệm: "
                "STAFF_TWO_FACTOR_REQUIRED=0 make run"
            )
        for note in loaded.notes:
            self.stdout.write(note)
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Trang quản trị: http://127.0.0.1:{port}/admin/\n")
