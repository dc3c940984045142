"""Keep LibreOffice running for PDF output: unoserver at ``settings.PDF_SERVER``, until stopped.

unoserver runs as a child, started again if it exits (LibreOffice may crash on a bad document);
SIGINT and SIGTERM are passed on to it and end the command. Where no converter can run (no
python3-uno), the command says why and waits: PDF downloads then start LibreOffice per document,
and the other processes of the Procfile keep running (honcho stops all when one exits).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from giamngheo.core.documents.pdf import ConversionError, pdf_server_address, server_command

RESTART_DELAY = 2.0
STOP_GRACE = 10.0


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
            # Its own process group: unoserver, LibreOffice's oosplash and soffice.bin can be
            # stopped together if LibreOffice does not end on the signal passed on.
            process = subprocess.Popen(  # noqa: S603 — fixed argument list, no shell
                command, env={**os.environ, **extra_env}, start_new_session=True
            )
            child[:] = [process]
            code = process.wait()
            if stopped.is_set():
                break
            self.stderr.write(f"unoserver exited with status {code}; starting it again.")
            stopped.wait(RESTART_DELAY)
        for process in child:
            _end_group(process)


def _end_group(process: subprocess.Popen) -> None:
    """Whatever of the converter's process group is still running after STOP_GRACE seconds
    (seen: oosplash waiting for ever on a soffice.bin that had ended) is killed."""
    try:
        process.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_GRACE)
