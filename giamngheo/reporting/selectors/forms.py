"""The categories of each indicator and the rows of the entry form."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from giamngheo.planning.enums import ItemKind
from giamngheo.planning.models import Plan

from ..enums import (
    Disaggregation,
    PrefillSource,
)
from ..models import DataSet, DataSetIndicator, DataValue, Indicator, Submission

# --- categories and the entry form -----------------------------------------------------------


def item_heading(text: str) -> str:
    """The head of a plan item as a report names it: up to its first colon, semicolon, "nhằm"
    (the purpose clause) or end of sentence, without the final full stop. Never shortened
    further: an official text names an item in whole words (a long heading wraps in its cell),
    never "… về Chương tr…"."""
    head = text
    for mark in (":", ";", " nhằm "):
        head = head.split(mark, 1)[0]
    # The first sentence: a full stop followed by a capital ("… giảm nghèo. Làm cho …").
    for index, char in enumerate(head[:-2]):
        if char == "." and head[index + 1] == " " and head[index + 2].isupper():
            head = head[:index]
            break
    return head.strip().rstrip(".")


def _plan_categories(plan: Plan | None) -> dict[str, list[tuple[str, str]]]:
    if plan is None:
        return {}
    items = list(plan.items.filter(kind__in=[ItemKind.FORM, ItemKind.CONTENT]).order_by("position"))
    sources = list(plan.funding_sources.order_by("position"))
    return {
        Disaggregation.FORM: [
            (i.code, item_heading(i.text)) for i in items if i.kind == ItemKind.FORM
        ],
        Disaggregation.CONTENT: [
            (i.code, item_heading(i.text)) for i in items if i.kind == ItemKind.CONTENT
        ],
        Disaggregation.FUNDING_SOURCE: [(s.code, s.name) for s in sources],
    }


def _elements(dataset: DataSet) -> list[DataSetIndicator]:
    cache = getattr(dataset, "_elements", None)
    if cache is None:
        cache = list(dataset.elements.select_related("indicator").order_by("position", "pk"))
        dataset._elements = cache
    return cache


def indicator_categories(*, dataset: DataSet) -> dict[int, list[tuple[str, str]]]:
    """``{indicator id: [(category, label)]}`` in the order of the form. Three queries."""
    by_kind = _plan_categories(dataset.plan)
    result: dict[int, list[tuple[str, str]]] = {}
    for element in _elements(dataset):
        indicator = element.indicator
        cats = by_kind.get(indicator.disaggregation) if by_kind else None
        if indicator.disaggregation == Disaggregation.NONE or not cats:
            result[indicator.pk] = [("", "")]
        else:
            result[indicator.pk] = list(cats)
    return result


def format_value(value: Decimal | int | None) -> str:
    """``1234567`` → ``1.234.567``, ``87.5`` → ``87,5`` (Vietnamese separators); None → ""."""
    if value is None:
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    frac = (value - whole).quantize(Decimal("0.01"))
    if frac:
        text += "," + f"{frac:.2f}"[2:].rstrip("0")
    return sign + text


@dataclass
class FormRow:
    element: DataSetIndicator
    indicator: Indicator
    category: str
    category_label: str
    value: DataValue | None
    first_of_indicator: bool
    span: int

    @property
    def key(self) -> str:
        """The form field's name part: ``<indicator code>`` or ``<code>-<category>``."""
        return f"{self.indicator.code}-{self.category}" if self.category else self.indicator.code

    @property
    def display_value(self) -> str:
        if self.value is None:
            return ""
        return self.value.text if self.indicator.is_text else format_value(self.value.value)

    @property
    def display_prefilled(self) -> str:
        return format_value(self.value.prefilled) if self.value is not None else ""

    @property
    def is_prefilled(self) -> bool:
        return self.indicator.prefill_source != PrefillSource.NONE


def submission_form(*, submission: Submission) -> list[FormRow]:
    """Every indicator × category of the data set with its value. Four queries."""
    dataset = submission.dataset
    categories = indicator_categories(dataset=dataset)
    values = {
        (v.indicator_id, v.category): v
        for v in DataValue.objects.filter(submission=submission).select_related("updated_by")
    }
    rows: list[FormRow] = []
    for element in _elements(dataset):
        cats = categories[element.indicator_id]
        for index, (code, label) in enumerate(cats):
            rows.append(
                FormRow(
                    element=element,
                    indicator=element.indicator,
                    category=code,
                    category_label=label,
                    value=values.get((element.indicator_id, code)),
                    first_of_indicator=index == 0,
                    span=len(cats),
                )
            )
    return rows
