"""The announcer's reading of the written forms of a bulletin (giamngheo.broadcasts.speech)."""

import pytest

from giamngheo.broadcasts.speech.normalise import normalise, read_number

CASES = [
    # dates
    ("15/11/2023", "ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi ba"),
    ("Ngày 5/4/2024 họp", "Ngày mồng năm tháng tư năm hai nghìn không trăm hai mươi tư họp"),
    ("từ 1/1 đến 31/12", "từ ngày mồng một tháng một đến ngày ba mươi mốt tháng mười hai"),
    ("tháng 11/2023", "tháng mười một năm hai nghìn không trăm hai mươi ba"),
    # money
    ("1.500.000 đồng", "một triệu năm trăm nghìn đồng"),
    ("2.000.000đ", "hai triệu đồng"),
    ("2,5 triệu đồng", "hai phẩy năm triệu đồng"),
    ("50.000 VNĐ", "năm mươi nghìn đồng"),
    # percentages
    ("80%", "tám mươi phần trăm"),
    ("giảm 1,25%", "giảm một phẩy hai mươi lăm phần trăm"),
    # phone numbers, digit by digit in their groups
    ("0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám"),
    ("0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"),
    # abbreviations
    ("UBND xã", "Ủy ban nhân dân xã"),
    ("HĐND và MTTQ", "Hội đồng nhân dân và Mặt trận Tổ quốc"),
    ("vay vốn NHCSXH", "vay vốn Ngân hàng Chính sách xã hội"),
    ("thẻ BHYT", "thẻ bảo hiểm y tế"),
    # ordinals and Roman numerals
    ("lần thứ 2", "lần thứ hai"),
    ("thứ 1", "thứ nhất"),
    ("hạng 4", "hạng tư"),
    ("Quý IV", "Quý bốn"),
    # numbers, ranges, times, legal documents
    ("105 hộ", "một trăm linh năm hộ"),
    ("1.000.005", "một triệu không trăm linh năm"),
    (
        "giai đoạn 2021-2025",
        "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm",
    ),
    ("lúc 7h30", "lúc bảy giờ ba mươi phút"),
    ("lúc 14:05", "lúc mười bốn giờ năm phút"),
    (
        "Nghị định 49/2024/NĐ-CP",
        "Nghị định số bốn mươi chín năm hai nghìn không trăm hai mươi tư của Chính phủ",
    ),
    ("10 ha", "mười héc-ta"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_normalise_reads_as_an_announcer(written, spoken):
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (101, "một trăm linh một"),
        (1_000, "một nghìn"),
        (2_023, "hai nghìn không trăm hai mươi ba"),
        (1_000_000_000, "một tỷ"),
        (3_500_000_000, "ba tỷ năm trăm triệu"),
    ],
)
def test_read_number(n, words):
    assert read_number(n) == words
