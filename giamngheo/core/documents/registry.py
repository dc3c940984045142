"""The one registry of official documents: each kind says how to list its records, load one by
id and render it in each format (``docx``, ``pdf``, ``xlsx``).

An app registers its kinds at import of its own ``documents`` module (or package)::

    from giamngheo.core.documents import DocumentKind, record_loader, register_kind

    register_kind(DocumentKind(code="decision", label="Quyết định", records=...,
                               load=record_loader(Decision), renderers={"docx": build_docx}))

Every lookup (``document_kinds``, ``get_kind``, ``get_renderer``) first imports the
``documents`` module of every installed app (``autodiscover_modules``, a no-op once imported),
then reads the registry as it is *now*: nothing is computed at import, so a kind registered by
any app is found by the download views and by ``manage.py render_document`` alike, and core never
imports the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

Renderer = Callable[[object], bytes]


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: how to list its records (id, title), load one by id (None when there
    is none) and render it in each format."""

    code: str
    label: str | Promise
    records: Callable[[], Iterable[tuple[str, str]]]
    load: Callable[[str], object | None]
    renderers: dict[str, Renderer] = field(default_factory=dict)
    id_help: str = ""


_KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> DocumentKind:
    """Add ``kind``; a second, different kind with the same code is a programming error."""
    existing = _KINDS.get(kind.code)
    if existing is not None and existing is not kind:
        raise ValueError(f"Document kind {kind.code!r} is already registered")
    _KINDS[kind.code] = kind
    return kind


def document_kinds() -> dict[str, DocumentKind]:
    """Every registered kind, by code (a copy: register through ``register_kind``)."""
    autodiscover_modules("documents")
    return dict(_KINDS)


def get_kind(code: str) -> DocumentKind | None:
    return document_kinds().get(code)


def get_renderer(code: str, fmt: str) -> Renderer | None:
    """The renderer of ``code`` in ``fmt``, or None (the views answer 404)."""
    kind = get_kind(code)
    return kind.renderers.get(fmt) if kind is not None else None


def record_loader(
    model: type[Model], related: Sequence[str] = ()
) -> Callable[[str], object | None]:
    """``load`` for a kind whose records are rows of ``model``: a decimal id, else None."""

    def load(raw: str):
        if not (raw.isdigit() and len(raw) < 19):
            return None
        rows = model.objects.select_related(*related) if related else model.objects.all()
        return rows.filter(pk=int(raw)).first()

    return load
