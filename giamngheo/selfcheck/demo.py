"""Demo data of the self-check: ensures the 07/2021 standard (normally loaded by migration 0002)
and a short list of the support policies that typically apply. Idempotent."""

from __future__ import annotations

from giamngheo.core.demo import DemoLoad

from .models import SupportPolicy
from .services import ensure_standard_07_2021

# Wording kept general on purpose: amounts and conditions change by decree and by province, and
# the result page sends the household to the policy library and to the commune for details.
POLICIES = [
    (
        "Bảo hiểm y tế",
        "Người thuộc hộ nghèo được Nhà nước cấp thẻ bảo hiểm y tế; người thuộc hộ cận nghèo và "
        "một số hộ có mức sống trung bình được hỗ trợ một phần tiền đóng bảo hiểm y tế.",
        (True, True, True),
    ),
    (
        "Vay vốn tín dụng ưu đãi",
        "Ngân hàng Chính sách xã hội cho hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo và hộ có "
        "mức sống trung bình vay vốn ưu đãi để sản xuất, kinh doanh, học tập, làm nhà ở, công "
        "trình nước sạch và vệ sinh.",
        (True, True, True),
    ),
    (
        "Miễn, giảm học phí và hỗ trợ chi phí học tập",
        "Trẻ em, học sinh, sinh viên thuộc hộ nghèo, hộ cận nghèo được miễn hoặc giảm học phí và "
        "hỗ trợ chi phí học tập theo quy định.",
        (True, True, False),
    ),
    (
        "Hỗ trợ nhà ở",
        "Hộ nghèo, hộ cận nghèo có khó khăn về nhà ở được xem xét hỗ trợ xây mới hoặc sửa chữa "
        "nhà theo chương trình của Nhà nước và của tỉnh.",
        (True, True, False),
    ),
    (
        "Hỗ trợ tiền điện",
        "Hộ nghèo được hỗ trợ tiền điện sinh hoạt hằng tháng theo quy định.",
        (True, False, False),
    ),
    (
        "Trợ giúp pháp lý miễn phí",
        "Người thuộc hộ nghèo được trợ giúp pháp lý miễn phí.",
        (True, False, False),
    ),
    (
        "Hỗ trợ học nghề, tìm việc làm",
        "Người lao động thuộc hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình được hỗ trợ "
        "đào tạo nghề, tư vấn, giới thiệu việc làm, kể cả đi làm việc ở nước ngoài theo hợp "
        "đồng.",
        (True, True, True),
    ),
]


def load_demo_standards(*, stdout=None) -> None:
    """Nạp chuẩn nghèo đa chiều và danh sách chính sách hỗ trợ (chạy lại không tạo trùng)."""
    standard, created = ensure_standard_07_2021()
    made = 0
    for order, (title, description, (poor, near_poor, average)) in enumerate(POLICIES, start=1):
        _policy, was_made = SupportPolicy.objects.get_or_create(
            title=title,
            defaults={
                "description": description,
                "for_poor": poor,
                "for_near_poor": near_poor,
                "for_average": average,
                "order": order * 10,
            },
        )
        made += was_made
    if stdout is not None:
        stdout.write(
            f"Chuẩn nghèo: {standard.name} ({'mới tạo' if created else 'đã có'}); "
            f"chính sách hỗ trợ mới: {made}.\n"
        )


DEMO_NEEDS = ()


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_demo_standards(stdout=stdout)
    return DemoLoad()
