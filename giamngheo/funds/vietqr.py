"""VietQR payloads (NAPAS "chuyển nhanh 24/7" over the EMVCo merchant-presented QR layout).

A payload is a string of TLV fields — two-digit tag, two-digit length, value — ending with tag 63,
the CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of everything
before it *including* ``6304``. The bank transfer lives in tag 38: its GUID ``A000000727`` (NAPAS),
the beneficiary (01: 00 bank BIN, 01 account number) and the service ``QRIBFTTA`` (transfer to an
account). Currency 704 (VND), country VN, the amount in tag 54 (whole đồng) and the transfer's
purpose in tag 62/08, which every Vietnamese bank app copies into the transfer description: that
is how a donation's reference code comes back to us in the bank statement.

We write the payload ourselves (it is a few lines against the standard, tested against the
published vector); only the drawing of the QR image is left to the ``qrcode`` library.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
PURPOSE_MAX = 50  # tag 62/08 allows 99; bank apps show and keep about this much


class VietQRError(ValueError):
    """A payload that is not a well-formed VietQR transfer code."""


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"tag {tag}: value longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_purpose(text: str) -> str:
    """The purpose as bank apps accept it: ASCII letters, digits and spaces (Vietnamese tones
    and marks dropped, ``đ`` → ``d``), single spaces, at most ``PURPOSE_MAX`` characters."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in text if c.isascii() and (c.isalnum() or c == " "))
    return " ".join(kept.split())[:PURPOSE_MAX]


def encode(*, bank_bin: str, account: str, amount: int | None = None, purpose: str = "") -> str:
    """The payload for a transfer to ``account`` at the bank ``bank_bin``; with an amount it is
    a dynamic code (01 = ``12``), without one a static code the payer types the amount into."""
    if not (bank_bin.isdigit() and len(bank_bin) == 6):
        raise VietQRError("the bank BIN has six digits")
    if not (account.isalnum() and 0 < len(account) <= 19):
        raise VietQRError("the account number has 1 to 19 letters or digits")
    if amount is not None and not (isinstance(amount, int) and 0 < amount < 10**13):
        raise VietQRError("the amount is a positive whole number of đồng")
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    parts = [
        _tlv("00", "01"),
        _tlv("01", "12" if amount else "11"),
        _tlv("38", merchant),
        _tlv("53", CURRENCY_VND),
    ]
    if amount:
        parts.append(_tlv("54", str(amount)))
    parts.append(_tlv("58", COUNTRY_VN))
    purpose = ascii_purpose(purpose)
    if purpose:
        parts.append(_tlv("62", _tlv("08", purpose)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def _fields(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    i = 0
    while i < len(text):
        tag, size = text[i : i + 2], text[i + 2 : i + 4]
        if len(tag) < 2 or not size.isdigit():
            raise VietQRError(f"malformed field at {i}")
        value = text[i + 4 : i + 4 + int(size)]
        if len(value) != int(size):
            raise VietQRError(f"tag {tag}: value shorter than its length")
        found[tag] = value
        i += 4 + int(size)
    return found


@dataclass(frozen=True)
class Transfer:
    bank_bin: str
    account: str
    amount: int | None
    purpose: str
    dynamic: bool


def parse(payload: str) -> Transfer:
    """Read a VietQR transfer payload back, checking its CRC and its NAPAS transfer fields."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("no CRC field at the end")
    expected = f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    if payload[-4:].upper() != expected:
        raise VietQRError("the CRC does not match")
    top = _fields(payload[:-8])
    if top.get("00") != "01":
        raise VietQRError("not an EMVCo payload (00 = 01)")
    merchant = _fields(top.get("38", ""))
    if merchant.get("00") != NAPAS_GUID or merchant.get("02") != SERVICE_TO_ACCOUNT:
        raise VietQRError("not a NAPAS transfer to an account")
    beneficiary = _fields(merchant.get("01", ""))
    if top.get("53") != CURRENCY_VND or top.get("58") != COUNTRY_VN:
        raise VietQRError("not a transfer in đồng in Việt Nam")
    amount = top.get("54")
    if amount is not None and not amount.isdigit():
        raise VietQRError("the amount is not a whole number")
    return Transfer(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount=int(amount) if amount else None,
        purpose=_fields(top["62"]).get("08", "") if "62" in top else "",
        dynamic=top.get("01") == "12",
    )


def svg(payload: str) -> bytes:
    """The QR image as SVG (a path, no script), drawn by the ``qrcode`` library; error
    correction M survives a phone camera on a printed poster."""
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(payload)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    return out.getvalue()
