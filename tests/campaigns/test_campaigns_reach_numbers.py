"""Reach figures typed the Vietnamese way (issue #13): 12.000 views are twelve thousand, not 12."""

from __future__ import annotations

import pytest

from giamngheo.campaigns.forms import ReachForm


@pytest.mark.parametrize(("typed", "value"), [("12.000", 12_000), ("12 000", 12_000), ("35", 35)])
def test_reach_is_read_whole(typed, value):
    form = ReachForm(data={"views": typed, "shares": "1.200", "on": "2024-05-01"})
    form.is_valid()
    assert "views" not in form.errors and "shares" not in form.errors
    assert (form.cleaned_data["views"], form.cleaned_data["shares"]) == (value, 1_200)


def test_reach_refusals_are_vietnamese():
    form = ReachForm(data={"views": "12,5", "shares": "1.000.000.001", "on": "2024-05-01"})
    assert not form.is_valid()
    assert form.errors["views"] == ["Số lượng là số nguyên, không có phần lẻ: “12,5”."]
    assert form.errors["shares"] == ["Số lượng vượt quá mức cho phép (1.000.000.000 lượt)."]
    assert 'inputmode="numeric"' in str(form["views"])
