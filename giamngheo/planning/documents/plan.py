"""The plan (*kế hoạch*) as the issued document."""

from __future__ import annotations

from giamngheo.core.documents import (
    body,
    closing_paragraphs,
    docx_to_pdf,
    heading,
    letterhead,
    new_document,
    numbered,
    place_and_date,
    save,
    signature,
    title_block,
)

from ..enums import ItemKind
from ..models import Plan
from ..selectors import plan_document, plan_items

SECTION_HEADINGS = {
    "I": "I. MỤC ĐÍCH, YÊU CẦU",
    "II": "II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN",
    "III": "III. NỘI DUNG, HÌNH THỨC, GIẢI PHÁP",
    "IV": "IV. KINH PHÍ THỰC HIỆN",
    "V": "V. TỔ CHỨC THỰC HIỆN",
}
ITEM_HEADINGS = {
    ItemKind.CONTENT: "1. Nội dung",
    ItemKind.FORM: "2. Hình thức",
    ItemKind.SOLUTION: "3. Giải pháp",
}


def build_plan_docx(plan: Plan) -> bytes:
    """The plan as the issued document (DOCX bytes)."""
    plan = plan_document(plan=plan)
    document = new_document()
    letterhead(
        document,
        body_name=plan.issuing_body_name,
        number_and_symbol=plan.number_and_symbol,
        place_date=place_and_date(plan.place, plan.issued_on, plan.year),
    )

    title_block(document, kind="KẾ HOẠCH", summary=plan.title)

    for paragraph in plan.legal_bases.splitlines():
        body(document, paragraph)

    heading(document, SECTION_HEADINGS["I"])
    heading(document, "1. Mục đích", before=0)
    for line in plan.purposes.splitlines():
        body(document, line)
    heading(document, "2. Yêu cầu", before=0)
    for line in plan.requirements.splitlines():
        body(document, line)

    heading(document, SECTION_HEADINGS["II"])
    heading(document, "1. Đối tượng truyền thông", before=0)
    for line in plan.audience.splitlines():
        body(document, line)
    heading(document, "2. Phạm vi và thời gian thực hiện", before=0)
    for line in plan.scope.splitlines():
        body(document, f"- Phạm vi thực hiện: {line}")
    body(document, f"- Thời gian thực hiện: {plan.period_text}")

    heading(document, SECTION_HEADINGS["III"])
    for kind in (ItemKind.CONTENT, ItemKind.FORM, ItemKind.SOLUTION):
        heading(document, ITEM_HEADINGS[kind], before=0)
        for item in plan_items(plan=plan, kind=kind):
            numbered(document, item.code, item.text)

    heading(document, SECTION_HEADINGS["IV"])
    for source in plan.funding_sources.all():
        numbered(document, source.code, source.text)

    heading(document, SECTION_HEADINGS["V"])
    for assignment in plan.assignments.all():
        heading(document, f"{assignment.code}. {assignment.heading}", before=0)
        for line in assignment.task_lines:
            body(document, line)

    closing_paragraphs(document, plan.closing.splitlines())
    signature(
        document,
        recipients=plan.recipient_lines,
        authority=plan.signer_authority,
        title=plan.signer_title,
        name=plan.signer_name,
    )
    numbered_as = f" số {plan.number}/{plan.symbol}" if plan.number else ""
    return save(
        document, title=f"Kế hoạch{numbered_as}: {plan.title}", author=plan.issuing_body_name
    )


def build_plan_pdf(plan: Plan) -> bytes:
    return docx_to_pdf(build_plan_docx(plan))
