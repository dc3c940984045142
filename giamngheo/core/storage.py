"""Where uploaded files are kept, and how a crash leaves no file that no row names.

**Staged writes.** A file saved inside a database transaction (every service that stores an
upload runs in one) is written under ``.staging/<name>`` and moved to ``<name>`` when the
transaction commits (``transaction.on_commit``). Until then the storage answers for ``<name>`` from
the staged copy, so the code that saved it can read it back. If the process dies or the transaction
rolls back, only a staged file is left — never a file at a name that looks in use — and
``manage.py sweep_orphan_files`` removes it after a day. If the process dies between the commit
and the move, the row names a file that is still staged: the sweep moves it into place (it never
deletes a file a row names). A file saved outside a transaction is written in place, as before.

**Where.** ``STORAGES["default"]`` is chosen by ``MEDIA_STORAGE`` (settings.base): the file system
under ``MEDIA_ROOT`` (the default), or an S3-compatible object store (``s3``: MinIO, Ceph, AWS …; ``core.storage_s3``, imported only then: boto3 costs
every process a fraction of a second at start).
Private files are never given a bucket URL: the scoped views stream them (``core.admin``
``ScopedDownloadView`` opens the file through the storage), and the bucket stays private.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty

log = logging.getLogger(__name__)

STAGING = ".staging"


def staged_name(name: str) -> str:
    return f"{STAGING}/{name}"


def is_staged(name: str) -> bool:
    return name.startswith(STAGING + "/")


class StagedWritesMixin:
    """Write inside a transaction under ``.staging/`` and promote the file on commit."""

    def _save(self, name, content):
        if not transaction.get_connection().in_atomic_block or is_staged(name):
            return super()._save(name, content)
        staged = super()._save(staged_name(name), content)
        transaction.on_commit(lambda: self.promote(staged, name), robust=True)
        return name

    def promote(self, staged: str, name: str) -> None:
        raise NotImplementedError


class StagedFileSystemStorage(StagedWritesMixin, FileSystemStorage):
    """The file system under MEDIA_ROOT, with staged writes."""

    def path(self, name):
        final = super().path(name)
        if not is_staged(name) and not os.path.lexists(final):
            staged = super().path(staged_name(name))
            if os.path.lexists(staged):
                return staged
        return final

    def promote(self, staged: str, name: str) -> None:
        final = FileSystemStorage.path(self, name)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        os.replace(FileSystemStorage.path(self, staged), final)


# --- the sweep ---------------------------------------------------------------------------------


def walk(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name in the storage, recursively."""
    try:
        dirs, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(path, name) if path else name
    for sub in dirs:
        yield from walk(storage, posixpath.join(path, sub) if path else sub)


def _unwrapped(storage):
    """``default_storage`` is a lazy proxy of ``storages["default"]``: compare what it wraps."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def referenced_names(storage: Storage) -> set[str]:
    """Every file name a row of any model's FileField (images, renditions included) holds."""
    names: set[str] = set()
    target = _unwrapped(storage)
    for model in apps.get_models():
        for fld in model._meta.concrete_fields:
            if isinstance(fld, models.FileField) and _unwrapped(fld.storage) is target:
                values = (
                    model._base_manager.exclude(**{fld.attname: ""})
                    .exclude(**{f"{fld.attname}__isnull": True})
                    .values_list(fld.attname, flat=True)
                )
                names.update(values.iterator())
    return names


@dataclass
class SweepReport:
    orphans: list[str] = field(default_factory=list)  # removed (or to remove, in a dry run)
    young: int = 0  # unreferenced but newer than the age limit: possibly mid-transaction
    promoted: list[str] = field(default_factory=list)  # staged files a committed row names
    referenced: int = 0


def sweep_orphans(
    *, storage: Storage | None = None, min_age: timedelta = timedelta(days=1), delete: bool = False
) -> SweepReport:
    """Find files no row names, older than ``min_age``; remove them when ``delete`` is true.

    A staged file whose final name a row holds (the process died between commit and move) is
    moved into place, never removed — in a dry run too, since that only repairs."""
    storage = _unwrapped(storage or storages["default"])
    wanted = referenced_names(storage)
    cutoff = timezone.now() - min_age
    report = SweepReport()
    for name in walk(storage):
        final = name[len(STAGING) + 1 :] if is_staged(name) else name
        if final in wanted:
            if is_staged(name):
                if isinstance(storage, StagedWritesMixin):
                    storage.promote(name, final)
                report.promoted.append(final)
            else:
                report.referenced += 1
            continue
        if _modified(storage, name) > cutoff:
            report.young += 1
            continue
        report.orphans.append(name)
        if delete:
            storage.delete(name)
            log.info("event=orphan_file_removed name=%s", name)
    return report


def _modified(storage: Storage, name: str) -> datetime:
    when = storage.get_modified_time(name)
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when
