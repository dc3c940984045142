"""The standard of Nghị định 07/2021/NĐ-CP as data, loaded by migration 0002 (and ensured by the
demo loader). Frozen: a later correction is a new migration, never an edit here, because the
migration must keep producing what it produced.

The income lines and bands are those of the decree (2022–2025, continued through 31/12/2026).
The criteria are short summaries of the decree's appendix; the commune's review applies the
decree's own text and the ministry's guidance. The questions are plain-language versions for
households; answering “Có” means the household lacks the indicator.
"""

STANDARD = {
    "name": "Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết năm 2026)",
    "legal_basis": (
        "Nghị định 07/2021/NĐ-CP của Chính phủ quy định chuẩn nghèo đa chiều và các văn "
        "bản sửa đổi, bổ sung; chuẩn nghèo được tiếp tục áp dụng đến hết ngày 31/12/2026."
    ),
    "valid_from": "2022-01-01",
    "valid_to": "2026-12-31",
    "is_published": True,
    "rural_income_line": 1_500_000,
    "urban_income_line": 2_000_000,
    "rural_average_upper": 2_250_000,
    "urban_average_upper": 3_000_000,
    "poor_min_lacking": 3,
    "notes": (
        "Hộ nghèo: thu nhập bình quân đầu người/tháng từ chuẩn thu nhập trở xuống và thiếu hụt "
        "từ 3 chỉ số trở lên; hộ cận nghèo: thu nhập từ chuẩn trở xuống và thiếu hụt dưới 3 "
        "chỉ số; hộ có mức sống trung bình: nông thôn trên 1.500.000 đến 2.250.000 đồng, "
        "thành thị trên 2.000.000 đến 3.000.000 đồng."
    ),
}

# (dimension, [(code, name, question, criterion), ...])
DIMENSIONS = [
    (
        "Việc làm",
        [
            (
                1,
                "Việc làm",
                "Trong hộ có người trong độ tuổi lao động đang thất nghiệp, hoặc đi làm thuê "
                "mà không có hợp đồng lao động không?",
                "Hộ gia đình có ít nhất một người trong độ tuổi lao động đang thất nghiệp hoặc "
                "có việc làm nhưng là lao động làm công ăn lương không có hợp đồng lao động.",
            ),
            (
                2,
                "Người phụ thuộc trong hộ gia đình",
                "Số người phụ thuộc (trẻ em, người cao tuổi, người khuyết tật không làm việc "
                "được) có nhiều hơn một nửa số người trong hộ không?",
                "Hộ gia đình có tỷ lệ người phụ thuộc trong tổng số nhân khẩu lớn hơn 50%.",
            ),
        ],
    ),
    (
        "Y tế",
        [
            (
                3,
                "Dinh dưỡng",
                "Trong hộ có trẻ em dưới 16 tuổi bị suy dinh dưỡng (thấp còi hoặc nhẹ cân) không?",
                "Hộ gia đình có ít nhất một trẻ em dưới 16 tuổi bị suy dinh dưỡng chiều cao "
                "theo tuổi hoặc suy dinh dưỡng cân nặng theo tuổi.",
            ),
            (
                4,
                "Bảo hiểm y tế",
                "Trong hộ có người từ 6 tuổi trở lên chưa có thẻ bảo hiểm y tế không?",
                "Hộ gia đình có ít nhất một người từ đủ 6 tuổi trở lên hiện không có bảo hiểm "
                "y tế.",
            ),
        ],
    ),
    (
        "Giáo dục",
        [
            (
                5,
                "Trình độ giáo dục của người lớn",
                "Trong hộ có người từ 16 đến 30 tuổi không đi học, không học nghề và chưa có "
                "bằng cấp, chứng chỉ phù hợp với tuổi không?",
                "Hộ gia đình có ít nhất một người từ 16 đến 30 tuổi không tham gia các khóa "
                "đào tạo hoặc không có bằng cấp, chứng chỉ giáo dục đào tạo so với độ tuổi "
                "tương ứng.",
            ),
            (
                6,
                "Tình trạng đi học của trẻ em",
                "Trong hộ có trẻ em từ 3 tuổi đến dưới 16 tuổi không được đi học đúng tuổi không?",
                "Hộ gia đình có ít nhất một trẻ em từ 3 tuổi đến dưới 16 tuổi không được đi "
                "học đúng bậc, cấp học phù hợp với độ tuổi.",
            ),
        ],
    ),
    (
        "Nhà ở",
        [
            (
                7,
                "Chất lượng nhà ở",
                "Nhà hộ đang ở có phải là nhà tạm, nhà không bền chắc không?",
                "Hộ gia đình đang sống trong ngôi nhà hoặc căn hộ thuộc loại không bền chắc.",
            ),
            (
                8,
                "Diện tích nhà ở bình quân đầu người",
                "Diện tích nhà ở chia cho số người trong hộ có dưới 8 m² mỗi người không?",
                "Diện tích nhà ở bình quân đầu người của hộ gia đình nhỏ hơn 8 m².",
            ),
        ],
    ),
    (
        "Nước sinh hoạt và vệ sinh",
        [
            (
                9,
                "Nguồn nước sinh hoạt",
                "Hộ có phải dùng nguồn nước sinh hoạt không an toàn (không có nước máy, giếng "
                "khoan, giếng đào được bảo vệ, nước mưa…) không?",
                "Hộ gia đình không tiếp cận được nguồn nước sinh hoạt an toàn.",
            ),
            (
                10,
                "Nhà tiêu hợp vệ sinh",
                "Hộ có phải đang không có nhà tiêu (hố xí) hợp vệ sinh không?",
                "Hộ gia đình không sử dụng hố xí hoặc nhà tiêu hợp vệ sinh.",
            ),
        ],
    ),
    (
        "Thông tin",
        [
            (
                11,
                "Sử dụng dịch vụ viễn thông",
                "Có phải trong hộ không ai dùng điện thoại hoặc internet không?",
                "Hộ gia đình không có thành viên nào sử dụng dịch vụ viễn thông (thuê bao "
                "điện thoại, internet).",
            ),
            (
                12,
                "Phương tiện phục vụ tiếp cận thông tin",
                "Có phải hộ không có ti vi, đài, máy tính hay điện thoại nào để xem, nghe "
                "thông tin không?",
                "Hộ gia đình không có phương tiện nào phục vụ tiếp cận thông tin (ti vi, "
                "radio, máy tính, điện thoại…).",
            ),
        ],
    ),
]

# The correction of migration 0004 (issue 13 item 17): questions 9–12 as loaded asked double
# negatives; each plain question asks one thing, "Có" still meaning the household lacks it.
# code: (as loaded by 0002, plain)
PLAIN_QUESTIONS = {
    9: (
        "Hộ có phải dùng nguồn nước sinh hoạt không an toàn (không có nước máy, giếng "
        "khoan, giếng đào được bảo vệ, nước mưa…) không?",
        "Hộ có đang thiếu nước sinh hoạt an toàn không (chưa có nước máy, giếng khoan, "
        "giếng đào được bảo vệ hay nước mưa được chứa sạch)?",
    ),
    10: (
        "Hộ có phải đang không có nhà tiêu (hố xí) hợp vệ sinh không?",
        "Hộ có đang thiếu nhà tiêu (hố xí) hợp vệ sinh không?",
    ),
    11: (
        "Có phải trong hộ không ai dùng điện thoại hoặc internet không?",
        "Hộ có đang thiếu dịch vụ viễn thông không (chưa ai trong hộ dùng điện thoại "
        "hay internet)?",
    ),
    12: (
        "Có phải hộ không có ti vi, đài, máy tính hay điện thoại nào để xem, nghe thông tin không?",
        "Hộ có đang thiếu phương tiện để xem, nghe thông tin không (chưa có ti vi, đài, "
        "máy tính hay điện thoại nào)?",
    ),
}
