"""PDF by LibreOffice headless, from the DOCX the kit builds.

Two ways, the first preferred:

- ``settings.PDF_SERVER`` (``host:port``) names a running converter — unoserver, started by
  ``manage.py pdf_server`` (the ``pdf`` process of the Procfile): LibreOffice stays loaded, a
  document converts in well under a second. If it does not answer, the conversion falls back to
- a LibreOffice started for this one document: ``settings.SOFFICE_BINARY`` (environment variable
  ``SOFFICE_BINARY``: a path or a command name looked up on ``PATH``), else ``soffice`` or
  ``libreoffice`` on ``PATH`` — 4 to 5 seconds each.

A missing binary, a failed or timed-out conversion all raise ``ConversionError`` with a Vietnamese
message; the download views answer it with 503 (``views.document_response``), the command with an
error.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import tempfile
import xmlrpc.client
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from unoserver.client import UnoClient

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


def pdf_server_address() -> tuple[str, int] | None:
    """``settings.PDF_SERVER`` as (host, port), or None when no converter is configured."""
    value = (getattr(settings, "PDF_SERVER", "") or "").strip()
    if not value:
        return None
    host, _sep, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"PDF_SERVER must be host:port, not {value!r}")
    return host, int(port)


def server_answers(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """The PDF of a DOCX: on the running converter if there is one, else by a LibreOffice start."""
    address = pdf_server_address()
    if address is not None:
        if server_answers(address):
            return _convert_on_server(address, data)
        logger.warning("PDF server %s:%s does not answer; starting LibreOffice", *address)
    return _convert_with_soffice(data, timeout=timeout)


def _convert_on_server(address: tuple[str, int], data: bytes) -> bytes:
    """unoserver's own client (XML-RPC; the server bounds each conversion by its timeout)."""
    client = UnoClient(server=address[0], port=str(address[1]), host_location="remote")
    try:
        result = client.convert(indata=data, convert_to="pdf")
    except (OSError, xmlrpc.client.Error, RuntimeError) as exc:
        logger.error("PDF conversion on %s:%s failed: %s", *address, exc)
        raise ConversionError(
            _("Không chuyển được văn bản sang PDF (máy chuyển đổi báo lỗi).")
        ) from exc
    if not result or not result.startswith(b"%PDF"):
        raise ConversionError(_("Không chuyển được văn bản sang PDF (máy chuyển đổi báo lỗi)."))
    return result


def _convert_with_soffice(data: bytes, *, timeout: int) -> bytes:
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


# The converter process (``manage.py pdf_server``). unoserver's server imports LibreOffice's own
# ``uno`` module, which lives beside the Python LibreOffice was built for (Debian: python3-uno for
# /usr/bin/python3), not in this project's virtualenv; its client above needs nothing of the kind.
UNO_PYTHON_CANDIDATES = ("/usr/lib/libreoffice/program/python", "/usr/bin/python3")


def uno_python() -> str | None:
    """A Python that imports ``uno``: ``settings.PDF_PYTHON`` if set, else the first candidate."""
    configured = getattr(settings, "PDF_PYTHON", "")
    candidates = (configured,) if configured else UNO_PYTHON_CANDIDATES
    for candidate in candidates:
        binary = shutil.which(candidate)
        if binary is None:
            continue
        probe = subprocess.run(  # noqa: S603 — fixed argument list, no shell
            [binary, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
        if probe.returncode == 0:
            return binary
    return None


def server_command(address: tuple[str, int], *, workdir: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and extra environment of unoserver for ``address``.

    ``workdir`` holds the LibreOffice profile and a directory with only the ``unoserver`` package
    on the converter's ``PYTHONPATH`` (the virtualenv's other packages stay out of that Python).
    LibreOffice's own UNO port is the next one after ``address``'s.
    """
    import unoserver  # noqa: PLC0415 — only the converter command needs the package's location

    python = uno_python()
    if python is None:
        raise ConversionError(
            _("Không tìm thấy Python có mô-đun uno của LibreOffice (gói python3-uno).")
        )
    binary = soffice_path()
    if binary is None:
        raise ConversionError(_("Chưa cài LibreOffice (gói libreoffice-writer-nogui) để xuất PDF."))
    lib = workdir / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    package = Path(unoserver.__file__).parent
    # The package and its metadata (unoserver reads its own version from it).
    for source in (package, *package.parent.glob("unoserver-*.dist-info")):
        link = lib / source.name
        if link.is_symlink() and link.resolve() == source.resolve():
            continue
        link.unlink(missing_ok=True)
        link.symlink_to(source, target_is_directory=True)
    host, port = address
    command = [
        python,
        "-m",
        "unoserver.server",
        "--interface",
        host,
        "--port",
        str(port),
        "--uno-port",
        str(port + 1),
        "--executable",
        binary,
        "--user-installation",
        str((workdir / "profile").resolve()),
        "--conversion-timeout",
        "120",
    ]
    return command, {"PYTHONPATH": str(lib)}
