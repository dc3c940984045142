"""The converter kept running (``manage.py pdf_server``, unoserver) and the fallback beside it.

These start the real command and the real LibreOffice: the process the Procfile runs, its answer
on the configured port, the PDF it returns, its stop on SIGTERM, and what the app does when no
converter answers.
"""

from __future__ import annotations

import http.server
import io
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx
import pytest

from giamngheo.core.documents import pdf

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Kế hoạch truyền thông giảm nghèo bền vững năm 2023"


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _free_port() -> int:
    # The converter takes the port and the next one (LibreOffice's own UNO port).
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports")


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "out.pdf"
    source.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout


def _start(tmp_path: Path, port: int, **extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.test",
        "GIAMNGHEO_VAR_DIR": str(tmp_path / "var"),
        "PDF_SERVER": f"127.0.0.1:{port}",
        **extra,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "pdf_server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    return process.returncode, output


needs_uno = pytest.mark.skipif(
    pdf.uno_python() is None or pdf.soffice_path() is None,
    reason="python3-uno and LibreOffice are installed by `make system-packages`",
)


@needs_uno
def test_the_running_converter_makes_the_pdf_and_stops_with_its_libreoffice(settings, tmp_path):
    port = _free_port()
    process = _start(tmp_path, port)
    try:
        deadline = time.monotonic() + 120
        while not pdf.server_answers(("127.0.0.1", port)):
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the converter did not answer within 120 s"
            time.sleep(0.5)
        settings.PDF_SERVER = f"127.0.0.1:{port}"
        settings.SOFFICE_BINARY = "/nonexistent/soffice"  # a LibreOffice start would fail
        first = pdf.docx_to_pdf(_docx())
        start = time.monotonic()
        second = pdf.docx_to_pdf(_docx())
        warm = time.monotonic() - start
    finally:
        code, output = _stop(process)
    assert first.startswith(b"%PDF-") and second.startswith(b"%PDF-")
    assert TEXT in _pdf_text(second, tmp_path)
    assert output.count("Exporting to") == 2  # both made by the converter, none by a fallback
    assert warm < 4.0, f"a warm conversion took {warm:.2f} s"
    assert code == 0
    profile = str((tmp_path / "var" / "unoserver" / "profile").resolve())
    left = subprocess.run(["pgrep", "-f", profile], capture_output=True, text=True).stdout
    assert left == "", f"LibreOffice still running: {left}"


@pytest.mark.skipif(pdf.soffice_path() is None, reason="LibreOffice: make system-packages")
def test_a_converter_that_does_not_answer_falls_back_to_a_libreoffice_start(
    settings, tmp_path, caplog
):
    settings.PDF_SERVER = f"127.0.0.1:{_free_port()}"  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="giamngheo.core.documents.pdf"):
        data = pdf.docx_to_pdf(_docx())
    assert TEXT in _pdf_text(data, tmp_path)
    assert [r.getMessage() for r in caplog.records] == [
        f"PDF server {settings.PDF_SERVER} does not answer; starting LibreOffice"
    ]


def test_a_converter_that_answers_with_an_error_is_a_conversion_error(settings):
    class Broken(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.PDF_SERVER = f"127.0.0.1:{server.server_port}"
        with pytest.raises(pdf.ConversionError) as refused:
            pdf.docx_to_pdf(_docx())
    finally:
        server.shutdown()
    assert str(refused.value) == "Không chuyển được văn bản sang PDF (máy chuyển đổi báo lỗi)."


def test_without_uno_the_command_says_why_and_waits_until_stopped(tmp_path):
    process = _start(tmp_path, _free_port(), PDF_PYTHON="/bin/false")
    said = process.stdout.readline()  # written once the command is set to wait
    time.sleep(1)
    assert process.poll() is None  # still running: honcho keeps the other processes
    code, rest = _stop(process)
    assert code == 0
    assert (said + rest).strip() == (
        "Không tìm thấy Python có mô-đun uno của LibreOffice (gói python3-uno). "
        "PDF sẽ được xuất bằng cách khởi động LibreOffice mỗi lần."
    )


@pytest.mark.parametrize("value", ["2003", "localhost:", ":2003", "127.0.0.1:abc"])
def test_a_malformed_pdf_server_setting_is_named(settings, value):
    settings.PDF_SERVER = value
    with pytest.raises(ValueError, match="PDF_SERVER must be host:port"):
        pdf.pdf_server_address()


def test_no_pdf_server_setting_means_a_libreoffice_start(settings):
    settings.PDF_SERVER = ""
    assert pdf.pdf_server_address() is None
