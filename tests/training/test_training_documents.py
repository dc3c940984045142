"""The course's documents through the kit, read back: the danh sách ký nhận (DOCX with one
sign column per session, PDF, XLSX with the marks), the giấy triệu tập, the certificate (A4
landscape, verification code and QR) and the course report."""

from __future__ import annotations

import io
import os

import pytest
from docx import Document
from openpyxl import load_workbook

from giamngheo.training import documents, services
from tests.browser import ARTIFACTS

from .conftest import DAY1, DAY2, local


@pytest.fixture
def ran(tworld):
    course = tworld.course(title="Lớp tập huấn nghiệp vụ truyền thông giảm nghèo")
    allotment = tworld.allot(course)
    people = [
        tworld.name(allotment, n=1, full_name="Hoàng Văn An", sex="male", ethnicity="nung"),
        tworld.name(allotment, n=2, full_name="Lường Thị Bình", org="C1b"),
        tworld.name(allotment, n=3, full_name="Vi Văn Cường", sex="male", ethnicity="kinh"),
    ]
    organiser = tworld.users["organiser"]
    day1, day2 = course.sessions.all()
    for person in people[:2]:
        services.check_in(actor=organiser, session=day1, code=person.ticket, at=local(DAY1, 7, 35))
    for person in people:
        services.check_in(actor=organiser, session=day2, code=person.ticket, at=local(DAY2, 7, 50))
    services.close_attendance(actor=organiser, course=course, today=DAY2)
    course.refresh_from_db()
    certificates = services.issue_certificates(actor=organiser, course=course, at=local(DAY2, 17))
    return course, people, certificates


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text]


def _tables(data: bytes) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(io.BytesIO(data)).tables
    ]


def test_attendance_list_docx_has_a_sign_column_per_session(ran):
    course, _people, _certificates = ran
    data = documents.attendance_list_docx(course)
    paragraphs = _paragraphs(data)
    assert "DANH SÁCH KÝ NHẬN" in paragraphs
    assert "Học viên tham dự Lớp tập huấn\nnghiệp vụ truyền thông giảm nghèo" in paragraphs
    assert "Tổng số: 3 học viên được triệu tập; 2 buổi học." in paragraphs
    grid = _tables(data)[1]
    head = ["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Dân tộc"]
    assert grid[0] == [*head, "Ký ngày 15/05", "Ký ngày 16/05"]
    position = "Công chức Văn hóa - Xã hội"
    assert grid[1:] == [
        ["1", "Hoàng Văn An", position, "Ủy ban nhân dân xã C1a", "Nam", "Nùng", "", ""],
        ["2", "Vi Văn Cường", position, "Ủy ban nhân dân xã C1a", "Nam", "Kinh", "", ""],
        ["3", "Lường Thị Bình", position, "Ủy ban nhân dân xã C1b", "Nữ", "Tày", "", ""],
    ]
    section = Document(io.BytesIO(data)).sections[0]
    assert section.page_width > section.page_height  # landscape: six columns and two to sign


def test_attendance_list_xlsx_has_marks_and_sign_columns(ran):
    course, _people, _certificates = ran
    sheet = load_workbook(io.BytesIO(documents.attendance_list_xlsx(course))).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "TT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Giới tính",
        "Dân tộc",
        "Điện thoại",
        "Điểm danh 15/05/2023",
        "Ký nhận 15/05/2023",
        "Điểm danh 16/05/2023",
        "Ký nhận 16/05/2023",
    ]
    assert [r[1] for r in rows[1:]] == ["Hoàng Văn An", "Vi Văn Cường", "Lường Thị Bình"]
    assert [r[6] for r in rows[1:]] == ["0912000001", "0912000003", "0912000002"]
    assert [r[7] for r in rows[1:]] == ["Có mặt", "", "Có mặt"]
    assert [r[9] for r in rows[1:]] == ["Muộn", "Muộn", "Muộn"]


def test_invitation_docx(ran):
    _course, people, _certificates = ran
    paragraphs = _paragraphs(documents.invitation_docx(people[0]))
    assert "GIẤY TRIỆU TẬP" in paragraphs
    assert "Ông: Hoàng Văn An" in paragraphs
    assert "Đơn vị công tác: Ủy ban nhân dân xã C1a" in paragraphs
    assert (
        "Thời gian: ngày 15/05/2023 (từ 07:30 đến 16:30); ngày 16/05/2023 (từ 07:30 đến 16:30)."
        in paragraphs
    )
    assert any(
        p.startswith(f"Khi đến, học viên xuất trình mã vé {people[0].ticket}") for p in paragraphs
    )


def test_certificate_docx_names_holder_course_and_code(ran):
    _course, _people, certificates = ran
    certificate = next(c for c in certificates if c.holder_name == "Hoàng Văn An")
    data = documents.certificate_docx(certificate)
    paragraphs = _paragraphs(data)
    assert paragraphs[:0] == []
    for line in (
        "GIẤY CHỨNG NHẬN",
        "HOÀN THÀNH LỚP TẬP HUẤN, BỒI DƯỠNG NGHIỆP VỤ",
        "Sở Lao động - Thương binh và Xã hội chứng nhận",
        "Ông: Hoàng Văn An",
        "Công chức Văn hóa - Xã hội, Ủy ban nhân dân xã C1a",
        "Đã hoàn thành Lớp tập huấn nghiệp vụ truyền thông giảm nghèo",
        "Thời gian: 15/05/2023 – 16/05/2023, tại Hội trường Sở, số 1 đường Thử.",
    ):
        assert line in paragraphs
    left = _tables(data)[1][0][0]
    assert f"Mã xác minh: {certificate.code}" in left
    assert f"/tap-huan/xac-minh/{certificate.code}/" in left
    document = Document(io.BytesIO(data))
    assert document.sections[0].page_width > document.sections[0].page_height
    assert len(document.inline_shapes) == 1  # the QR code


def _parts(data: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_certificates_of_a_course_are_filled_into_one_sheet(ran):
    """The batch gives each holder their own page, part for part the single download, with
    their own name, code and QR code (the PNG of their own verification address)."""
    import zipfile

    from giamngheo.training.models import Certificate

    _course, _people, certificates = ran
    loaded = list(
        Certificate.objects.filter(pk__in=[c.pk for c in certificates])
        .select_related(*documents.CERTIFICATE_RELATED)
        .order_by("number")
    )
    batch = list(documents.certificates_docx(loaded))
    assert [c.pk for c, _data in batch] == [c.pk for c in loaded]
    holders = []
    for certificate, data in batch:
        assert _parts(data) == _parts(documents.certificate_docx(certificate))
        paragraphs = _paragraphs(data)
        holders.append(next(p for p in paragraphs if p.startswith(("Ông: ", "Bà: "))))
        left = _tables(data)[1][0][0]
        assert f"Mã xác minh: {certificate.code}" in left
        assert f"Số vào sổ: {certificate.number:04d}/GCN" in left
        assert f"Số: {certificate.number:04d}/GCN" in _tables(data)[0][1][0]
        assert Document(io.BytesIO(data)).core_properties.title == (
            f"Giấy chứng nhận {certificate.code}"
        )
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            (media,) = [n for n in archive.namelist() if "/media/" in n]
            assert archive.read(media) == documents.qr_png(
                documents.verification_url(certificate), mask=documents.CertificateSheet.QR_MASK
            )
            assert not any("\u27e6".encode() in archive.read(n) for n in archive.namelist())
    assert holders == ["Ông: Hoàng Văn An", "Bà: Lường Thị Bình"]


def test_certificate_sheet_escapes_what_it_writes(ran):
    """A name is text, not markup: ``&`` and ``<`` come back as typed."""
    _course, _people, certificates = ran
    certificate = certificates[0]
    certificate.holder_name = "Lò Văn <A> & B"
    data = documents.CertificateSheet(certificate.enrolment.course).fill(certificate)
    assert any(p.endswith(": Lò Văn <A> & B") for p in _paragraphs(data))


def test_report_docx_counts(ran):
    course, _people, _certificates = ran
    paragraphs = _paragraphs(documents.report_docx(course))
    assert (
        "Triệu tập 3 học viên; tham dự 3; vắng 0; vắng có lý do 0; rút tên 0. Số ngày-người tham "
        "dự: 5 trên 2 buổi; tỷ lệ chuyên cần 83,3 %. Giấy chứng nhận đã cấp: 2."
    ) in paragraphs
    assert "Số phiếu đánh giá: 0 (chưa đủ 3 phiếu để tổng hợp)." in paragraphs


def test_pdfs_render(ran):
    """Kept in the test artefacts, to be looked at (``pdftoppm -r 60 -png``)."""
    course, _people, certificates = ran
    os.makedirs(ARTIFACTS, exist_ok=True)
    for name, pdf in (
        ("training-attendance-list", documents.attendance_list_pdf(course)),
        ("training-certificate", documents.certificate_pdf(certificates[0])),
        ("training-invitation", documents.invitation_pdf(certificates[0].enrolment)),
        ("training-report", documents.report_pdf(course)),
    ):
        assert pdf.startswith(b"%PDF-"), name
        with open(os.path.join(ARTIFACTS, f"{name}.pdf"), "wb") as out:
            out.write(pdf)


def test_report_docx_tables_by_group_sex_ethnicity_and_the_evaluation_summary(ran):
    course, people, _certificates = ran
    questions = list(course.questions.all())
    for score, comment, person in ((5, "Rất hay", people[0]), (4, "", people[1]),
                                   (3, "Cần thêm ví dụ", people[2])):  # fmt: skip
        services.submit_evaluation(
            enrolment=person,
            answers={q.pk: score if q.kind == "scale" else comment for q in questions},
        )
    data = documents.report_docx(course)
    tables = {table[0][1]: table for table in _tables(data) if table and table[0][0] == "TT"}
    assert tables["Nhóm đối tượng"][1:] == [
        ["1", "Chưa xác định", "3", "3"],
        ["", "Tổng số", "3", "3"],
    ]
    assert tables["Giới tính"][1:] == [
        ["1", "Nữ", "1", "1"],
        ["2", "Nam", "2", "2"],
        ["", "Tổng số", "3", "3"],
    ]
    assert tables["Dân tộc"][1:] == [
        ["1", "Kinh", "1", "1"],
        ["2", "Nùng", "1", "1"],
        ["3", "Tày", "1", "1"],
        ["", "Tổng số", "3", "3"],
    ]
    evaluation = tables["Câu hỏi"]
    assert evaluation[0] == ["TT", "Câu hỏi", "Số trả lời", "Điểm trung bình (1–5)"]
    assert evaluation[1] == ["1", questions[0].text, "3", "4,00"]
    assert len(evaluation) == 1 + len(questions)
    assert evaluation[-1] == [str(len(questions)), questions[-1].text, "2", ""]
    paragraphs = _paragraphs(data)
    assert "Số phiếu đánh giá: 3 (ẩn danh)." in paragraphs
    # The comments in alphabetical order: their order tells nothing of who wrote them.
    assert paragraphs.index("- Cần thêm ví dụ") + 1 == paragraphs.index("- Rất hay")
