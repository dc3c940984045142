"""How a body appears on its documents: the place name (*địa danh*), its part of the symbol, the
signature block by the kind of body, the governing body above its name, and a plan cited in a
sentence. Shared by every app whose documents are issued by an organisation.
"""

from __future__ import annotations

import re

from giamngheo.core.documents import format_date
from giamngheo.organisations.enums import OrganisationKind

from ..models import Plan

_PLACE_PREFIXES = (
    "Thành phố ",
    "Thị xã ",
    "Thị trấn ",
    "Tỉnh ",
    "Huyện ",
    "Quận ",
    "Xã ",
    "Phường ",
)
_SYMBOL_LETTERS = re.compile(r"[^0-9A-ZĐ]")


def place_name(unit) -> str:
    """The *địa danh* of a body: its unit's name without the level (``Huyện Lục Ngạn`` →
    ``Lục Ngạn``; a city keeps nothing but its name too)."""
    name = unit.name if unit is not None else ""
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def body_abbreviation(organisation) -> str:
    """The body's part of a symbol (``UBND``, ``SLĐTBXH``), or "" when none can be derived: the
    number is then completed by hand, as on a form with a blank."""
    if organisation.kind == OrganisationKind.PEOPLES_COMMITTEE:
        return "UBND"
    short = (organisation.short_name or "").replace("Sở ", "S")
    letters = _SYMBOL_LETTERS.sub("", short)
    return (
        letters if letters and len(letters) >= len(short.replace(" ", "").replace("&", "")) else ""
    )


def signer_for(organisation) -> tuple[str, str]:
    """Authority and title of the signature block by the kind of body (Phụ lục I, mục II.9)."""
    if organisation.kind == OrganisationKind.PEOPLES_COMMITTEE:
        return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    if organisation.kind == OrganisationKind.DEPARTMENT:
        return "", "GIÁM ĐỐC"
    return "", "THỦ TRƯỞNG CƠ QUAN"


def parent_line(organisation, plan: Plan) -> str:
    """A provincial department writes the province's committee above its name."""
    return plan.issuing_body_name if organisation.kind == OrganisationKind.DEPARTMENT else ""


def plan_reference(plan: Plan) -> str:
    """``Kế hoạch số 52/KH-UBND ngày 07/02/2023 của UBND tỉnh Bắc Giang`` (number and date
    only when the plan was issued with them)."""
    parts = ["Kế hoạch"]
    if plan.number:
        parts.append(f"số {plan.number}/{plan.symbol}")
    if plan.issued_on:
        parts.append(f"ngày {format_date(plan.issued_on)}")
    issuer = plan.issuing_body_name
    # "UBND TỈNH BẮC GIANG" as written in a sentence: "UBND tỉnh Bắc Giang".
    head, _sep, rest = issuer.partition(" ")
    words = rest.split(" ")
    sentence = " ".join([head, words[0].lower(), *[w.capitalize() for w in words[1:]]])
    parts.append(f"của {sentence.strip()}")
    return " ".join(parts)
