"""The rule of the standard on every boundary, and the choice of a standard by date."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from giamngheo.selfcheck.enums import Area, Classification
from giamngheo.selfcheck.selectors import indicators_of, standard_for
from giamngheo.selfcheck.standard import classify

RURAL, URBAN = Area.RURAL, Area.URBAN
POOR, NEAR, AVG, ABOVE = (
    Classification.POOR,
    Classification.NEAR_POOR,
    Classification.AVERAGE,
    Classification.ABOVE,
)

# (area, income, lacking count, expected) under Nghị định 07/2021/NĐ-CP
CASES_0721 = [
    (RURAL, 1_500_000, 3, POOR),  # exactly at the line, exactly 3 lacking
    (RURAL, 1_500_000, 2, NEAR),  # at the line, 2 lacking
    (RURAL, 1_500_001, 3, AVG),  # line + 1: lacking no longer matters
    (RURAL, 0, 12, POOR),
    (RURAL, 0, 0, NEAR),
    (RURAL, 1_400_000, 3, POOR),
    (RURAL, 2_250_000, 5, AVG),  # average-living upper bound, exact
    (RURAL, 2_250_001, 5, ABOVE),
    (URBAN, 2_000_000, 3, POOR),  # urban line
    (URBAN, 2_000_000, 2, NEAR),
    (URBAN, 1_500_001, 3, POOR),  # above the rural line, still under the urban one
    (URBAN, 2_000_001, 3, AVG),
    (URBAN, 2_250_001, 0, AVG),  # above the rural upper bound, inside the urban band
    (URBAN, 3_000_000, 0, AVG),
    (URBAN, 3_000_001, 0, ABOVE),
]

# The same boundaries under the second standard (test data: 2.2 / 2.8 million).
CASES_SECOND = [
    (RURAL, 2_200_000, 3, POOR),
    (RURAL, 2_200_000, 2, NEAR),
    (RURAL, 2_200_001, 3, AVG),
    (RURAL, 1_500_001, 3, POOR),  # above the old line, under the new one
    (RURAL, 3_300_000, 0, AVG),
    (RURAL, 3_300_001, 0, ABOVE),
    (URBAN, 2_800_000, 3, POOR),
    (URBAN, 2_800_000, 2, NEAR),
    (URBAN, 2_800_001, 3, AVG),
    (URBAN, 4_200_001, 0, ABOVE),
]


@pytest.mark.parametrize("day", [date(2022, 1, 1), date(2025, 12, 31), date(2026, 12, 31)])
@pytest.mark.parametrize(("area", "income", "count", "expected"), CASES_0721)
def test_classify_0721_boundaries_on_each_date(
    db, second_standard, day, area, income, count, expected
):
    standard = standard_for(on=day)
    assert standard.name.startswith("Chuẩn nghèo đa chiều giai đoạn 2022–2025")
    result = classify(standard=standard, area=area, income=income, lacking=range(1, count + 1))
    assert result.classification == expected
    assert result.lacking_count == count


@pytest.mark.parametrize("day", [date(2027, 1, 1), date(2030, 12, 31)])
@pytest.mark.parametrize(("area", "income", "count", "expected"), CASES_SECOND)
def test_classify_second_standard_chosen_by_date(
    second_standard, day, area, income, count, expected
):
    standard = standard_for(on=day)
    assert standard.pk == second_standard.pk
    result = classify(standard=standard, area=area, income=income, lacking=range(1, count + 1))
    assert result.classification == expected


def test_standard_0721_figures_from_migration(standard):
    assert standard.valid_from == date(2022, 1, 1)
    assert standard.valid_to == date(2026, 12, 31)
    assert (standard.rural_income_line, standard.urban_income_line) == (1_500_000, 2_000_000)
    assert (standard.rural_average_upper, standard.urban_average_upper) == (2_250_000, 3_000_000)
    assert standard.poor_min_lacking == 3
    dims = list(standard.dimensions.all())
    assert [d.name for d in dims] == [
        "Việc làm",
        "Y tế",
        "Giáo dục",
        "Nhà ở",
        "Nước sinh hoạt và vệ sinh",
        "Thông tin",
    ]
    assert [(i.code, i.name) for i in indicators_of(standard)][:2] == [
        (1, "Việc làm"),
        (2, "Người phụ thuộc trong hộ gia đình"),
    ]
    assert [i.code for i in indicators_of(standard)] == list(range(1, 13))


def test_no_standard_before_2022_or_after_2026(db):
    assert standard_for(on=date(2021, 12, 31)) is None
    assert standard_for(on=date(2027, 1, 1)) is None


def test_second_standard_does_not_change_the_first_period(second_standard):
    assert standard_for(on=date(2026, 12, 31)).name.startswith("Chuẩn nghèo đa chiều")
    assert standard_for(on=date(2027, 1, 1)) == second_standard
    assert standard_for(on=date(2031, 1, 1)) is None


def test_unpublished_draft_is_never_chosen(db):
    from giamngheo.selfcheck.data_07_2021 import DIMENSIONS
    from giamngheo.selfcheck.services import create_standard
    from tests.selfcheck.sc_world import SECOND

    create_standard(data={**SECOND, "is_published": False, "valid_to": None}, dimensions=DIMENSIONS)
    assert standard_for(on=date(2027, 6, 1)) is None


def test_overlapping_published_standard_refused(standard):
    from giamngheo.selfcheck.data_07_2021 import DIMENSIONS
    from giamngheo.selfcheck.models import PovertyStandard
    from giamngheo.selfcheck.services import create_standard
    from tests.selfcheck.sc_world import SECOND

    before = PovertyStandard.objects.count()
    with pytest.raises(ValidationError) as exc:
        create_standard(data={**SECOND, "valid_from": "2026-06-01"}, dimensions=DIMENSIONS)
    assert exc.value.message_dict["valid_from"] == [
        "Thời gian áp dụng trùng với chuẩn đã ban hành "
        "“Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết năm 2026)”."
    ]
    assert PovertyStandard.objects.count() == before


def test_average_upper_must_exceed_line(db):
    from giamngheo.selfcheck.services import create_standard
    from tests.selfcheck.sc_world import SECOND

    with pytest.raises(ValidationError) as exc:
        create_standard(data={**SECOND, "rural_average_upper": 2_200_000}, dimensions=[])
    assert exc.value.message_dict["rural_average_upper"] == [
        "Mức trên của hộ có mức sống trung bình phải cao hơn chuẩn thu nhập."
    ]


def test_duplicate_indicator_code_refused_and_nothing_saved(db):
    from giamngheo.selfcheck.models import PovertyStandard
    from giamngheo.selfcheck.services import create_standard
    from tests.selfcheck.sc_world import SECOND

    dims = [("Việc làm", [(1, "A", "Câu hỏi?", "Tiêu chí"), (1, "B", "Câu hỏi?", "Tiêu chí")])]
    with pytest.raises(ValidationError) as exc:
        create_standard(data=SECOND, dimensions=dims)
    assert exc.value.message_dict["code"] == ["Chuẩn nghèo này đã có chỉ số số 1."]
    assert not PovertyStandard.objects.filter(name=SECOND["name"]).exists()


def test_classify_counts_distinct_codes_and_refuses_bad_input(standard):
    result = classify(standard=standard, area=RURAL, income=1_000_000, lacking=[4, 4, 1])
    assert result.lacking == (1, 4)
    assert result.classification == NEAR
    with pytest.raises(ValueError):
        classify(standard=standard, area="hai_dao", income=1, lacking=[])
    with pytest.raises(ValueError):
        classify(standard=standard, area=RURAL, income=-1, lacking=[])


PLAIN = {
    9: "Hộ có đang thiếu nước sinh hoạt an toàn không (chưa có nước máy, giếng khoan, "
    "giếng đào được bảo vệ hay nước mưa được chứa sạch)?",
    10: "Hộ có đang thiếu nhà tiêu (hố xí) hợp vệ sinh không?",
    11: "Hộ có đang thiếu dịch vụ viễn thông không (chưa ai trong hộ dùng điện thoại hay "
    "internet)?",
    12: "Hộ có đang thiếu phương tiện để xem, nghe thông tin không (chưa có ti vi, đài, "
    "máy tính hay điện thoại nào)?",
}


def _plain_questions_asked(standard):
    questions = {i.code: i.question for i in indicators_of(standard)}
    assert {code: questions[code] for code in PLAIN} == PLAIN
    # One "có … không" each, no double negative ("Có phải … không ai … không?").
    assert [len(re.findall(r"\bkhông\b", q)) for q in PLAIN.values()] == [1, 1, 1, 1]
    assert not any(q.startswith("Có phải") for q in questions.values())


def test_questions_9_to_12_are_plain_after_the_migration(standard):
    """Issue 13 item 17: migration 0004 rewrote the double negatives."""
    _plain_questions_asked(standard)


def test_questions_9_to_12_are_plain_when_the_standard_is_created_again(db):
    from giamngheo.selfcheck.models import PovertyStandard
    from giamngheo.selfcheck.services import ensure_standard_07_2021

    PovertyStandard.objects.all().delete()
    created, was_created = ensure_standard_07_2021()
    assert was_created is True
    _plain_questions_asked(created)
