import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import override_settings

from giamngheo.feedback.demo import load_demo_feedback
from giamngheo.feedback.open311_demo import ensure_demo_api_key
from giamngheo.organisations.demo import load_demo_organisations
from giamngheo.planning.demo import load_demo_plan
from giamngheo.portal.demo.loader import load_demo_users, load_portal_demo
from giamngheo.reporting.demo import load_demo_reporting
from giamngheo.results.demo import load_demo_results
from giamngheo.selfcheck.demo import load_demo_standards


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn từ kế hoạch mẫu (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        with_users = getattr(settings, "DEMO_USERS_ENABLED", False)
        load_portal_demo(stdout=self.stdout)
        rows = load_demo_organisations(stdout=self.stdout, with_users=with_users)
        load_demo_plan(stdout=self.stdout)
        # The samples' receipts, notices and reminders go nowhere: no one is behind them.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            FEEDBACK_SMS_BACKEND="giamngheo.feedback.channels.MemorySmsBackend",
            FEEDBACK_ZALO_BACKEND="giamngheo.feedback.channels.MemoryZaloBackend",
        ):
            load_demo_feedback(stdout=self.stdout)
            load_demo_reporting(stdout=self.stdout)
        load_demo_standards(stdout=self.stdout)
        load_demo_results(stdout=self.stdout)
        if not with_users:
            self.stdout.write("Không tạo tài khoản mẫu (chỉ bật trong môi trường phát triển).")
            return
        rows += load_demo_users()
        self.stdout.write("\nTài khoản trình diễn (chỉ dùng khi phát triển):")
        for username, password, description in rows:
            self.stdout.write(f"  {username:<14} {password:<20} {description}")
        if settings.STAFF_TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Lần đăng nhập đầu tiên, hệ thống yêu cầu thiết lập xác thực hai lớp (ứng dụng "
                "TOTP trên điện thoại). Muốn bỏ qua khi thử nghiệm: "
                "STAFF_TWO_FACTOR_REQUIRED=0 make run"
            )
        if key := ensure_demo_api_key():
            self.stdout.write(f"Khóa API Open311 trình diễn (chỉ dùng khi phát triển): {key}")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Trang quản trị: http://127.0.0.1:{port}/admin/\n")
