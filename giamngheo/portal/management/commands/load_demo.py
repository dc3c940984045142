from django.conf import settings
from django.core.management.base import BaseCommand

from giamngheo.portal.demo.loader import load_demo_users, load_portal_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn từ kế hoạch mẫu (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        load_portal_demo(stdout=self.stdout)
        if not getattr(settings, "DEMO_USERS_ENABLED", False):
            self.stdout.write("Không tạo tài khoản mẫu (chỉ bật trong môi trường phát triển).")
            return
        rows = load_demo_users()
        self.stdout.write("\nTài khoản trình diễn (chỉ dùng khi phát triển):")
        for username, password, description in rows:
            self.stdout.write(f"  {username:<12} {password:<20} {description}")
        self.stdout.write("Trang quản trị: http://127.0.0.1:8000/admin/\n")
