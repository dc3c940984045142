"""The seed plan (Kế hoạch truyền thông … năm 2023): its corrected text as paragraphs, read by
``planning.demo`` (the structured plan) and by ``portal.demo`` (the policy page's rich text).

``ke-hoach-2023.txt`` is the plain text extracted from the signed document with the six garbled
words corrected as listed in the project's seed README. Lines were wrapped by the PDF
extraction; paragraphs are rebuilt from the numbering (I., 1., 1.1., "- ") of the document.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.html import escape

SEED_PATH = Path(__file__).with_name("ke-hoach-2023.txt")
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI)\.\s")
_NUMBERED = re.compile(r"^\d+\.\s")
_SUBNUMBERED = re.compile(r"^\d+\.\d+\.\s")
_BULLET = re.compile(r"^[-+]\s")


def _starts_block(line: str) -> bool:
    return bool(
        _ROMAN.match(line)
        or _NUMBERED.match(line)
        or _SUBNUMBERED.match(line)
        or _BULLET.match(line)
        or line.startswith(
            (
                "Nơi nhận",
                "Trên đây",
                "Trong quá trình",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "Mai Sơn",
                "Thực hiện Quyết định",
                "Người dân, cán bộ",
            )
        )
    )


def seed_blocks() -> list[str]:
    """The body of the plan as paragraphs, from the preamble to the signature."""
    lines = [" ".join(line.split()) for line in SEED_PATH.read_text(encoding="utf-8").splitlines()]
    body_start = next(i for i, line in enumerate(lines) if line.startswith("Thực hiện Quyết định"))
    blocks: list[str] = []
    for line in lines[body_start:]:
        if not line:
            continue
        if not blocks or _starts_block(line):
            blocks.append(line)
        else:
            blocks[-1] += " " + line
    return blocks


def seed_full_text_html() -> str:
    parts = []
    for block in seed_blocks():
        text = escape(block)
        if _ROMAN.match(block):
            parts.append(f"<h2>{text}</h2>")
        elif _NUMBERED.match(block) and len(block) < 80:
            parts.append(f"<h3>{text}</h3>")
        elif block.startswith(("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Sơn", "Nơi nhận")):
            parts.append(f"<p><b>{text}</b></p>")
        else:
            parts.append(f"<p>{text}</p>")
    return "".join(parts)
