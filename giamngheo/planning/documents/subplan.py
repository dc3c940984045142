"""The sub-plan (*kế hoạch cụ thể*) of an assigned body: the document and its XLSX annex."""

from __future__ import annotations

from django.db.models import Prefetch

from giamngheo.core.documents import (
    body,
    closing_paragraphs,
    data_table,
    docx_to_pdf,
    format_date,
    format_dong,
    heading,
    letterhead,
    new_document,
    new_workbook,
    place_and_date,
    save,
    signature,
    title_block,
    workbook_bytes,
    xlsx_sheet,
)
from giamngheo.organisations.models import AdministrativeUnit

from ..enums import AssignmentRole
from ..models import Activity, BudgetLine, FundingSource, PlanItem, SubPlan
from .bodies import body_abbreviation, parent_line, place_name, plan_reference, signer_for


def subplan_document(subplan: SubPlan) -> tuple[SubPlan, list[Activity], list[FundingSource]]:
    """The sub-plan, its activities with everything the document prints, and the plan's funding
    sources: five queries whatever the number of activities."""
    subplan = SubPlan.objects.select_related(
        "plan", "organisation", "organisation__unit", "assignment"
    ).get(pk=subplan.pk)
    activities = list(
        Activity.objects.filter(subplan=subplan)
        .select_related("form")
        .prefetch_related(
            Prefetch("contents", queryset=PlanItem.objects.order_by("position", "pk")),
            Prefetch("units", queryset=AdministrativeUnit.objects.order_by("code")),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.order_by("funding_source__position"),
            ),
        )
        .order_by("start_date", "pk")
    )
    sources = list(FundingSource.objects.filter(plan_id=subplan.plan_id).order_by("position", "pk"))
    return subplan, activities, sources


def _budget_totals(activities, sources) -> dict[int, tuple[int, int]]:
    totals = {source.pk: [0, 0] for source in sources}
    for activity in activities:
        for line in activity.budget_lines.all():
            pair = totals.setdefault(line.funding_source_id, [0, 0])
            pair[0] += line.planned
            pair[1] += line.spent
    return {pk: (planned, spent) for pk, (planned, spent) in totals.items()}


def _period(activity) -> str:
    return f"từ {format_date(activity.start_date)} đến {format_date(activity.end_date)}"


def build_subplan_docx(subplan: SubPlan) -> bytes:
    """A sub-plan (*kế hoạch cụ thể*) of an assigned body, issued by that body."""
    subplan, activities, sources = subplan_document(subplan)
    plan, organisation = subplan.plan, subplan.organisation
    document = new_document()
    symbol = "-".join(filter(None, ["KH", body_abbreviation(organisation)]))
    issued = subplan.submitted_at.date() if subplan.submitted_at else None
    letterhead(
        document,
        parent_name=parent_line(organisation, plan),
        body_name=organisation.name,
        number_and_symbol=f"{'       '}/{symbol}",
        place_date=place_and_date(place_name(organisation.unit), issued, plan.year),
    )
    title_block(document, kind="KẾ HOẠCH", summary=subplan.title)
    body(
        document,
        f"Thực hiện {plan_reference(plan)} về {plan.title[:1].lower()}{plan.title[1:]}; "
        f"{organisation.name} xây dựng Kế hoạch thực hiện như sau:",
    )

    heading(document, "I. MỤC ĐÍCH, YÊU CẦU")
    for line in subplan.summary.splitlines() or [
        f"- Triển khai đầy đủ các nhiệm vụ được giao tại {plan_reference(plan)}."
    ]:
        body(document, line)

    heading(document, "II. NỘI DUNG, HÌNH THỨC HOẠT ĐỘNG")
    if not activities:
        body(document, "Chưa có hoạt động nào được đăng ký.")
    totals_by_activity = {}
    for index, activity in enumerate(activities, start=1):
        heading(document, f"{index}. {activity.title}", before=0)
        body(document, f"- Hình thức: {activity.form.code}. {activity.form.text}")
        contents = "; ".join(f"{c.code}. {c.text}" for c in activity.contents.all())
        if contents:
            body(document, f"- Nội dung: {contents}")
        places = ", ".join(u.name for u in activity.units.all())
        if places:
            body(document, f"- Địa bàn thực hiện: {places}.")
        body(document, f"- Thời gian thực hiện: {_period(activity)}.")
        planned = sum(line.planned for line in activity.budget_lines.all())
        totals_by_activity[activity.pk] = planned
        body(document, f"- Kinh phí dự kiến: {format_dong(planned)}.")
        if activity.description:
            body(document, f"- Ghi chú: {activity.description}")

    heading(document, "III. KINH PHÍ THỰC HIỆN")
    totals = _budget_totals(activities, sources)
    planned_all = sum(p for p, _s in totals.values())
    body(
        document,
        f"Tổng kinh phí dự kiến: {format_dong(planned_all)}, theo nguồn kinh phí như sau:",
    )
    data_table(
        document,
        headers=["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        rows=[
            [str(i), source.name, *totals.get(source.pk, (0, 0))]
            for i, source in enumerate(sources, start=1)
        ],
        total=["", "Tổng cộng", planned_all, sum(s for _p, s in totals.values())],
        widths_mm=(12, 83, 35, 35),
    )

    heading(document, "IV. TỔ CHỨC THỰC HIỆN")
    body(
        document,
        f"Các phòng, ban, đơn vị liên quan căn cứ chức năng, nhiệm vụ triển khai thực hiện "
        f"Kế hoạch này; báo cáo kết quả thực hiện trước ngày {format_date(plan.report_deadline)} "
        f"để tổng hợp, báo cáo theo quy định.",
    )
    closing_paragraphs(
        document,
        [f"Trên đây là Kế hoạch của {organisation.name}; đề nghị các đơn vị triển khai thực hiện."],
    )
    authority, title = signer_for(organisation)
    lead = plan.assignments.filter(role=AssignmentRole.LEAD).order_by("position").first()
    signature(
        document,
        recipients=[
            f"- {lead.heading if lead else plan.issuing_body_name} (b/c);",
            "- Các đơn vị liên quan;",
            "- Lưu: VT.",
        ],
        authority=authority,
        title=title,
        name="",
    )
    return save(document, title=f"Kế hoạch: {subplan.title}", author=organisation.name)


def build_subplan_pdf(subplan: SubPlan) -> bytes:
    return docx_to_pdf(build_subplan_docx(subplan))


def build_subplan_xlsx(subplan: SubPlan) -> bytes:
    """The sub-plan's activities and budget as an annex: one row per activity and source."""
    subplan, activities, sources = subplan_document(subplan)
    workbook = new_workbook()
    names = {source.pk: source.name for source in sources}
    xlsx_sheet(
        workbook,
        title="Hoạt động",
        headers=[
            "TT",
            "Tên hoạt động",
            "Hình thức",
            "Từ ngày",
            "Đến ngày",
            "Địa bàn",
            "Dự kiến (đồng)",
            "Đã chi (đồng)",
        ],
        rows=(
            [
                i,
                a.title,
                a.form.code,
                format_date(a.start_date),
                format_date(a.end_date),
                ", ".join(u.name for u in a.units.all()),
                sum(line.planned for line in a.budget_lines.all()),
                sum(line.spent for line in a.budget_lines.all()),
            ]
            for i, a in enumerate(activities, start=1)
        ),
        widths=(6, 50, 10, 12, 12, 30, 18, 18),
    )
    totals = _budget_totals(activities, sources)
    xlsx_sheet(
        workbook,
        title="Nguồn kinh phí",
        headers=["Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        rows=([names.get(pk, ""), planned, spent] for pk, (planned, spent) in totals.items()),
        total=[
            "Tổng cộng",
            sum(p for p, _s in totals.values()),
            sum(s for _p, s in totals.values()),
        ],
        widths=(50, 18, 18),
    )
    return workbook_bytes(
        workbook, title=f"Phụ lục: {subplan.title}", author=subplan.organisation.name
    )
