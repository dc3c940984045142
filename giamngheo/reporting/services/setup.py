"""Writes of what is reported: indicators, data sets with their elements and organisations,
periods."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.organisations.models import Organisation
from giamngheo.planning.models import Plan
from giamngheo.planning.services import lead_assignment

from ..models import (
    DataSet,
    DataSetIndicator,
    Indicator,
    Period,
)

# --- indicators, data sets, periods ----------------------------------------------------------


def create_indicator(**fields) -> Indicator:
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    return indicator


@dataclass(frozen=True)
class ElementSpec:
    indicator: Indicator
    section: str = ""


@transaction.atomic
def create_dataset(
    *,
    code: str,
    name: str,
    elements: Sequence[ElementSpec | Indicator],
    organisations: Iterable[Organisation] = (),
    plan: Plan | None = None,
    lead_organisation: Organisation | None = None,
    description: str = "",
    **rule,
) -> DataSet:
    """A data set with its ordered indicators and reporting organisations; all or nothing.
    The lead organisation defaults to the one the plan assigns the lead role (section V)."""
    if lead_organisation is None and plan is not None:
        lead = lead_assignment(plan=plan)
        lead_organisation = lead.organisations.order_by("pk").first() if lead else None
    dataset = DataSet(
        code=code,
        name=name,
        plan=plan,
        lead_organisation=lead_organisation,
        description=description,
        **rule,
    )
    dataset.full_clean()
    dataset.save()
    set_dataset_elements(dataset=dataset, elements=elements)
    dataset.organisations.set(list(organisations))
    return dataset


@transaction.atomic
def set_dataset_elements(*, dataset: DataSet, elements: Sequence[ElementSpec | Indicator]) -> None:
    dataset.elements.all().delete()
    for position, spec in enumerate(elements, start=1):
        if isinstance(spec, Indicator):
            spec = ElementSpec(indicator=spec)
        DataSetIndicator.objects.create(
            dataset=dataset, indicator=spec.indicator, section=spec.section, position=position
        )


@transaction.atomic
def update_dataset(
    *,
    dataset: DataSet,
    elements: Sequence[ElementSpec | Indicator],
    organisations: Iterable[Organisation],
    **fields,
) -> DataSet:
    """Change a data set's fields (not its code), indicators and organisations; all or nothing."""
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.full_clean()
    dataset.save()
    set_dataset_elements(dataset=dataset, elements=elements)
    dataset.organisations.set(list(organisations))
    return dataset


@transaction.atomic
def set_dataset_organisations(*, dataset: DataSet, organisations: Iterable[Organisation]) -> None:
    dataset.organisations.set(list(organisations))


def create_period(
    *, dataset: DataSet, name: str, start: date, end: date, due_date: date | None = None
) -> Period:
    """A period; its due date follows the data set's rule unless given (the plan's own date)."""
    period = Period(
        dataset=dataset,
        name=name,
        start=start,
        end=end,
        due_date=due_date or dataset.due_date_for(end=end),
    )
    _check_period(period)
    period.save()
    return period


def _check_period(period: Period) -> None:
    period.full_clean()
    plan = period.dataset.plan
    if plan is not None and (period.end < plan.period_start or period.start > plan.period_end):
        raise ValidationError(
            {
                "start": _(
                    "Kỳ báo cáo phải nằm trong thời gian thực hiện kế hoạch (từ %(start)s đến "
                    "%(end)s)."
                )
                % {"start": f"{plan.period_start:%d/%m/%Y}", "end": f"{plan.period_end:%d/%m/%Y}"}
            }
        )


PERIOD_HAS_REPORTS = gettext_lazy(
    "Kỳ này đã có báo cáo của đơn vị: chỉ sửa được tên kỳ và hạn báo cáo."
)


def update_period(
    *, period: Period, name: str, start: date, end: date, due_date: date | None = None
) -> Period:
    """Rename, move the due date (an extension counts every report against the new date) or,
    while no organisation has opened its report, move the dates. All or nothing."""
    with transaction.atomic():
        period = (
            Period.objects.select_for_update(of=("self",))
            .select_related("dataset__plan")
            .get(pk=period.pk)
        )
        if (start, end) != (period.start, period.end) and period.submissions.exists():
            raise ValidationError({"start": PERIOD_HAS_REPORTS})
        period.name, period.start, period.end = name, start, end
        period.due_date = due_date or period.dataset.due_date_for(end=end)
        _check_period(period)
        period.save()
    return period


def delete_period(*, period: Period) -> None:
    """Delete a period no organisation has reported on (its scheduled reminders go with it)."""
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        if period.submissions.exists():
            raise ValidationError(
                _(
                    "Không xóa được kỳ %(name)s: đã có %(n)s báo cáo của đơn vị. Báo cáo đã lập "
                    "được giữ nguyên để bảo đảm tính toàn vẹn số liệu."
                )
                % {"name": period.name, "n": period.submissions.count()}
            )
        period.delete()


@transaction.atomic
def set_period_due_date(*, period: Period, due_date: date) -> Period:
    period.due_date = due_date
    period.full_clean()
    period.save(update_fields=["due_date"])
    return period
