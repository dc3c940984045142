"""The rule of the multidimensional poverty standard, as a pure function.

Nghị định 07/2021/NĐ-CP (and any later standard entered as data) classifies a household by its
income per person per month against the income line of its area, and by the number of
deprivation indicators it lacks:

- income ≤ line and lacking ≥ the standard's minimum (3)  → hộ nghèo;
- income ≤ line and lacking fewer                         → hộ cận nghèo;
- line < income ≤ the average-living upper bound          → hộ có mức sống trung bình;
- above that                                              → none of these.

It reads only attributes of ``standard`` (no database), so it is tested on every boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .enums import Area, Classification


@dataclass(frozen=True)
class Result:
    classification: str
    area: str
    income: int
    income_line: int
    average_upper: int
    lacking: tuple[int, ...]
    poor_min_lacking: int

    @property
    def lacking_count(self) -> int:
        return len(self.lacking)

    @property
    def below_line(self) -> bool:
        return self.income <= self.income_line


def classify(*, standard, area: str, income: int, lacking: Iterable[int]) -> Result:
    if area not in Area.values:
        raise ValueError(f"Unknown area: {area!r}")
    if income < 0:
        raise ValueError("Income cannot be negative")
    codes = tuple(sorted(set(lacking)))
    line = standard.income_line(area)
    upper = standard.average_upper(area)
    if income <= line:
        kind = (
            Classification.POOR
            if len(codes) >= standard.poor_min_lacking
            else Classification.NEAR_POOR
        )
    elif income <= upper:
        kind = Classification.AVERAGE
    else:
        kind = Classification.ABOVE
    return Result(
        classification=kind,
        area=area,
        income=income,
        income_line=line,
        average_upper=upper,
        lacking=codes,
        poor_min_lacking=standard.poor_min_lacking,
    )
