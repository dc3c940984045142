"""The fund's output measures (planning.registry), counted from the ledger and the
disbursements, dated by the day the money moved.

The fund is the Fatherland Front's task of plan section V.6, not one of the communication forms
of III.2, so its measures belong to no ``FormKind``: they are found by code (``fund.*``) and in
every report's list of all measures, never under a form item.
"""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _

from giamngheo.planning.registry import OutputMeasure, register

from . import selectors

for code, label, value in (
    ("fund.donations", _("Lượt ủng hộ Quỹ Vì người nghèo"), "donations"),
    ("fund.donors", _("Số người, đơn vị ủng hộ Quỹ"), "donors"),
    ("fund.amount_mobilised", _("Số tiền vận động được (đồng)"), "amount"),
):
    register(
        OutputMeasure(
            code=code,
            label=label,
            form_kinds=frozenset(),
            count=partial(selectors.measure_donations, value=value),
        )
    )

register(
    OutputMeasure(
        code="fund.disbursements",
        label=_("Khoản chi hỗ trợ từ Quỹ"),
        form_kinds=frozenset(),
        count=partial(selectors.measure_disbursements, households_only=False),
    )
)
register(
    OutputMeasure(
        code="fund.households_supported",
        label=_("Lượt hộ được Quỹ hỗ trợ"),
        form_kinds=frozenset(),
        count=partial(selectors.measure_disbursements, households_only=True),
    )
)
