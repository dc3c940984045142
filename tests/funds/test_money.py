import pytest
from django.core.exceptions import ValidationError

from giamngheo.funds.money import MAX_AMOUNT, MoneyField, format_money, parse_money


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.234.567", 1_234_567),
        ("1234567", 1_234_567),
        ("1 234 567", 1_234_567),
        ("1\u00a0234\u00a0567", 1_234_567),
        ("1,234,567", 1_234_567),
        ("1,234,567.00", 1_234_567),
        ("1.234.567,00", 1_234_567),
        ("200.000 đ", 200_000),
        ("200000 VND", 200_000),
        ("1.000", 1_000),
        (5_000, 5_000),
    ],
)
def test_amounts_people_and_banks_write(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize(
    "text, message",
    [
        ("-200.000", "Số tiền không được âm."),
        ("0", "Số tiền phải lớn hơn 0."),
        ("", "Chưa nhập số tiền."),
        ("12,5", "Số tiền tính bằng đồng, không có phần lẻ: “12,5”."),
        ("1.23.4", "“1.23.4” không phải là số tiền (ví dụ: 1.234.567)."),
        ("hai trăm", "“hai trăm” không phải là số tiền (ví dụ: 1.234.567)."),
        ("100.000.000.001", "Số tiền vượt quá mức cho phép (100.000.000.000 đồng)."),
    ],
)
def test_bad_amounts_are_refused_in_vietnamese(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert caught.value.messages == [message]


def test_format_and_field():
    assert format_money(1_234_567) == "1.234.567"
    assert format_money(MAX_AMOUNT) == "100.000.000.000"
    field = MoneyField()
    assert field.clean("1 234 567") == 1_234_567
    assert field.prepare_value(200_000) == "200.000"
    assert field.widget.attrs["inputmode"] == "numeric"
