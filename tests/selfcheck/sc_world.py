"""Helpers of the self-check tests."""

from __future__ import annotations

# Figures of a possible next standard, used only as test data: nothing here is official.
SECOND = {
    "name": "Chuẩn nghèo thử nghiệm 2027–2030 (dữ liệu kiểm thử)",
    "legal_basis": "Dữ liệu kiểm thử, không phải văn bản ban hành.",
    "valid_from": "2027-01-01",
    "valid_to": "2030-12-31",
    "is_published": True,
    "rural_income_line": 2_200_000,
    "urban_income_line": 2_800_000,
    "rural_average_upper": 3_300_000,
    "urban_average_upper": 4_200_000,
    "poor_min_lacking": 3,
}


def answers(*, area="nong_thon", income="1.400.000", lacking=(1, 4, 7), codes=range(1, 13)):
    """The questionnaire's POST data."""
    data = {"area": area, "income": income}
    for code in codes:
        data[f"i{code}"] = "co" if code in lacking else "khong"
    return data
