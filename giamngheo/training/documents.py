"""The official documents of a course, through the NĐ 30/2020 kit (``core.documents``):

- ``training.invitation`` — the giấy triệu tập of one participant (DOCX, PDF);
- ``training.attendance_list`` — the danh sách ký nhận: every summoned participant with one
  sign column per session and the marks recorded (DOCX, PDF, XLSX), the budget's evidence;
- ``training.certificate`` — the certificate of attendance, A4 landscape, with its number,
  verification code and QR (DOCX, PDF);
- ``training.report`` — the course report: participants by group, sex and ethnicity, the
  attendance rate and the evaluation summary (DOCX, PDF).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.sax.saxutils import escape as xml_escape

import qrcode
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from giamngheo.core.documents import (
    DocumentKind,
    body,
    cell_text,
    data_table,
    docx_to_pdf,
    fixed_table,
    format_date,
    format_number,
    heading,
    letterhead,
    new_document,
    new_workbook,
    para,
    place_and_date,
    record_loader,
    register_kind,
    save,
    signature,
    title_block,
    workbook_bytes,
    xlsx_sheet,
)
from giamngheo.core.notify import site_url
from giamngheo.planning.documents.bodies import place_name

from . import selectors
from .enums import EnrolmentStatus, Sex
from .models import Certificate, Course, Enrolment

SUMMONED = (
    EnrolmentStatus.INVITED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.ABSENT,
    EnrolmentStatus.EXCUSED,
)
MARK_TEXT = {"present": "Có mặt", "late": "Muộn", "absent": "Vắng", "excused": "Vắng có phép"}


def _landscape(document, *, margins_mm=(20, 20, 25, 20)) -> None:
    """A4 landscape (the certificate, a list with many sign columns)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _head(document, course: Course, *, symbol: str, day) -> None:
    organiser = course.organiser
    letterhead(
        document,
        body_name=organiser.name,
        number_and_symbol=symbol,
        place_date=place_and_date(place_name(organiser.unit), day, (day or course.starts_on).year),
    )


def _sessions_text(course: Course) -> str:
    return "; ".join(
        f"ngày {format_date(s.day)} (từ {s.starts_at:%H:%M} đến {s.ends_at:%H:%M})"
        for s in course.sessions.all()
    )


def _honorific(enrolment: Enrolment) -> str:
    return {Sex.MALE: "Ông", Sex.FEMALE: "Bà"}.get(enrolment.trainee.sex, "Ông/Bà")


# --- the invitation (giấy triệu tập) ---------------------------------------------------------


def _enrolment(record) -> Enrolment:
    return Enrolment.objects.select_related(
        "trainee", "organisation", "course__organiser__unit", "course__venue_unit"
    ).get(pk=record.pk)


def invitation_docx(record) -> bytes:
    enrolment = _enrolment(record)
    course = enrolment.course
    document = new_document()
    _head(
        document,
        course,
        symbol=f"{enrolment.pk}/GTT",
        day=enrolment.invited_at.date() if enrolment.invited_at else None,
    )
    title_block(document, kind="GIẤY TRIỆU TẬP", summary=f"Tham dự {course.title}")
    body(document, f"{course.organiser.name} trân trọng triệu tập:")
    body(document, f"{_honorific(enrolment)}: {enrolment.trainee.full_name}")
    if enrolment.position:
        body(document, f"Chức vụ: {enrolment.position}")
    body(document, f"Đơn vị công tác: {enrolment.organisation.name}")
    body(document, f"Tham dự {course.title}.")
    body(document, f"Thời gian: {_sessions_text(course)}.")
    body(document, f"Địa điểm: {course.venue_address}.")
    if course.programme:
        body(document, f"Nội dung: {course.programme}")
    body(
        document,
        f"Khi đến, học viên xuất trình mã vé {enrolment.ticket} (hoặc mã QR trên trang "
        f"{site_url(reverse('training:ticket', args=[enrolment.ticket]))}) để điểm danh.",
    )
    body(
        document,
        "Đề nghị cơ quan, đơn vị tạo điều kiện để học viên tham dự đầy đủ, đúng thời gian.",
    )
    signature(
        document,
        recipients=["- Như trên;", f"- {enrolment.organisation.name};", "- Lưu: VT."],
        authority="",
        title=course.signer_title.upper(),
        name=course.signer_name,
    )
    return save(document, title=f"Giấy triệu tập {course.title}", author=course.organiser.name)


def invitation_pdf(record) -> bytes:
    return docx_to_pdf(invitation_docx(record))


# --- the attendance list (danh sách ký nhận) ----------------------------------------------------


def _list_rows(course: Course):
    sessions = list(course.sessions.all())
    enrolments = list(
        Enrolment.objects.filter(course=course, status__in=SUMMONED)
        .select_related("trainee", "organisation")
        .prefetch_related("attendances")
        .order_by("organisation__name", "trainee__full_name", "pk")
    )
    return sessions, enrolments


def _mark(enrolment: Enrolment, session) -> str:
    for mark in enrolment.attendances.all():
        if mark.session_id == session.pk:
            text = MARK_TEXT[mark.status]
            return f"{text} (giấy)" if mark.source == "paper" else text
    return ""


def attendance_list_docx(record) -> bytes:
    course = Course.objects.select_related("organiser__unit").get(pk=record.pk)
    sessions, enrolments = _list_rows(course)
    document = new_document()
    wide = len(sessions) > 2 or course.reports_sex_ethnicity
    if wide:
        _landscape(document)
    _head(document, course, symbol=f"{course.pk}/DS-TH", day=None)
    title_block(document, kind="DANH SÁCH KÝ NHẬN", summary=f"Học viên tham dự {course.title}")
    body(document, f"Thời gian: {_sessions_text(course)}. Địa điểm: {course.venue_address}.")
    headers = ["TT", "Họ và tên", "Chức vụ", "Đơn vị"]
    widths = [10.0, 45.0, 35.0, 50.0]
    if course.reports_sex_ethnicity:
        headers += ["Giới tính", "Dân tộc"]
        widths += [18.0, 20.0]
    for session in sessions:
        headers.append(f"Ký ngày {session.day:%d/%m}")
        widths.append(25.0)
    text_width = 297 - 25 - 20 if wide else 210 - 30 - 15
    scale = text_width / sum(widths)
    rows = []
    for index, enrolment in enumerate(enrolments, start=1):
        row = [
            str(index),
            enrolment.trainee.full_name,
            enrolment.position,
            enrolment.organisation.name,
        ]
        if course.reports_sex_ethnicity:
            row += [enrolment.trainee.get_sex_display(), enrolment.trainee.get_ethnicity_display()]
        row += ["" for _session in sessions]  # signed by hand on the printed list
        rows.append(row)
    data_table(document, headers=headers, rows=rows, widths_mm=[w * scale for w in widths], size=11)
    body(
        document,
        f"Tổng số: {format_number(len(enrolments))} học viên được triệu tập; "
        f"{len(sessions)} buổi học.",
    )
    half = text_width / 2
    table = fixed_table(document, rows=1, widths_mm=(half, half))
    left, right = table.rows[0].cells
    cell_text(left, "NGƯỜI LẬP DANH SÁCH", bold=True, before=12)
    cell_text(left, "(Ký, ghi rõ họ tên)", italic=True)
    cell_text(right, course.signer_title.upper(), bold=True, before=12)
    cell_text(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True)
    for _line in range(4):
        cell_text(right, "")
    cell_text(right, course.signer_name, bold=True)
    return save(document, title=f"Danh sách ký nhận {course.title}", author=course.organiser.name)


def attendance_list_pdf(record) -> bytes:
    return docx_to_pdf(attendance_list_docx(record))


def attendance_list_xlsx(record) -> bytes:
    course = Course.objects.select_related("organiser").get(pk=record.pk)
    sessions, enrolments = _list_rows(course)
    headers = ["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Dân tộc", "Điện thoại"]
    for session in sessions:
        headers += [f"Điểm danh {format_date(session.day)}", f"Ký nhận {format_date(session.day)}"]
    rows = []
    for index, enrolment in enumerate(enrolments, start=1):
        row = [
            index,
            enrolment.trainee.full_name,
            enrolment.position,
            enrolment.organisation.name,
            enrolment.trainee.get_sex_display(),
            enrolment.trainee.get_ethnicity_display(),
            enrolment.trainee.phone,
        ]
        for session in sessions:
            row += [_mark(enrolment, session), ""]
        rows.append(row)
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Danh sách ký nhận",
        headers=headers,
        rows=rows,
        widths=(6, 28, 22, 34, 10, 10, 14, *([14, 16] * len(sessions))),
    )
    return workbook_bytes(
        workbook, title=f"Danh sách ký nhận {course.title}", author=course.organiser.name
    )


# --- the certificate ---------------------------------------------------------------------------


def verification_url(certificate: Certificate) -> str:
    return site_url(reverse("training:verify", args=[certificate.code]))


def qr_png(text: str, *, box: int = 6, mask: int | None = None) -> bytes:
    """The QR code of ``text`` as a PNG. ``mask`` fixes the mask pattern (any of the eight is
    valid; choosing the best one makes eight trial codes, most of the cost of a code)."""
    image = qrcode.QRCode(
        border=2,
        box_size=box,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        mask_pattern=mask,
    )
    image.add_data(text)
    image.make(fit=True)
    out = io.BytesIO()
    image.make_image().save(out, format="PNG")
    return out.getvalue()


def _certificate(record) -> Certificate:
    return Certificate.objects.select_related(*CERTIFICATE_RELATED).get(pk=record.pk)


CERTIFICATE_RELATED = (
    "enrolment__trainee",
    "enrolment__organisation",
    "enrolment__course__organiser__unit",
)
# What a certificate says of its holder and itself, written into the course's sheet by
# ``CertificateSheet.fill``; the rest of the page is the course's.
_FIELDS = (
    "symbol",
    "place_date",
    "holder",
    "workplace",
    "course_title",
    "dates",
    "code",
    "url",
    "number",
    "title",
)


def _slot(name: str) -> str:
    return f"\u27e6{_FIELDS.index(name)}\u27e7"  # ⟦n⟧: no helper of the kit changes it


def _certificate_page(course: Course, values: dict[str, str], qr: bytes) -> bytes:
    """The certificate's page (A4 landscape) with ``values`` written as they come."""
    document = new_document()
    _landscape(document, margins_mm=(15, 15, 20, 20))
    organiser = course.organiser
    letterhead(
        document,
        body_name=organiser.name,
        number_and_symbol=values["symbol"],
        place_date=values["place_date"],
    )
    para(document, "", after=6)
    para(
        document,
        "GIẤY CHỨNG NHẬN",
        size=28,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=6,
        after=6,
    )
    para(
        document,
        "HOÀN THÀNH LỚP TẬP HUẤN, BỒI DƯỠNG NGHIỆP VỤ",
        size=15,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
    )
    centre = WD_ALIGN_PARAGRAPH.CENTER
    para(document, f"{organiser.name} chứng nhận", align=centre, after=4)
    para(document, values["holder"], size=20, bold=True, align=centre, after=4)
    para(document, values["workplace"], align=centre, after=4)
    para(document, f"Đã hoàn thành {values['course_title']}", bold=True, align=centre, after=4)
    para(
        document,
        f"Thời gian: {values['dates']}, tại {course.venue_address}.",
        align=centre,
        after=10,
    )
    table = fixed_table(document, rows=1, widths_mm=(110, 147))
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(qr), width=Mm(28))
    cell_text(left, f"Mã xác minh: {values['code']}", size=12, bold=True)
    cell_text(left, f"Tra cứu: {values['url']}", size=10, italic=True)
    cell_text(left, f"Số vào sổ: {values['number']}", size=12)
    cell_text(right, course.signer_title.upper(), bold=True, size=14)
    for _line in range(4):
        cell_text(right, "", size=14)
    cell_text(right, course.signer_name, bold=True, size=14)
    return save(document, title=values["title"], author=organiser.name)


class CertificateSheet:
    """A course's certificate built once with a slot for each of the holder's values, then
    filled per certificate: building and saving a python-docx document (parsing its template,
    laying out the page, compressing every part) cost each of 300 certificates more than all
    the rest, and only the slots and the QR code differ between two of them."""

    QR_MASK = 0  # one mask for every code of the sheet (see ``qr_png``)

    def __init__(self, course: Course):
        self.course = course
        self.place = place_name(course.organiser.unit)
        placeholder = qr_png(site_url(reverse("training:verify", args=["X" * 12])))
        data = _certificate_page(course, {f: _slot(f) for f in _FIELDS}, placeholder)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = [(info, archive.read(info)) for info in archive.infolist()]
        media = [info.filename for info, _data in self.parts if "/media/" in info.filename]
        if len(media) != 1:
            raise RuntimeError("the certificate sheet holds one picture, the QR code")
        self.qr_part = media[0]

    def values(self, certificate: Certificate) -> dict[str, str]:
        enrolment = certificate.enrolment
        position = f"{enrolment.position}, " if enrolment.position else ""
        day = certificate.issued_at.date()
        return {
            "symbol": f"{certificate.number:04d}/GCN",
            "place_date": place_and_date(self.place, day, day.year),
            "holder": f"{_honorific(enrolment)}: {certificate.holder_name}",
            "workplace": f"{position}{enrolment.organisation.name}",
            "course_title": certificate.course_title,
            "dates": certificate.dates_text,
            "code": certificate.code,
            "url": verification_url(certificate),
            "number": f"{certificate.number:04d}/GCN",
            "title": f"Giấy chứng nhận {certificate.code}",
        }

    def fill(self, certificate: Certificate) -> bytes:
        values = self.values(certificate)
        qr = qr_png(values["url"], mask=self.QR_MASK)
        slots = {_slot(f).encode(): xml_escape(values[f]).encode() for f in _FIELDS}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for info, data in self.parts:
                if info.filename == self.qr_part:
                    data = qr
                elif info.filename.endswith(".xml") and b"\xe2\x9f\xa6" in data:  # ⟦
                    for slot, value in slots.items():
                        data = data.replace(slot, value)
                archive.writestr(info.filename, data)
        return out.getvalue()


def certificates_docx(certificates) -> Iterator[tuple[Certificate, bytes]]:
    """The DOCX of each certificate (loaded with ``CERTIFICATE_RELATED``), one sheet built per
    course."""
    sheets: dict[int, CertificateSheet] = {}
    for certificate in certificates:
        course = certificate.enrolment.course
        sheet = sheets.get(course.pk)
        if sheet is None:
            sheet = sheets[course.pk] = CertificateSheet(course)
        yield certificate, sheet.fill(certificate)


def certificate_docx(record) -> bytes:
    certificate = _certificate(record)
    return CertificateSheet(certificate.enrolment.course).fill(certificate)


def certificate_pdf(record) -> bytes:
    return docx_to_pdf(certificate_docx(record))


# --- the course report -------------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


def report_docx(record) -> bytes:
    course = Course.objects.select_related("organiser__unit", "activity").get(pk=record.pk)
    figures = selectors.course_figures(course=course)
    responses, questions = selectors.evaluation_summary(course=course)
    document = new_document()
    _head(document, course, symbol=f"{course.pk}/BC-TH", day=course.ends_on)
    title_block(document, kind="BÁO CÁO", summary=f"Kết quả {course.title}")
    heading(document, "1. Thông tin chung")
    body(document, f"Thuộc hoạt động: {course.activity.title}.")
    body(document, f"Thời gian: {_sessions_text(course)}. Địa điểm: {course.venue_address}.")
    heading(document, "2. Học viên")
    body(
        document,
        f"Triệu tập {format_number(figures.summoned)} học viên; tham dự "
        f"{format_number(figures.attended)}; vắng {format_number(figures.absent)}; vắng có lý "
        f"do {format_number(figures.excused)}; rút tên {format_number(figures.withdrawn)}. Số "
        f"ngày-người tham dự: {format_number(figures.trainee_days)} trên "
        f"{figures.session_count} buổi; tỷ lệ chuyên cần {_percent(figures.attendance_rate)}. "
        f"Giấy chứng nhận đã cấp: {format_number(figures.certificates)}.",
    )
    for title, rows in (
        ("Theo nhóm đối tượng", figures.by_group),
        ("Theo giới tính", figures.by_sex),
        ("Theo dân tộc", figures.by_ethnicity),
    ):
        heading(document, title)
        data_table(
            document,
            headers=["TT", title.removeprefix("Theo ").capitalize(), "Triệu tập", "Tham dự"],
            rows=[[str(i), label, n, came] for i, (label, n, came) in enumerate(rows, start=1)],
            widths_mm=(10, 95, 30, 30),
            total=["", "Tổng số", sum(r[1] for r in rows), sum(r[2] for r in rows)],
        )
    heading(document, "3. Đánh giá của học viên")
    if not questions:
        body(document, f"Số phiếu đánh giá: {responses} (chưa đủ 3 phiếu để tổng hợp).")
    else:
        body(document, f"Số phiếu đánh giá: {format_number(responses)} (ẩn danh).")
        data_table(
            document,
            headers=["TT", "Câu hỏi", "Số trả lời", "Điểm trung bình (1–5)"],
            rows=[
                [
                    str(i),
                    q.text,
                    q.count,
                    f"{q.average:.2f}".replace(".", ",") if q.average is not None else "",
                ]
                for i, q in enumerate(questions, start=1)
            ],
            widths_mm=(10, 95, 25, 35),
            right=(3,),
        )
        for q in questions:
            for comment in q.comments:
                body(document, f"- {comment}")
    signature(
        document,
        recipients=["- Sở Lao động - Thương binh và Xã hội;", "- Lưu: VT."],
        authority="",
        title=course.signer_title.upper(),
        name=course.signer_name,
    )
    return save(document, title=f"Báo cáo {course.title}", author=course.organiser.name)


def report_pdf(record) -> bytes:
    return docx_to_pdf(report_docx(record))


def _records(model, *, title):
    def records():
        return ((str(r.pk), title(r)) for r in model.objects.order_by("-pk")[:200])

    return records


register_kind(
    DocumentKind(
        code="training.invitation",
        label="Giấy triệu tập lớp tập huấn",
        records=_records(Enrolment, title=lambda e: f"Học viên số {e.pk}"),
        load=record_loader(Enrolment),
        renderers={"docx": invitation_docx, "pdf": invitation_pdf},
        id_help="Số học viên của lớp",
    )
)
register_kind(
    DocumentKind(
        code="training.attendance_list",
        label="Danh sách ký nhận học viên lớp tập huấn",
        records=_records(Course, title=lambda c: c.title),
        load=record_loader(Course),
        renderers={
            "docx": attendance_list_docx,
            "pdf": attendance_list_pdf,
            "xlsx": attendance_list_xlsx,
        },
        id_help="Số lớp tập huấn",
    )
)
register_kind(
    DocumentKind(
        code="training.certificate",
        label="Giấy chứng nhận hoàn thành lớp tập huấn",
        records=_records(Certificate, title=lambda c: f"{c.number:04d}/GCN"),
        load=record_loader(Certificate),
        renderers={"docx": certificate_docx, "pdf": certificate_pdf},
        id_help="Số giấy chứng nhận",
    )
)
register_kind(
    DocumentKind(
        code="training.report",
        label="Báo cáo kết quả lớp tập huấn",
        records=_records(Course, title=lambda c: c.title),
        load=record_loader(Course),
        renderers={"docx": report_docx, "pdf": report_pdf},
        id_help="Số lớp tập huấn",
    )
)
