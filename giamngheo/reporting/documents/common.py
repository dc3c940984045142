"""Small formats and phrases shared by the unit report and the consolidated report."""

from __future__ import annotations

from decimal import Decimal

from giamngheo.planning.documents import (
    body_abbreviation,
)

from .. import selectors
from ..enums import PeriodType

NOT_REPORTED = "Chưa báo cáo"

# --- small formats ---------------------------------------------------------------------------


def number_text(value) -> str:
    """A figure as a document writes it: ``1.234.567``, ``87,5``."""
    return selectors.format_value(value)


def percent_text(value) -> str:
    return f"{number_text(value)}%"


def cell_number(value):
    """A spreadsheet number: whole figures as int, others as float (percentages)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _sentence_case(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _sentence_body(name: str) -> str:
    """``UBND TỈNH BẮC GIANG`` → ``UBND tỉnh Bắc Giang`` (a body named inside a sentence)."""
    head, _sep, rest = name.partition(" ")
    words = rest.split()
    if not words:
        return name
    return " ".join([head, words[0].lower(), *[w.capitalize() for w in words[1:]]])


def _symbol(kind: str, organisation) -> str:
    return "-".join(filter(None, [kind, body_abbreviation(organisation)]))


def _blank_number(kind: str, organisation) -> str:
    # Numbers are given by the office's register when the document is signed: left blank.
    return f"{'       '}/{_symbol(kind, organisation)}"


def _recipient_ministries(plan) -> list[str]:
    """The ministries the plan itself reports to (its own *Nơi nhận* lines naming a *Bộ*): the
    ministry in charge changed in 2025, so it is read from the plan, never written here."""
    if plan is None:
        return []
    return [line for line in plan.recipient_lines if line.removeprefix("- ").startswith("Bộ ")]


def report_summary(dataset, period) -> str:
    """The *trích yếu* of a report: what was carried out, and the period unless the data set
    is yearly (the plan's title already names its year)."""
    if dataset.plan is not None:
        summary = f"Kết quả thực hiện Kế hoạch {_sentence_case(dataset.plan.title)}"
    else:
        summary = f"Kết quả thực hiện {_sentence_case(dataset.name)}"
    if dataset.period_type != PeriodType.YEARLY or dataset.plan is None:
        summary += f" ({period.name.lower()})"
    return summary


def short_label(text: str) -> str:
    """The head of a plan item as a report names it, whole (``selectors.item_heading``)."""
    return selectors.item_heading(text)
