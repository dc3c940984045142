"""Keep LibreOffice running for PDF output: unoserver at ``settings.PDF_SERVER``, until stopped.

unoserver runs as a child, started again if it exits (LibreOffice may crash on a bad document);
SIGINT and SIGTERM are passed on to it and end the command. Where no converter can run (no
python3-uno), the command says why and waits: PDF downloads then start LibreOffice per document,
and the other processes of the Procfile keep running (honcho stops all when one exits).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from giamngheo.core.documents.pdf import ConversionError, pdf_server_address, server_command

RESTART_DELAY = 2.0


class Command(BaseCommand):
    help = "Chạy LibreOffice thường trực để xuất PDF (unoserver) tại địa chỉ PDF_SERVER."

    def handle(self, *args, **options):
        address = pdf_server_address()
        if address is None:
            raise CommandError("PDF_SERVER chưa được đặt (dạng 127.0.0.1:2003).")
        stopped = threading.Event()
        child: list[subprocess.Popen] = []

        def stop(signum, _frame):
            stopped.set()
            for process in child:
                if process.poll() is None:
                    process.send_signal(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            command, extra_env = server_command(address, workdir=settings.VAR_DIR / "unoserver")
        except ConversionError as exc:
            self.stderr.write(f"{exc} PDF sẽ được xuất bằng cách khởi động LibreOffice mỗi lần.")
            stopped.wait()
            return
        self.stdout.write(f"PDF: unoserver on {address[0]}:{address[1]}")
        while not stopped.is_set():
            process = subprocess.Popen(command, env={**os.environ, **extra_env})  # noqa: S603
            child[:] = [process]
            code = process.wait()
            if stopped.is_set():
                break
            self.stderr.write(f"unoserver exited with status {code}; starting it again.")
            stopped.wait(RESTART_DELAY)
