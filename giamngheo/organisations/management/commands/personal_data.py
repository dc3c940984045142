"""Data-subject requests (Nghị định 13/2023/NĐ-CP, Luật Bảo vệ dữ liệu cá nhân 2025): export or
erase everything every module has declared in the personal-data registry."""

import json

from django.core.management.base import BaseCommand, CommandError

from giamngheo.organisations.personal_data import (
    categories,
    erase_subject,
    export_subject,
    resolve_subject,
)


class Command(BaseCommand):
    help = "Xuất hoặc xóa dữ liệu cá nhân của một chủ thể trên toàn hệ thống (theo sổ đăng ký)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase", "list"])
        parser.add_argument("--subject", help="Tên đăng nhập, thư điện tử hoặc số điện thoại")
        parser.add_argument("--output", help="Ghi bản xuất ra tệp JSON thay vì màn hình")
        parser.add_argument("--yes", action="store_true", help="Xác nhận xóa, không hỏi lại")

    def handle(self, *args, action, subject=None, output=None, yes=False, **options):
        if action == "list":
            for c in categories():
                kept = f" (giữ lại: {c.keep_reason})" if c.erase is None else ""
                self.stdout.write(f"{c.key}: {c.label} — {c.purpose}; lưu trữ: {c.retention}{kept}")
            return
        if not subject:
            raise CommandError("Hãy nêu --subject.")
        who = resolve_subject(subject)
        if action == "export":
            text = json.dumps(
                export_subject(subject=who), ensure_ascii=False, indent=2, default=str
            )
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
                self.stdout.write(f"Đã ghi {output}")
            else:
                self.stdout.write(text)
            return
        if not yes:
            raise CommandError("Xóa dữ liệu không thể hoàn tác: chạy lại với --yes để xác nhận.")
        report = erase_subject(subject=who)
        for key, counts in report.items():
            self.stdout.write(f"{key}: {counts}")
        if not report:
            self.stdout.write("Không có dữ liệu của chủ thể này.")
