"""The official documents of a round, through the NĐ 30/2020 kit (``core.documents``):

- ``awards.minutes`` — the council's biên bản: attendance, quorum and each nominee's ballot
  with the threshold's arithmetic (DOCX, PDF);
- ``awards.decision`` — the Quyết định khen thưởng with its annex list of the commended
  (DOCX, PDF, XLSX of the annex);
- ``awards.certificate`` — the Bằng khen / Giấy khen of one commended nominee, A4 landscape
  (DOCX, PDF).

No document prints a citizen ID, a birth date or an address: the decision lists name, commune
and form, as the honour roll does.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from giamngheo.core.documents import (
    DocumentKind,
    body,
    data_table,
    docx_to_pdf,
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
from giamngheo.planning.documents.bodies import place_name

from . import selectors
from .enums import Attendance, NominationStatus, Subject
from .models import CouncilMeeting, Decision, Nomination

SUBJECT_TEXT = {
    Subject.COLLECTIVE: "Tập thể",
    Subject.HOUSEHOLD: "Hộ gia đình",
    Subject.INDIVIDUAL: "Cá nhân",
}


# --- the minutes ------------------------------------------------------------------------------


def minutes_docx(record) -> bytes:
    meeting = CouncilMeeting.objects.select_related("round__council__unit").get(pk=record.pk)
    council = meeting.round.council
    screen = selectors.council_screen(meeting=meeting)
    quorum, rows = screen.quorum, screen.rows
    seats = list(meeting.seats.select_related("membership__user").order_by("pk"))
    document = new_document()
    letterhead(
        document,
        body_name=council.name,
        number_and_symbol=f"{meeting.pk}/BB-HĐTĐKT",
        place_date=place_and_date(place_name(council.unit), meeting.held_on, meeting.held_on.year),
    )
    title_block(document, kind="BIÊN BẢN", summary=f"Họp xét khen thưởng {meeting.round.name}")
    body(
        document,
        f"Thời gian: ngày {format_date(meeting.held_on)}. Địa điểm: {meeting.place or '…'}. "
        f"Chủ trì: {meeting.chair_name or '…'}. Thư ký: {meeting.secretary_name or '…'}.",
    )
    heading(document, "I. THÀNH PHẦN")
    labels = dict(Attendance.choices)
    data_table(
        document,
        headers=["TT", "Thành viên hội đồng", "Tình trạng"],
        rows=[
            [
                str(i),
                s.membership.user.get_full_name() or s.membership.user.username,
                str(labels[s.attendance]),
            ]
            for i, s in enumerate(seats, start=1)
        ],
        widths_mm=[12, 100, 53],
    )
    body(document, quorum.arithmetic)
    heading(document, "II. KẾT QUẢ BỎ PHIẾU KÍN")
    table_rows = []
    for i, row in enumerate(rows, start=1):
        b, t = row.ballot, row.tally
        table_rows.append(
            [
                str(i),
                row.name,
                row.form_name,
                str(b.agree) if b else "",
                str(b.disagree) if b else "",
                str(b.written_agree) if b else "",
                t.arithmetic if t else "Chưa bỏ phiếu",
            ]
        )
    data_table(
        document,
        headers=[
            "TT",
            "Đối tượng",
            "Hình thức",
            "Đồng ý",
            "Không đồng ý",
            "Văn bản đồng ý",
            "Kết quả",
        ],
        rows=table_rows,
        widths_mm=[10, 38, 32, 14, 16, 16, 39],
        size=10,
    )
    body(document, "Biên bản được lập và thông qua tại cuộc họp.")
    signature(
        document,
        recipients=["- Lưu: VT, hồ sơ khen thưởng."],
        authority="",
        title="CHỦ TRÌ",
        name=meeting.chair_name,
    )
    return save(document, title=f"Biên bản họp {meeting.round.name}", author=council.name)


def minutes_pdf(record) -> bytes:
    return docx_to_pdf(minutes_docx(record))


# --- the decision -----------------------------------------------------------------------------


def _annex_rows(decision: Decision) -> list[list[str]]:
    rows = (
        Nomination.objects.filter(
            decision=decision, status__in=(NominationStatus.COMMENDED, NominationStatus.REVOKED)
        )
        .order_by("form__position", "subject", "name", "pk")
        .values_list("name", "subject", "commune__name", "form__name")
    )
    return [
        [str(i), name, SUBJECT_TEXT.get(subject, subject), commune, form]
        for i, (name, subject, commune, form) in enumerate(rows, start=1)
    ]


def decision_docx(record) -> bytes:
    decision = Decision.objects.select_related("round__office__unit", "round__activity").get(
        pk=record.pk
    )
    round_ = decision.round
    rows = _annex_rows(decision)
    forms = sorted({r[4] for r in rows})
    document = new_document()
    letterhead(
        document,
        body_name=decision.authority,
        number_and_symbol=decision.number,
        place_date=place_and_date(
            place_name(round_.office.unit), decision.signed_on, decision.signed_on.year
        ),
    )
    title_block(
        document,
        kind="QUYẾT ĐỊNH",
        summary=f"Về việc khen thưởng trong {round_.name} phong trào thi đua “{round_.movement}”",
    )
    rule_set = selectors.rule_set_on(decision.signed_on)
    para(document, decision.signer_title.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    body(document, f"Căn cứ {rule_set.law};")
    body(document, f"Căn cứ {rule_set.decree};")
    body(document, f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng ({round_.council.name}).")
    para(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    body(
        document,
        f"Điều 1. Tặng {', '.join(forms) or 'khen thưởng'} cho {format_number(len(rows))} tập "
        f"thể, hộ gia đình và cá nhân có thành tích xuất sắc trong phong trào thi đua "
        f"“{round_.movement}” (có danh sách kèm theo).",
    )
    body(document, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    body(
        document,
        "Điều 3. Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, đơn "
        "vị liên quan và các tập thể, hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm "
        "thi hành Quyết định này.",
    )
    signature(
        document,
        recipients=["- Như Điều 3;", "- Ban Thi đua - Khen thưởng;", "- Lưu: VT."],
        authority="",
        title=decision.signer_title.upper(),
        name=decision.signer_name,
    )
    document.add_page_break()
    para(document, "DANH SÁCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        document,
        f"(Kèm theo Quyết định số {decision.number} ngày {format_date(decision.signed_on)})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=6,
    )
    data_table(
        document,
        headers=["TT", "Tên tập thể, hộ gia đình, cá nhân", "Đối tượng", "Xã", "Hình thức"],
        rows=rows,
        widths_mm=[12, 60, 25, 30, 38],
        size=11,
    )
    return save(document, title=f"Quyết định {decision.number}", author=decision.authority)


def decision_pdf(record) -> bytes:
    return docx_to_pdf(decision_docx(record))


def decision_xlsx(record) -> bytes:
    decision = Decision.objects.get(pk=record.pk)
    workbook = new_workbook()
    xlsx_sheet(
        workbook,
        title="Danh sách",
        headers=["TT", "Tên", "Đối tượng", "Xã", "Hình thức"],
        rows=_annex_rows(decision),
    )
    return workbook_bytes(
        workbook, title=f"Quyết định {decision.number}", author=decision.authority
    )


# --- the certificate --------------------------------------------------------------------------


def _landscape(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(25)


def certificate_docx(record) -> bytes:
    n = Nomination.objects.select_related("form", "decision", "commune", "round").get(pk=record.pk)
    document = new_document()
    _landscape(document)
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=center)
    para(document, "Độc lập - Tự do - Hạnh phúc", bold=True, align=center, after=18)
    para(document, n.decision.signer_title.upper() if n.decision else "", bold=True, align=center)
    para(document, n.form.name.upper(), bold=True, size=28, align=center, before=12, after=12)
    para(document, "Tặng", italic=True, align=center)
    para(document, n.name, bold=True, size=20, align=center, after=6)
    para(document, n.commune.name, align=center)
    para(
        document,
        f"Đã có thành tích xuất sắc trong phong trào thi đua “{n.round.movement}”.",
        align=center,
        before=12,
    )
    if n.decision:
        para(
            document,
            f"Quyết định số {n.decision.number} ngày {format_date(n.decision.signed_on)}",
            italic=True,
            align=center,
            before=18,
        )
        para(document, n.decision.signer_name, bold=True, align=center, before=36)
    return save(
        document,
        title=f"{n.form.name} — {n.name}",
        author=n.decision.authority if n.decision else "",
    )


def certificate_pdf(record) -> bytes:
    return docx_to_pdf(certificate_docx(record))


def _decisions():
    return [(str(d.pk), d.number) for d in Decision.objects.order_by("-signed_on", "-pk")]


def _meetings():
    return [(str(m.pk), str(m)) for m in CouncilMeeting.objects.select_related("round")]


def _commended():
    return [
        (str(pk), name)
        for pk, name in Nomination.objects.filter(status=NominationStatus.COMMENDED).values_list(
            "pk", "name"
        )
    ]


register_kind(
    DocumentKind(
        code="awards.minutes",
        label="Biên bản họp hội đồng thi đua, khen thưởng",
        records=_meetings,
        load=record_loader(CouncilMeeting, related=("round",)),
        renderers={"docx": minutes_docx, "pdf": minutes_pdf},
    )
)
register_kind(
    DocumentKind(
        code="awards.decision",
        label="Quyết định khen thưởng",
        records=_decisions,
        load=record_loader(Decision, related=("round",)),
        renderers={"docx": decision_docx, "pdf": decision_pdf, "xlsx": decision_xlsx},
    )
)


def _load_commended(raw: str):
    n = record_loader(Nomination)(raw)
    return n if n is not None and n.status == NominationStatus.COMMENDED else None


register_kind(
    DocumentKind(
        code="awards.certificate",
        label="Bằng khen, giấy khen",
        records=_commended,
        load=_load_commended,
        renderers={"docx": certificate_docx, "pdf": certificate_pdf},
    )
)
