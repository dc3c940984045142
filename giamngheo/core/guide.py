"""The Vietnamese guide for editors and officers, in the admin's help menu.

The one text is ``docs/huong-dan-bien-tap.md`` in the repository; the admin shows it rendered
(Python-Markdown, then nh3 like every other HTML we publish) instead of Wagtail's English "Editor
Guide" on wagtail.org. Rendered once per file version (its modification time).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from .html import sanitize_html

GUIDE = Path(settings.BASE_DIR) / "docs" / "huong-dan-bien-tap.md"


@lru_cache(maxsize=4)
def _rendered(path: str, mtime: float) -> tuple[str, str]:
    """(title, body HTML): the file's first ``# heading`` is the page's title."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    title = lines[0].removeprefix("# ").strip() if lines and lines[0].startswith("# ") else ""
    text = "\n".join(lines[1:] if title else lines)
    return title, sanitize_html(markdown.markdown(text, extensions=["tables"]))


def guide() -> tuple[str, str]:
    return _rendered(str(GUIDE), GUIDE.stat().st_mtime)


@login_required
def editor_guide(request):
    title, body = guide()
    context = {"title": title, "guide": mark_safe(body)}  # noqa: S308 — cleaned by nh3 above
    return render(request, "core/editor_guide.html", context)
