"""Official documents from the command line.

``render_document KIND ID --format {docx,pdf,xlsx} -o PATH`` writes one document;
``render_document KIND --list`` lists the records of that kind with their ids and titles. The kinds
are those of the one document registry (``giamngheo.core.documents.document_kinds()``), read when
the command runs: ``plan`` and ``subplan`` registered by planning, ``report`` and
``consolidated`` by reporting, and whatever kind any other app registers.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from giamngheo.core import documents

FORMATS = ["docx", "pdf", "xlsx"]


class Command(BaseCommand):
    help = "Xuất văn bản (DOCX, PDF) theo thể thức Nghị định 30/2020/NĐ-CP, phụ lục XLSX, hoặc liệt kê bản ghi."

    def add_arguments(self, parser):
        kinds = documents.document_kinds()
        parser.add_argument(
            "kind",
            choices=sorted(kinds),
            help="Loại văn bản: "
            + "; ".join(f"{code} = {kind.label}" for code, kind in sorted(kinds.items())),
        )
        parser.add_argument("id", nargs="?", help="Mã bản ghi (xem --list).")
        parser.add_argument("--format", choices=FORMATS, default="docx")
        parser.add_argument("-o", "--output", help="Đường dẫn tệp xuất ra.")
        parser.add_argument("--list", action="store_true", help="Liệt kê mã và tên các bản ghi.")

    def handle(self, *args, **options):
        code, raw, output, fmt = (
            options["kind"],
            options["id"],
            options["output"],
            options["format"],
        )
        kind = documents.document_kinds()[code]
        if options["list"]:
            for pk, title in kind.records():
                self.stdout.write(f"{pk}\t{title}")
            return
        if raw is None or not output:
            raise CommandError("Cần mã bản ghi và -o PATH (hoặc dùng --list).")
        renderer = kind.renderers.get(fmt)
        if renderer is None:
            raise CommandError(
                f"Loại văn bản {code} ({kind.label}) không xuất được định dạng {fmt}; "
                f"dùng một trong: {', '.join(sorted(kind.renderers))}."
            )
        record = kind.load(str(raw).strip())
        if record is None:
            raise CommandError(f"Không có bản ghi {code} mã {raw}.")
        try:
            data = renderer(record)
        except documents.ConversionError as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data)} byte).")
