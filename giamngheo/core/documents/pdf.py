"""PDF by LibreOffice headless, from the DOCX the kit builds.

The binary is ``settings.SOFFICE_BINARY`` (environment variable ``SOFFICE_BINARY``: a path or a
command name looked up on ``PATH``), else ``soffice`` or ``libreoffice`` on ``PATH``. A missing
binary, a failed or timed-out conversion all raise ``ConversionError`` with a Vietnamese message;
the download views answer it with 503 (``views.document_response``), the command with an error.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

PDF_MIME = "application/pdf"
logger = logging.getLogger(__name__)


class ConversionError(RuntimeError):
    pass


def soffice_path() -> str | None:
    """The LibreOffice binary to run, or None when there is none."""
    configured = getattr(settings, "SOFFICE_BINARY", "")
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """Convert with LibreOffice headless (Debian package libreoffice-writer-nogui).

    Each conversion uses its own LibreOffice profile directory: two conversions sharing one
    profile block each other (LibreOffice locks it), which is what concurrent requests do.
    """
    binary = soffice_path()
    if binary is None:
        raise ConversionError(_("Chưa cài LibreOffice (gói libreoffice-writer-nogui) để xuất PDF."))
    with tempfile.TemporaryDirectory(prefix="giamngheo-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            result = subprocess.run(  # noqa: S603 — fixed argument list, no shell
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(
                _("LibreOffice không chuyển xong văn bản sang PDF trong %(seconds)s giây.")
                % {"seconds": timeout}
            ) from exc
        except OSError as exc:  # removed or not executable between the lookup and the run
            logger.error("PDF conversion could not start: %s", exc)
            raise ConversionError(_("Không chạy được LibreOffice để xuất PDF.")) from exc
        target = work / "document.pdf"
        if result.returncode != 0 or not target.exists():
            # LibreOffice's own words go to the log, not to the reader: they name server paths.
            logger.error(
                "PDF conversion failed (exit %s): %s",
                result.returncode,
                result.stderr.decode("utf-8", "replace")[-500:],
            )
            raise ConversionError(
                _("Không chuyển được văn bản sang PDF (LibreOffice báo lỗi, mã %(code)s).")
                % {"code": result.returncode}
            )
        return target.read_bytes()
