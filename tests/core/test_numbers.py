"""core.numbers: whole numbers typed the Vietnamese way, refused in Vietnamese, shown grouped."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from giamngheo.core.numbers import (
    MAX_MONEY,
    GroupedNumberDisplay,
    MoneyField,
    QuantityField,
    format_number,
    parse_money,
    parse_quantity,
)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15.000.000", 15_000_000),
        ("15000000", 15_000_000),
        ("15 000 000", 15_000_000),
        ("15\u00a0000\u00a0000", 15_000_000),  # no-break space
        ("15\u202f000\u202f000", 15_000_000),  # narrow no-break space (French-style grouping)
        ("15\u2009000\u2009000", 15_000_000),  # thin space
        ("  15.000.000  ", 15_000_000),
        ("15,000,000", 15_000_000),  # a spreadsheet in English
        ("15.000.000,00", 15_000_000),  # a zero fraction, as bank statements write
        ("15,000,000.00", 15_000_000),
        ("15.000.000 đ", 15_000_000),
        ("15.000.000đ", 15_000_000),
        ("15.000.000 đồng", 15_000_000),
        ("15.000.000 VNĐ", 15_000_000),
        ("+15.000.000", 15_000_000),
        ("1.000", 1_000),
        ("0", 0),
        ("1.000.000.000.000", MAX_MONEY),
        (15_000_000, 15_000_000),
    ],
)
def test_money_as_people_write_it(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15.000,5", "Số tiền tính bằng đồng, không có phần lẻ: “15.000,5”."),
        ("12,5", "Số tiền tính bằng đồng, không có phần lẻ: “12,5”."),
        ("15.5", "Số tiền tính bằng đồng, không có phần lẻ: “15.5”."),
        ("-5.000", "Số tiền không được âm."),
        ("−5.000", "Số tiền không được âm."),  # U+2212, the minus sign of a word processor
        ("1.23.4", "“1.23.4” không phải là số tiền (ví dụ: 1.234.567)."),
        ("15.000 000", "“15.000 000” không phải là số tiền (ví dụ: 1.234.567)."),
        ("15 000.000", "“15 000.000” không phải là số tiền (ví dụ: 1.234.567)."),
        ("1.5000", "Số tiền tính bằng đồng, không có phần lẻ: “1.5000”."),
        ("mười lăm triệu", "“mười lăm triệu” không phải là số tiền (ví dụ: 1.234.567)."),
        ("١٥٠٠٠", "“١٥٠٠٠” không phải là số tiền (ví dụ: 1.234.567)."),  # Arabic-Indic digits
        ("1e9", "“1e9” không phải là số tiền (ví dụ: 1.234.567)."),
        ("", "Chưa nhập số tiền."),
        ("1.000.000.000.001", "Số tiền vượt quá mức cho phép (1.000.000.000.000 đồng)."),
        ("9" * 41, "Số tiền vượt quá mức cho phép (1.000.000.000.000 đồng)."),
        (True, "“True” không phải là số tiền (ví dụ: 1.234.567)."),
    ],
)
def test_money_refusals_in_vietnamese(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert caught.value.messages == [message]


def test_bounds_are_configurable_and_worded():
    with pytest.raises(ValidationError) as caught:
        parse_money("0", min_value=1)
    assert caught.value.messages == ["Số tiền phải lớn hơn 0."]
    with pytest.raises(ValidationError) as caught:
        parse_money("999", min_value=1_000)
    assert caught.value.messages == ["Số tiền phải từ 1.000 đồng trở lên."]
    with pytest.raises(ValidationError) as caught:
        parse_money("100.000.001", max_value=100_000_000)
    assert caught.value.messages == ["Số tiền vượt quá mức cho phép (100.000.000 đồng)."]
    assert parse_money("100.000.000", max_value=100_000_000) == 100_000_000


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234", 1_234), ("1234", 1_234), ("1 234", 1_234), ("1\u00a0234", 1_234), ("95", 95)],
)
def test_quantities_as_people_write_them(text, value):
    assert parse_quantity(text, unit="bản") == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,5", "Số lượng là số nguyên, không có phần lẻ: “1,5”."),
        ("-3", "Số lượng không được âm."),
        ("ba", "“ba” không phải là số lượng (ví dụ: 1.234)."),
        ("1.000.001", "Số lượng vượt quá mức cho phép (1.000.000 bản)."),
        ("1.000 bản", "“1.000 bản” không phải là số lượng (ví dụ: 1.234)."),
    ],
)
def test_quantity_refusals_in_vietnamese(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_quantity(text, unit="bản")
    assert caught.value.messages == [message]


def test_format_number_groups_by_dots():
    assert [format_number(v) for v in (0, 999, 1_000, 15_000_000, -12_500_000, None)] == [
        "0",
        "999",
        "1.000",
        "15.000.000",
        "-12.500.000",
        "",
    ]


class _Budget(forms.Form):
    planned = MoneyField(label="Kinh phí dự kiến (đồng)")
    spent = MoneyField(label="Kinh phí đã chi (đồng)", required=False, max_value=100_000_000)
    copies = QuantityField(label="Số bản", min_value=1, unit="bản", required=False)


def test_money_field_is_a_numeric_text_box_showing_the_value_grouped():
    form = _Budget(initial={"planned": 15_000_000})
    html = str(form["planned"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert 'value="15.000.000"' in html
    assert 'type="number"' not in html


def test_money_field_cleans_every_written_form():
    form = _Budget(data={"planned": "15 000 000", "spent": "12.500.000", "copies": "1.200"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"planned": 15_000_000, "spent": 12_500_000, "copies": 1_200}


def test_money_field_errors_and_typed_text_kept():
    form = _Budget(data={"planned": "15.000,5", "spent": "200.000.000", "copies": "0"})
    assert not form.is_valid()
    assert form.errors == {
        "planned": ["Số tiền tính bằng đồng, không có phần lẻ: “15.000,5”."],
        "spent": ["Số tiền vượt quá mức cho phép (100.000.000 đồng)."],
        "copies": ["Số lượng phải lớn hơn 0."],
    }
    # What was typed comes back for correction, not a reformatted guess.
    assert 'value="15.000,5"' in str(form["planned"])
    assert _Budget(data={"planned": ""}).errors["planned"] == ["Trường này là bắt buộc."]


def test_field_messages_can_be_worded_by_the_form():
    field = MoneyField(error_messages={"negative": "Thu nhập không thể là số âm."})
    with pytest.raises(ValidationError) as caught:
        field.clean("-1")
    assert caught.value.messages == ["Thu nhập không thể là số âm."]


def test_unchanged_grouped_value_is_not_a_change():
    field = MoneyField()
    assert field.has_changed(15_000_000, "15.000.000") is False
    assert field.has_changed(15_000_000, "15.000.001") is True
    assert field.has_changed(None, "") is False


def test_inspect_display_groups_whole_numbers():
    assert GroupedNumberDisplay(140_000_000).render_html() == "140.000.000"
    assert GroupedNumberDisplay(None).render_html() == ""
    assert GroupedNumberDisplay("<b>").render_html() == "&lt;b&gt;"


def test_inspect_views_group_money_and_counts_not_years():
    from wagtail import hooks
    from wagtail.admin.ui.fields import display_class_registry

    from giamngheo.planning.models import BudgetLine, Plan
    from giamngheo.publications.models import PrintRun

    hooks.search_for_hooks()
    field = BudgetLine._meta.get_field
    assert display_class_registry.get(field("planned")) is GroupedNumberDisplay
    assert display_class_registry.get(PrintRun._meta.get_field("quantity")) is GroupedNumberDisplay
    assert display_class_registry.get(Plan._meta.get_field("year")) is None
