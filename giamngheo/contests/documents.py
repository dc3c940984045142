"""The jury's minutes (biên bản, scores by code only), the organiser's decision awarding the
prizes (quyết định, with its annex list of winners) and the prize certificate of each winning
entry (giấy chứng nhận, A4 landscape), in the layout of Nghị định 30/2020 through the core kit."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from giamngheo.core.documents import (
    DocumentKind,
    body,
    cell_text,
    data_table,
    docx_to_pdf,
    fixed_table,
    format_date,
    format_dong,
    heading,
    landscape,
    letterhead,
    new_document,
    para,
    place_and_date,
    record_loader,
    register_kind,
    save,
    signature,
    title_block,
)
from giamngheo.planning.documents.bodies import place_name

from .enums import ContestStatus
from .models import CollectivePrize, Contest, Round, RoundEntry


def _num(value) -> str:
    return "—" if value is None else f"{value}".replace(".", ",")


def build_minutes_docx(rnd: Round) -> bytes:
    contest = rnd.contest
    rows = list(
        RoundEntry.objects.filter(round=rnd)
        .select_related("entry__medium", "prize")
        .order_by("entry__medium__position", "rank", "entry__code")
    )
    document = new_document()
    day = (
        (rnd.signed_at or rnd.closed_at).date() if (rnd.signed_at or rnd.closed_at) else rnd.ends_on
    )
    letterhead(
        document,
        body_name=f"HỘI ĐỒNG GIÁM KHẢO\n{contest.name}",
        number_and_symbol=f"{rnd.number:02d}/BB-HĐGK",
        place_date=place_and_date(place_name(contest.organiser.unit), day, day.year),
    )
    title_block(document, kind="BIÊN BẢN", summary=f"Họp hội đồng giám khảo {rnd.name.lower()}")
    body(
        document,
        f"Hội đồng giám khảo gồm {rnd.jurors.count()} thành viên đã chấm {len(rows)} tác phẩm "
        f"theo {rnd.criteria.count()} tiêu chí. Tác phẩm được ghi theo mã; hội đồng không biết "
        "tên tác giả, cơ quan báo chí.",
    )
    heading(document, "Kết quả chấm")
    data_table(
        document,
        headers=["TT", "Mã", "Loại hình", "Trung bình", "Trung vị", "Độ lệch", "Kết quả"],
        rows=[
            [
                str(i),
                r.entry.code,
                r.entry.medium.name,
                _num(r.mean),
                _num(r.median),
                _num(r.spread),
                (r.prize.name if r.prize else ("Vào vòng sau" if r.selected else "")),
            ]
            for i, r in enumerate(rows, start=1)
        ],
        widths_mm=(10, 22, 30, 22, 22, 20, 44),
        right=(3, 4, 5),
    )
    overrides = [r for r in rows if r.override_reason]
    for r in overrides:
        body(document, f"Hội đồng điều chỉnh kết quả tác phẩm {r.entry.code}: {r.override_reason}")
    body(document, "Biên bản được các thành viên hội đồng thông qua và ký.")
    signature(
        document,
        recipients=["- Ban Tổ chức cuộc thi;", "- Lưu: Tổ thư ký."],
        authority="TM. HỘI ĐỒNG GIÁM KHẢO",
        title="CHỦ TỊCH",
        name="",
    )
    return save(document, title=f"Biên bản {rnd.name}", author="Hội đồng giám khảo")


def decision_rows(contest: Contest) -> list[RoundEntry]:
    return list(
        RoundEntry.objects.filter(round__contest=contest, awarded_on__isnull=False)
        .select_related("entry__entrant", "entry__outlet", "entry__medium", "prize")
        .prefetch_related("entry__coauthors")
        .order_by("entry__medium__position", "prize__position", "rank")
    )


def _authors(entry) -> str:
    names = [
        entry.entrant.full_name + (f" ({entry.entrant.pen_name})" if entry.entrant.pen_name else "")
    ]
    names += [c.full_name for c in entry.coauthors.all()]
    return ", ".join(names)


def build_decision_docx(contest: Contest) -> bytes:
    organiser = contest.organiser
    rows = decision_rows(contest)
    collective = list(
        CollectivePrize.objects.filter(contest=contest).select_related("organisation", "tier")
    )
    day = contest.decision_on
    document = new_document()
    letterhead(
        document,
        body_name=organiser.name,
        parent_name="UBND TỈNH BẮC GIANG" if organiser.kind == "so" else "",
        number_and_symbol=contest.decision_number,
        place_date=place_and_date(place_name(organiser.unit), day, day.year),
    )
    title_block(document, kind="QUYẾT ĐỊNH", summary=f"Về việc trao giải {contest.name}")
    para_title = (contest.signer_title or "Giám đốc").upper()
    body(document, f"{para_title} {organiser.name.upper()}")
    body(
        document,
        f"Căn cứ Thể lệ {contest.name}; căn cứ biên bản họp của Hội đồng giám khảo và đề nghị "
        "của Tổ thư ký cuộc thi,",
    )
    heading(document, "QUYẾT ĐỊNH:")
    total = sum(r.prize.amount for r in rows) + sum(c.tier.amount for c in collective)
    body(
        document,
        f"Điều 1. Trao {len(rows)} giải cho các tác phẩm và {len(collective)} giải tập thể "
        f"(danh sách kèm theo), tổng tiền thưởng {format_dong(total)}.",
    )
    body(
        document,
        "Điều 2. Kinh phí khen thưởng chi từ dự toán hoạt động của cuộc thi trong kế hoạch "
        "truyền thông về giảm nghèo năm "
        f"{day.year}.",
    )
    body(
        document,
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Tổ thư ký cuộc thi, các tác giả, cơ quan "
        "báo chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    signature(
        document,
        recipients=["- Như Điều 3;", "- Hội Nhà báo tỉnh;", "- Lưu: VT, Tổ thư ký."],
        authority="",
        title=(contest.signer_title or "GIÁM ĐỐC").upper(),
        name=contest.signer_name,
    )
    heading(document, "DANH SÁCH TÁC PHẨM ĐOẠT GIẢI", before=18)
    body(
        document,
        f"(Kèm theo Quyết định số {contest.decision_number} ngày {format_date(day)})",
    )
    data_table(
        document,
        headers=["TT", "Giải", "Tác phẩm", "Tác giả", "Cơ quan", "Tiền thưởng"],
        rows=[
            [
                str(i),
                f"{r.entry.medium.name}: {r.prize.name}",
                r.entry.title,
                _authors(r.entry),
                r.entry.outlet.name,
                r.prize.amount,
            ]
            for i, r in enumerate(rows, start=1)
        ]
        + [
            [str(len(rows) + i), c.tier.name, c.reason, "", c.organisation.name, c.tier.amount]
            for i, c in enumerate(collective, start=1)
        ],
        widths_mm=(11, 28, 43, 35, 30, 23),
    )
    return save(document, title=f"Quyết định trao giải {contest.name}", author=organiser.name)


def build_decision_pdf(contest: Contest) -> bytes:
    return docx_to_pdf(build_decision_docx(contest))


def build_minutes_pdf(rnd: Round) -> bytes:
    return docx_to_pdf(build_minutes_docx(rnd))


def _certificate_row(record) -> RoundEntry:
    return (
        RoundEntry.objects.select_related(
            "round__contest__organiser__unit", "entry__entrant", "entry__outlet", "entry__medium"
        )
        .select_related("prize")
        .prefetch_related("entry__coauthors")
        .get(pk=record.pk)
    )


def build_certificate_docx(record) -> bytes:
    """One winning entry's prize certificate: the decision's number and date, the prize, the
    work, its authors and outlet (names are public once the decision is issued)."""
    row = _certificate_row(record)
    contest, entry = row.round.contest, row.entry
    organiser = contest.organiser
    day = contest.decision_on or row.awarded_on
    document = new_document()
    landscape(document, margins_mm=(15, 15, 20, 20))
    letterhead(
        document,
        body_name=organiser.name,
        number_and_symbol=f"{entry.code}/GCN",
        place_date=place_and_date(place_name(organiser.unit), day, day.year),
    )
    centre = WD_ALIGN_PARAGRAPH.CENTER
    para(document, "", after=6)
    para(document, "GIẤY CHỨNG NHẬN", size=28, bold=True, align=centre, before=6, after=6)
    para(document, f"ĐOẠT GIẢI {contest.name.upper()}", size=15, bold=True, align=centre, after=12)
    para(
        document,
        f"Theo Quyết định số {contest.decision_number} ngày {format_date(day)} "
        f"của {organiser.name}, chứng nhận",
        align=centre,
        after=4,
    )
    para(document, _authors(entry), size=20, bold=True, align=centre, after=4)
    para(document, entry.outlet.name, align=centre, after=4)
    para(
        document,
        f"Đạt {row.prize.name} — loại hình {entry.medium.name}",
        size=16,
        bold=True,
        align=centre,
        after=4,
    )
    para(document, f"với tác phẩm «{entry.title}»", italic=True, align=centre, after=10)
    table = fixed_table(document, rows=1, widths_mm=(110, 147))
    left, right = table.rows[0].cells
    cell_text(left, f"Mã tác phẩm: {entry.code}", size=12)
    cell_text(left, f"Số vào sổ: {entry.code}/GCN", size=12)
    cell_text(right, (contest.signer_title or "Giám đốc").upper(), bold=True, size=14)
    for _line in range(4):
        cell_text(right, "", size=14)
    cell_text(right, contest.signer_name, bold=True, size=14)
    return save(document, title=f"Giấy chứng nhận {entry.code}", author=organiser.name)


def build_certificate_pdf(record) -> bytes:
    return docx_to_pdf(build_certificate_docx(record))


def _certificates():
    rows = (
        RoundEntry.objects.filter(
            awarded_on__isnull=False,
            prize__isnull=False,
            round__contest__status=ContestStatus.DECIDED,
        )
        .select_related("entry")
        .order_by("pk")
    )
    return ((str(r.pk), f"{r.entry.code} — {r.entry.title}") for r in rows[:200])


def _decisions():
    rows = Contest.objects.exclude(decision_number="").order_by("pk")
    return ((str(c.pk), c.name) for c in rows[:200])


def _minutes():
    rows = Round.objects.select_related("contest").exclude(closed_at=None).order_by("pk")
    return ((str(r.pk), f"{r.contest.name} — {r.name}") for r in rows[:200])


register_kind(
    DocumentKind(
        code="contests.decision",
        label="Quyết định trao giải cuộc thi báo chí",
        records=_decisions,
        load=record_loader(Contest, ("organiser__unit",)),
        renderers={"docx": build_decision_docx, "pdf": build_decision_pdf},
        id_help="Số cuộc thi",
    )
)
register_kind(
    DocumentKind(
        code="contests.minutes",
        label="Biên bản hội đồng giám khảo",
        records=_minutes,
        load=record_loader(Round, ("contest__organiser__unit",)),
        renderers={"docx": build_minutes_docx, "pdf": build_minutes_pdf},
        id_help="Số vòng chấm",
    )
)
register_kind(
    DocumentKind(
        code="contests.certificate",
        label="Giấy chứng nhận đoạt giải cuộc thi báo chí",
        records=_certificates,
        load=record_loader(RoundEntry, ("round__contest",)),
        renderers={"docx": build_certificate_docx, "pdf": build_certificate_pdf},
        id_help="Số kết quả (tác phẩm trong vòng xét giải)",
    )
)
