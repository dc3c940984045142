"""`manage.py backup` and `manage.py restore`: every row and every file back, byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from giamngheo.core.backup import BackupError, create_backup, restore_backup
from giamngheo.core.models import CalendarException

ROOT = Path(__file__).resolve().parents[2]
MEDIA_FILES = {
    "feedback/2023/11/3f9c0a.jpg": bytes(range(256)) * 40,
    "documents/ke-hoach-truyen-thong-2023.pdf": b"%PDF-1.7\n" + os.urandom(5000),
    "original_images/ảnh-hộ-nghèo.png": b"\x89PNG\r\n\x1a\n" + os.urandom(300),
}


@pytest.fixture
def site_data(transactional_db, settings, tmp_path, django_user_model):
    """Committed rows (pg_dump and SQLite's backup see only committed data) and media files."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for name, data in MEDIA_FILES.items():
        path = tmp_path / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    django_user_model.objects.create_user("canbo.sao-luu", password="SaoLuu#2023demo")
    CalendarException.objects.create(date="2023-09-04", kind="holiday", note="Nghỉ bù Quốc khánh")
    return tmp_path


def _rows(cursor, tables) -> dict[str, list]:
    out = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
        out[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return out


def _sqlite_rows(path) -> dict[str, list]:
    """Every row of every table, read with a plain connection (no Django type conversion)."""
    db = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return _rows(db.cursor(), tables)
    finally:
        db.close()


def _postgres_rows(url: str) -> dict[str, list]:
    with psycopg.connect(url) as db:
        cursor = db.cursor()
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return _rows(cursor, [r[0] for r in cursor.fetchall()])


def _postgres_url(params: dict, name: str) -> str:
    return f"postgresql://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"


def _source_rows() -> dict[str, list]:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return _sqlite_rows(params["NAME"])
    return _postgres_rows(_postgres_url(params, params["NAME"]))


def _restore_in_subprocess(archive: Path, *, database_url: str, media: Path) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _assert_media_identical(media: Path) -> None:
    restored = {
        p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()
    }
    assert restored == MEDIA_FILES


def test_backup_manifest_lists_every_file_with_its_checksum(site_data):
    result = create_backup(output_dir=site_data / "backups")
    assert result.path.name.startswith("giamngheo-backup-") and result.path.suffixes == [
        ".tar",
        ".gz",
    ]
    assert result.files == 3
    with tarfile.open(result.path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = sorted(m.name for m in tar.getmembers())
    media = sorted(n for n in manifest["files"] if n.startswith("media/"))
    assert media == sorted("media/" + n for n in MEDIA_FILES)
    assert manifest["database"] in ("database.sqlite3", "database.pgdump")
    assert names == sorted(["manifest.json", manifest["database"], *media])
    for name, data in MEDIA_FILES.items():
        assert manifest["files"]["media/" + name] == {
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }


def test_restore_into_an_empty_place_gives_every_row_and_file_back(site_data):
    call_command("backup", "--output-dir", str(site_data / "backups"), stdout=io.StringIO())
    (archive,) = (site_data / "backups").glob("giamngheo-backup-*.tar.gz")
    source = _source_rows()
    assert len(source["auth_user"]) == 1 and len(source["core_calendarexception"]) == 1
    media = site_data / "restored-media"
    if connection.vendor == "sqlite":
        target = site_data / "restored.sqlite3"
        out = _restore_in_subprocess(archive, database_url=f"sqlite:///{target}", media=media)
        restored = _sqlite_rows(target)
    else:
        params = connection.settings_dict
        name = f"gn_restore_{os.getpid()}"  # PostgreSQL names stop at 63 characters
        admin = psycopg.connect(
            host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
            dbname="postgres", autocommit=True,
        )  # fmt: skip
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = _postgres_url(params, name)
            out = _restore_in_subprocess(archive, database_url=url, media=media)
            restored = _postgres_rows(url)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    assert "3 tệp" in out
    assert sorted(restored) == sorted(source)
    for table, rows in source.items():
        assert restored[table] == rows, table
    _assert_media_identical(media)


def test_restore_refuses_a_database_that_holds_data(site_data):
    archive = create_backup(output_dir=site_data / "backups").path
    with pytest.raises(BackupError, match="Cơ sở dữ liệu đích đã có dữ liệu"):
        restore_backup(archive=archive, media_root=site_data / "empty-media")
    assert not (site_data / "empty-media").exists()


def test_restore_refuses_a_tampered_archive_before_writing_anything(site_data, tmp_path):
    archive = create_backup(output_dir=site_data / "backups").path
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.endswith(".pdf"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    media = tmp_path / "restored-media"
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tampered)],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "MEDIA_ROOT": str(media),
            "DJANGO_SETTINGS_MODULE": "giamngheo.settings.test",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if connection.vendor == "sqlite":
        assert done.returncode == 1
        assert "Sai mã kiểm tra của media/documents/ke-hoach-truyen-thong-2023.pdf" in done.stderr
    else:  # a PostgreSQL archive is refused by a SQLite target
        assert done.returncode == 1
        assert "Bản sao lưu của postgresql không khôi phục được vào sqlite." in done.stderr
    assert not media.exists() or not any(media.iterdir())
    target = tmp_path / "empty.sqlite3"
    if target.exists():
        tables = sqlite3.connect(target).execute("SELECT count(*) FROM sqlite_master").fetchone()
        assert tables == (0,)
