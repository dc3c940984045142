import pytest

from giamngheo.core.text import is_national_phone, normalise_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        " 0912 345-678 ",
        "(0912) 345 678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "84 912.345.678",
        "0084 912 345 678",
        "+84 (0) 912 345 678",
    ],
)
def test_normalise_phone_gives_the_national_form(raw):
    assert normalise_phone(raw) == "0912345678"


def test_normalise_phone_keeps_a_national_number_starting_with_84():
    # 084 is a VinaPhone prefix: a ten-digit number opening 084… is national, not +84.
    assert normalise_phone("0843 123 456") == "0843123456"


def test_normalise_phone_keeps_a_landline_in_national_form():
    assert normalise_phone("+84 204 3854 123") == "02043854123"
    assert normalise_phone("(024) 3825.1234") == "02438251234"
    assert normalise_phone("+84 (0) 24 3825 1234") == "02438251234"


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("", ""),
        ("12345", "12345"),
        ("091234567", "091234567"),  # nine digits: one short
        ("09123456789", "09123456789"),  # eleven digits
        ("8491234567", "8491234567"),  # +84 and eight digits
        ("912345678", "912345678"),  # leading zero missing: not guessed
        ("+1 202 555 0100", "12025550100"),
    ],
)
def test_normalise_phone_returns_other_input_as_its_digits(raw, digits):
    assert normalise_phone(raw) == digits


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", True),
        ("02438251234", True),
        ("0243825123", False),
        ("0012345678", False),
        ("912345678", False),
        ("09123456789", False),
        ("", False),
    ],
)
def test_is_national_phone(value, expected):
    assert is_national_phone(value) is expected
