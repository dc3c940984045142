import pytest

from giamngheo.funds import vietqr
from giamngheo.funds.vietqr import VietQRError

VECTOR = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)


def test_payload_of_the_published_vector_is_exact():
    payload = vietqr.encode(
        bank_bin="970415", account="0011001932418", amount=120_000, purpose="ung ho lu lut"
    )
    assert payload == VECTOR


def test_crc_is_ccitt_false():
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1
    assert VECTOR.endswith(f"{vietqr.crc16_ccitt_false(VECTOR[:-4].encode()):04X}")


def test_vector_parses_back():
    transfer = vietqr.parse(VECTOR)
    assert transfer == vietqr.Transfer(
        bank_bin="970415",
        account="0011001932418",
        amount=120_000,
        purpose="ung ho lu lut",
        dynamic=True,
    )


def test_pledge_code_round_trips_with_vietnamese_purpose():
    payload = vietqr.encode(
        bank_bin="970436", account="1234567890", amount=200_000, purpose="UHK7M2QX9A Ủng hộ Quỹ"
    )
    assert vietqr.parse(payload) == vietqr.Transfer(
        bank_bin="970436",
        account="1234567890",
        amount=200_000,
        purpose="UHK7M2QX9A Ung ho Quy",
        dynamic=True,
    )


def test_static_code_has_no_amount():
    payload = vietqr.encode(bank_bin="970436", account="1234567890")
    assert "5406" not in payload and payload.startswith("000201010211")
    assert vietqr.parse(payload).amount is None


def test_purpose_folds_to_ascii_and_is_bounded():
    assert vietqr.ascii_purpose("Đồng bào  nghèo — Tân Yên!") == "Dong bao ngheo Tan Yen"
    assert len(vietqr.ascii_purpose("x" * 200)) == 50


@pytest.mark.parametrize(
    "payload",
    [
        VECTOR[:-1] + "D",  # CRC changed
        VECTOR.replace("120000", "920000"),  # amount changed, CRC kept
        "",
        "6304ABCD",
    ],
)
def test_tampered_or_malformed_payload_is_refused(payload):
    with pytest.raises(VietQRError):
        vietqr.parse(payload)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bank_bin": "97041", "account": "1"},
        {"bank_bin": "970415", "account": "00 11"},
        {"bank_bin": "970415", "account": "1", "amount": -5},
        {"bank_bin": "970415", "account": "1", "amount": 10**13},
    ],
)
def test_bad_inputs_are_refused(kwargs):
    with pytest.raises(VietQRError):
        vietqr.encode(**kwargs)


def test_svg_is_an_svg_without_script():
    image = vietqr.svg(VECTOR).decode()
    assert image.startswith("<?xml") and "<svg" in image and "<script" not in image
