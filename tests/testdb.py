"""The test database: migrated once into a template named by a fingerprint of the migrations,
then copied for every test process.

The fingerprint hashes every migration file of every installed app, the project modules those
migrations import (the 07/2021 standard, …), the database engine, the installed apps and the
language: a changed migration gives another template name, so a database built from other
migrations is never reused; an unchanged tree reuses the template it built before. Each process
(each pytest-xdist worker ``gwN``, each concurrent run in the checkout) works on its own copy:

- SQLite: ``var/test-db-tpl-<hash>.sqlite3`` → ``var/test-db-tpl-<hash>_<tag>_<worker>.sqlite3``
  through SQLite's backup API (safe with the WAL journal);
- PostgreSQL: ``test_<name>_tpl_<hash>`` → ``CREATE DATABASE … TEMPLATE`` per process.

A lock file serialises building and copying, so workers started together build it once. The
serialised rows of the migrations (what transactional tests restore) are cached beside the
template. ``--create-db`` rebuilds the template. Copies are dropped at the end of the session;
templates stay (``make clean-test-db`` is not needed: one per migration state, a few MB).
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import hashlib
import importlib
import os
import sqlite3
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

ALIAS = "default"
PROJECT_PACKAGE = "giamngheo"


def _migration_dirs() -> list[Path]:
    dirs = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.migrations")
        except ImportError:
            continue
        if getattr(module, "__file__", None):
            dirs.append(Path(module.__file__).parent)
    return sorted(dirs)


def _project_imports(path: Path) -> set[Path]:
    """Files of project modules a migration imports (its data may come from them)."""
    found = set()
    tree = ast.parse(path.read_bytes())
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if not name.startswith(f"{PROJECT_PACKAGE}.") or ".migrations" in name:
                continue
            spec = importlib.util.find_spec(name) if _importable(name) else None
            if spec and spec.origin and spec.origin.endswith(".py"):
                found.add(Path(spec.origin))
    return found


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, AttributeError, ValueError):
        return False


def fingerprint() -> str:
    digest = hashlib.sha256()
    db = settings.DATABASES[ALIAS]
    for part in (db["ENGINE"], settings.LANGUAGE_CODE, *settings.INSTALLED_APPS):
        digest.update(part.encode() + b"\0")
    extra: set[Path] = set()
    for directory in _migration_dirs():
        for path in sorted(directory.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
            if PROJECT_PACKAGE in path.parts:
                extra |= _project_imports(path)
    for path in sorted(extra):
        digest.update(str(path.name).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _run_id() -> str:
    """Shared by the workers of one pytest-xdist run; the process id otherwise."""
    return os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid-{os.getpid()}"


def _suffix() -> str:
    tag = os.environ.get("TEST_DB_TAG") or str(os.getpid())
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return "_".join(p for p in (tag, worker) if p)[:24]


class TemplateDatabase:
    """Builds (once) and copies the template for this process; drops the copy at the end."""

    def __init__(self, *, rebuild: bool = False):
        self.connection = connections[ALIAS]
        self.settings_dict = self.connection.settings_dict
        self.sqlite = self.connection.vendor == "sqlite"
        self.rebuild = rebuild
        self.key = fingerprint()
        self.old_name = self.settings_dict["NAME"]
        test_name = self.settings_dict.get("TEST", {}).get("NAME")
        var = Path(settings.VAR_DIR) if hasattr(settings, "VAR_DIR") else Path("var")
        if self.sqlite:
            base = Path(test_name or var / "test-db.sqlite3")
            self.template = str(base.with_name(f"{base.stem}-tpl-{self.key}{base.suffix}"))
            self.copy = str(base.with_name(f"{base.stem}-tpl-{self.key}_{_suffix()}{base.suffix}"))
        else:
            base = test_name or f"test_{self.old_name}"
            self.template = f"{base}_tpl_{self.key}"[:63]
            self.copy = f"{base}_{self.key}_{_suffix()}"[:63]
        var.mkdir(parents=True, exist_ok=True)
        self.lock_path = var / f"test-db-{self.connection.vendor}-{self.key}.lock"
        self.marker = var / f"test-db-{self.connection.vendor}-{self._server()}-{self.key}.ok"
        self.rows_path = self.marker.with_suffix(".json")

    def _server(self) -> str:
        if self.sqlite:
            return "file"
        host = self.settings_dict.get("HOST") or "local"
        port = self.settings_dict.get("PORT") or "5432"
        return hashlib.sha256(f"{host}:{port}".encode()).hexdigest()[:8]

    # --- the template ---------------------------------------------------------------------------

    def _template_exists(self) -> bool:
        if self.sqlite:
            return Path(self.template).exists()
        with self.connection.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template])
            return cursor.fetchone() is not None

    def _needs_build(self) -> bool:
        if not (self.marker.exists() and self._template_exists()):
            return True
        # --create-db rebuilds once per run: the other workers of the run reuse that build.
        built_by = self.marker.read_text(encoding="utf-8").partition("\n")[2]
        return self.rebuild and built_by != _run_id()

    def _build_template(self, verbosity: int) -> None:
        self.marker.unlink(missing_ok=True)
        if self.sqlite:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(self.template + extra).unlink(missing_ok=True)
        self.settings_dict.setdefault("TEST", {})["NAME"] = self.template
        # keepdb=False: any half-built template of this fingerprint is dropped first.
        self.connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False
        )
        rows = self.connection.creation.serialize_db_to_string()
        self.rows_path.write_text(rows, encoding="utf-8")
        if self.sqlite:
            with self.connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()
        self.marker.write_text(f"{self.template}\n{_run_id()}", encoding="utf-8")

    # --- the copy -------------------------------------------------------------------------------

    def _copy_template(self) -> None:
        if self.sqlite:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(self.copy + extra).unlink(missing_ok=True)
            source = sqlite3.connect(self.template)
            target = sqlite3.connect(self.copy)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            return
        quote = self.connection.ops.quote_name
        with self.connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(self.copy)}")
            cursor.execute(
                f"CREATE DATABASE {quote(self.copy)} WITH TEMPLATE {quote(self.template)}"
            )

    def _use(self, name: str) -> None:
        self.connection.close()
        self.settings_dict["NAME"] = name
        settings.DATABASES[ALIAS]["NAME"] = name

    def setup(self, verbosity: int = 0) -> None:
        self.lock_path.touch()
        with self.lock_path.open("r+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if self._needs_build():
                    self._build_template(verbosity)
                self._use(self.old_name)
                self._copy_template()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        self._use(self.copy)
        self.connection._test_serialized_contents = self.rows_path.read_text(encoding="utf-8")

    def teardown(self) -> None:
        self._use(self.old_name)
        if self.sqlite:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(self.copy + extra).unlink(missing_ok=True)
            return
        quote = self.connection.ops.quote_name
        with contextlib.suppress(Exception), self.connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(self.copy)}")
