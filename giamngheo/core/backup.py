"""Backup and restore of a whole site: the database and the uploaded files, in one dated archive.

An archive (`giamngheo-backup-YYYYMMDD-HHMMSS.tar.gz`) holds

- `database.sqlite3` — a consistent copy made with SQLite's online backup API while the site
  keeps serving, or `database.pgdump` — `pg_dump --format=custom` of the PostgreSQL database;
- `media/…` — every file under MEDIA_ROOT;
- `manifest.json` — when, from which engine, and the size and SHA-256 of every other member.

`restore` checks every checksum before writing anything, and restores only into an empty place
(a database without tables, an empty media folder), so it can never mix two sites.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Vietnamese."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(db: dict) -> str:
    engine = db["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(engine)s.") % {"engine": engine})


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            _("Không tìm thấy chương trình %(name)s (cài gói postgresql-client).")
            % {"name": command[0]}
        ) from None
    if done.returncode != 0:
        raise BackupError(
            _("%(name)s báo lỗi: %(error)s") % {"name": command[0], "error": done.stderr.strip()}
        )


def _dump_database(alias: str, target: Path) -> str:
    db = connections[alias].settings_dict
    engine = _engine(db)
    if engine == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        destination = sqlite3.connect(target / SQLITE_MEMBER)
        try:
            # The online backup API copies a consistent snapshot while others keep writing.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return SQLITE_MEMBER
    args, env = _pg_args(db)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
          "--file", str(target / PG_MEMBER)], env)  # fmt: skip
    return PG_MEMBER


def create_backup(*, output_dir: Path, alias: str = "default", media_root: Path | None = None):
    """Write a dated archive of the database and every media file into ``output_dir``."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"giamngheo-backup-{stamp}.tar.gz"
    if archive.exists():
        raise BackupError(_("Tệp %(path)s đã có.") % {"path": archive})
    with tempfile.TemporaryDirectory(prefix="giamngheo-backup-") as work:
        work_dir = Path(work)
        database_member = _dump_database(alias, work_dir)
        members = {database_member: work_dir / database_member}
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                members["media/" + path.relative_to(media_root).as_posix()] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": _engine(connections[alias].settings_dict),
            "database": database_member,
            "files": {
                name: {"size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in members.items()
            },
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.rename(archive)  # a crash mid-write never leaves a file that looks complete
    files = sum(1 for name in members if name.startswith("media/"))
    return BackupResult(path=archive, files=files, bytes=archive.stat().st_size)


def _database_is_empty(alias: str) -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _safe_members(tar: tarfile.TarFile, manifest: dict) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        if member.name == MANIFEST:
            continue
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not member.isfile():
            raise BackupError(_("Tệp sao lưu chứa đường dẫn không hợp lệ: %(name)s") % {
                "name": member.name})  # fmt: skip
        if member.name not in manifest["files"]:
            raise BackupError(_("Tệp %(name)s không có trong bản kê.") % {"name": member.name})
        members.append(member)
    missing = set(manifest["files"]) - {m.name for m in members}
    if missing:
        raise BackupError(_("Tệp sao lưu thiếu: %(names)s") % {"names": ", ".join(sorted(missing))})
    return members


def restore_backup(*, archive: Path, alias: str = "default", media_root: Path | None = None):
    """Restore ``archive`` into the (empty) database ``alias`` and the (empty) media folder.

    Every checksum is verified in a scratch folder before the database or media are touched.
    """
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not archive.is_file():
        raise BackupError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": archive})
    db = connections[alias].settings_dict
    engine = _engine(db)
    if not _database_is_empty(alias):
        raise BackupError(
            _("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống.")
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            _("Thư mục tệp tải lên %(path)s không trống: chỉ khôi phục vào thư mục trống.")
            % {"path": media_root}
        )
    with tempfile.TemporaryDirectory(prefix="giamngheo-restore-") as work:
        work_dir = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                manifest = json.load(tar.extractfile(MANIFEST))
                members = _safe_members(tar, manifest)
                tar.extractall(work_dir, members=members, filter="data")
        except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError) as exc:
            raise BackupError(_("Tệp sao lưu hỏng: %(error)s") % {"error": exc}) from None
        if manifest.get("engine") != engine:
            raise BackupError(
                _("Bản sao lưu của %(source)s không khôi phục được vào %(target)s.")
                % {"source": manifest.get("engine"), "target": engine}
            )
        for name, expected in manifest["files"].items():
            if _sha256(work_dir / name) != expected["sha256"]:
                raise BackupError(_("Sai mã kiểm tra của %(name)s: tệp bị hỏng.") % {"name": name})
        database_file = work_dir / manifest["database"]
        if engine == "sqlite":
            connection = connections[alias]
            connection.ensure_connection()
            source = sqlite3.connect(database_file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            args, env = _pg_args(db)
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args,
                  str(database_file)], env)  # fmt: skip
        media_root.mkdir(parents=True, exist_ok=True)
        staged = work_dir / "media"
        restored = 0
        if staged.is_dir():
            for path in sorted(p for p in staged.rglob("*") if p.is_file()):
                target = media_root / path.relative_to(staged)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                restored += 1
    return restored
