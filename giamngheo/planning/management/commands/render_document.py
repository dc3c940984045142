"""Official documents from the command line: ``render_document plan ID --format pdf -o PATH``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from giamngheo.planning import documents
from giamngheo.planning.models import Plan

KINDS = {"plan": Plan}


class Command(BaseCommand):
    help = "Xuất văn bản (DOCX, PDF) theo thể thức Nghị định 30/2020/NĐ-CP, hoặc liệt kê bản ghi."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="Loại văn bản.")
        parser.add_argument("id", nargs="?", type=int, help="Mã bản ghi (xem --list).")
        parser.add_argument("--format", choices=["docx", "pdf"], default="docx")
        parser.add_argument("-o", "--output", help="Đường dẫn tệp xuất ra.")
        parser.add_argument("--list", action="store_true", help="Liệt kê mã và tên các bản ghi.")

    def handle(self, *args, **options):
        kind, pk, output = options["kind"], options["id"], options["output"]
        model = KINDS[kind]
        if options["list"]:
            for record in model.objects.order_by("pk"):
                self.stdout.write(f"{record.pk}\t{record}")
            return
        if pk is None or not output:
            raise CommandError("Cần mã bản ghi và -o PATH (hoặc dùng --list).")
        record = model.objects.filter(pk=pk).first()
        if record is None:
            raise CommandError(f"Không có bản ghi {kind} mã {pk}.")
        try:
            data = documents.RENDERERS[(kind, options["format"])](record)
        except documents.ConversionError as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data)} byte).")
