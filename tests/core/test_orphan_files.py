"""Issue 22 item 3: a crash mid-upload leaves no file at a name that looks in use, and
`manage.py sweep_orphan_files` reports (dry run) and removes (--delete) orphans older than a day."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from wagtail.documents.models import Document

from giamngheo.core.schedule import JOBS
from giamngheo.core.storage import STAGING

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _age(root: Path, name: str, days: float) -> None:
    stamp = time.time() - days * 86400
    os.utime(root / name, (stamp, stamp))


def _sweep(*args) -> str:
    out = io.StringIO()
    call_command("sweep_orphan_files", *args, stdout=out)
    return out.getvalue()


def test_committed_upload_is_moved_into_place(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            doc = Document.objects.create(
                title="Kế hoạch", file=ContentFile(b"%PDF-1.4 ke hoach", name="ke-hoach.pdf")
            )
            # Before the commit the file is staged, and still read back under its name.
            assert _files(media) == {f"{STAGING}/{doc.file.name}"}
            assert doc.file.storage.open(doc.file.name).read() == b"%PDF-1.4 ke hoach"
    assert _files(media) == {doc.file.name}
    assert (media / doc.file.name).read_bytes() == b"%PDF-1.4 ke hoach"


def test_rolled_back_upload_leaves_only_a_staged_file_that_the_sweep_removes(media):
    with pytest.raises(Crash), transaction.atomic():
        doc = Document.objects.create(
            title="Hỏng", file=ContentFile(b"%PDF-1.4 hong", name="hong.pdf")
        )
        raise Crash
    assert Document.objects.filter(title="Hỏng").count() == 0
    assert _files(media) == {f"{STAGING}/{doc.file.name}"}  # nothing at the final name

    staged = f"{STAGING}/{doc.file.name}"
    assert "0 tệp mồ côi" in _sweep("--delete")  # younger than a day: kept
    _age(media, staged, 2)
    report = _sweep()
    assert f"mồ côi: {staged}" in report and "1 tệp mồ côi (sẽ xoá" in report
    assert _files(media) == {staged}  # dry run by default
    assert "1 tệp mồ côi (đã xoá)" in _sweep("--delete")
    assert _files(media) == set()


def test_sweep_keeps_referenced_files_and_removes_old_unreferenced_ones(media):
    kept = Document.objects.create(title="Giữ", file=ContentFile(b"giu", name="giu.pdf"))
    Document.objects.filter(pk=kept.pk).update()  # the row exists
    stray = media / "documents" / "la.pdf"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"la")
    young = media / "documents" / "moi.pdf"
    young.write_bytes(b"moi")
    _age(media, "documents/la.pdf", 3)
    for name in _files(media) - {"documents/la.pdf", "documents/moi.pdf"}:
        _age(media, name, 3)  # the referenced file is old too: kept for its row
    report = _sweep("--delete")
    assert "đã xoá: documents/la.pdf" in report
    assert "1 tệp mồ côi (đã xoá); 1 tệp mới chưa xét" in report
    assert not stray.exists() and young.exists()
    assert kept.file.storage.open(kept.file.name).read() == b"giu"


def test_crash_between_commit_and_move_is_repaired_by_the_sweep(
    media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            doc = Document.objects.create(
                title="Đã lưu", file=ContentFile(b"%PDF-1.4 da luu", name="da-luu.pdf")
            )
    assert len(callbacks) == 1  # the move, never run: the process "died" after the commit
    assert _files(media) == {f"{STAGING}/{doc.file.name}"}
    report = _sweep()  # even a dry run moves a file its row names into place
    assert f"đã chuyển vào chỗ: {doc.file.name}" in report
    assert _files(media) == {doc.file.name}


def test_sweep_is_scheduled_daily_with_delete():
    (job,) = [j for j in JOBS if j.command == "sweep_orphan_files"]
    assert (job.cron, job.args) == ("45 2 * * *", ("--delete",))
