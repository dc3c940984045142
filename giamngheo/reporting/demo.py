"""Demo reporting data on the seed plan 2023 (planning.demo): indicators, the two data sets,
the 2023 period due on the plan's own deadline (15/11/2023), and a few sample reports.

- "Kết quả thực hiện Kế hoạch truyền thông năm 2023": activities, outputs by form 2.1–2.6 and
  content 1.x, money planned and spent by funding source — pre-filled from the activities.
- "Báo cáo giám sát Dự án 6 năm 2023": a few indicators of Project 6 (communication and
  information poverty reduction) *in the spirit of* Thông tư 10/2022/TT-BLĐTBXH — not a copy of
  its forms, whose exact text is not at hand. Its commune radio indicators are pre-filled from
  the commune radio's records about the reporting district (Yên Thế's sample report, from the
  broadcasts demo loaded before this one).

Everything goes through services. A few organisations get a sample sub-plan with activities
(marked "[Dữ liệu mẫu]") so that pre-filled figures are not all zero; some reports are on time,
one is late, one is a draft and the rest are missing, so the completeness screen has something
to show. A second run changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.models import Organisation
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.enums import ActivityStatus, AssignmentRole
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .enums import Aggregation, Disaggregation, Measure, PeriodType, PrefillSource
from .models import DataSet, Indicator, Period, Submission

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SAMPLE = "[Dữ liệu mẫu]"
TT10 = "Theo tinh thần Thông tư 10/2022/TT-BLĐTBXH (không phải biểu mẫu nguyên văn)"
DEMO_ADMIN = "quantri.tinh"

# code, name, measure, aggregation, disaggregation, prefill source, key, unit label, section
RESULT_INDICATORS = [
    ("KQTT.HD", "Số hoạt động truyền thông", Measure.COUNT, Aggregation.SUM,
     Disaggregation.FORM, PrefillSource.ACTIVITY_COUNT, "", "hoạt động", "I. Theo hình thức"),
    ("KQTT.TIN_BAI", "Tin, bài", Measure.COUNT, Aggregation.SUM, Disaggregation.FORM,
     PrefillSource.OUTPUT, "mass_media.article", "tin, bài", "I. Theo hình thức"),
    ("KQTT.PT_TH", "Chương trình phát thanh, truyền hình", Measure.COUNT, Aggregation.SUM,
     Disaggregation.FORM, PrefillSource.OUTPUT, "mass_media.broadcast", "chương trình",
     "I. Theo hình thức"),
    ("KQTT.PHONG_SU", "Phóng sự", Measure.COUNT, Aggregation.SUM, Disaggregation.FORM,
     PrefillSource.OUTPUT, "mass_media.reportage", "phóng sự", "I. Theo hình thức"),
    ("KQTT.VIDEO", "Video clip", Measure.COUNT, Aggregation.SUM, Disaggregation.FORM,
     PrefillSource.OUTPUT, "mass_media.video", "video", "I. Theo hình thức"),
    ("KQTT.HD_ND", "Số hoạt động theo nội dung truyền thông", Measure.COUNT, Aggregation.SUM,
     Disaggregation.CONTENT, PrefillSource.ACTIVITY_COUNT, "", "hoạt động", "II. Theo nội dung"),
    ("KQTT.KP_DK", "Kinh phí dự kiến", Measure.MONEY, Aggregation.SUM,
     Disaggregation.FUNDING_SOURCE, PrefillSource.BUDGET_PLANNED, "", "đồng", "III. Kinh phí"),
    ("KQTT.KP_DC", "Kinh phí đã chi", Measure.MONEY, Aggregation.SUM,
     Disaggregation.FUNDING_SOURCE, PrefillSource.BUDGET_SPENT, "", "đồng", "III. Kinh phí"),
    ("KQTT.KHO_KHAN", "Khó khăn, vướng mắc và đề xuất", Measure.TEXT, Aggregation.NONE,
     Disaggregation.NONE, PrefillSource.NONE, "", "", "IV. Đánh giá"),
]  # fmt: skip

MONITORING_INDICATORS = [
    ("DA6.XA_PHAT_SONG", "Số xã có hệ thống truyền thanh cơ sở đã phát chương trình về giảm "
     "nghèo trong kỳ", Measure.COUNT, Aggregation.SUM, "xã"),
    ("DA6.TY_LE_XA", "Tỷ lệ xã phát chương trình về giảm nghèo hằng tuần", Measure.PERCENT,
     Aggregation.AVERAGE, "%"),
    ("DA6.CAN_BO", "Số lượt cán bộ làm công tác giảm nghèo được tập huấn, bồi dưỡng nghiệp vụ "
     "truyền thông", Measure.PEOPLE, Aggregation.SUM, "lượt người"),
    ("DA6.NGUOI_DAN", "Số lượt người dân được tiếp cận thông tin về giảm nghèo",
     Measure.PEOPLE, Aggregation.SUM, "lượt người"),
    ("DA6.SAN_PHAM", "Số sản phẩm truyền thông được sản xuất, phát hành", Measure.COUNT,
     Aggregation.SUM, "sản phẩm"),
]  # fmt: skip

# The commune radio indicators are pre-filled from the stations' confirmations about the
# reporting body's area (planning.registry area measures of the broadcasts module), never typed.
FROM_AREA = {
    "DA6.XA_PHAT_SONG": "radio.communes_reached",
    "DA6.TY_LE_XA": "radio.weekly_share",
}

# Sample activities: organisation name → [(form, contents, title, outputs, budget by source)]
SAMPLE_ACTIVITIES = {
    "Sở Thông tin và Truyền thông tỉnh Bắc Giang": [
        ("2.1", ["1.1", "1.2"], "Chuyên mục “Vì người nghèo” trên hệ thống truyền thanh cơ sở",
         {"article": 24, "broadcast": 6}, {"1": (120_000_000, 115_500_000)}),
        ("2.6", ["1.4"], "Loạt video gương điển hình giảm nghèo trên nền tảng số",
         {"video": 12}, {"3": (15_000_000, 15_000_000)}),
    ],
    "Báo Bắc Giang": [
        ("2.1", ["1.1", "1.4"], "Chuyên trang giảm nghèo bền vững trên Báo Bắc Giang",
         {"article": 48, "reportage": 4}, {"3": (30_000_000, 30_000_000)}),
    ],
    "Ủy ban nhân dân huyện Lục Ngạn": [
        ("2.1", ["1.1"], "Phát thanh về chính sách giảm nghèo trên đài truyền thanh các xã",
         {"broadcast": 52}, {"1": (80_000_000, 72_000_000), "2": (20_000_000, 15_000_000)}),
        ("2.4", ["1.2"], "Tập huấn nghiệp vụ truyền thông cho cán bộ giảm nghèo cấp xã",
         {}, {"1": (40_000_000, 38_500_000)}),
    ],
}  # fmt: skip

# Sample reports: organisation → (submitted at, local time; approve?) or None for a draft.
SAMPLE_REPORTS = {
    "Sở Thông tin và Truyền thông tỉnh Bắc Giang": (datetime(2023, 11, 10, 9, 30), True),
    "Báo Bắc Giang": (datetime(2023, 11, 14, 16, 45), False),
    "Ủy ban nhân dân huyện Lục Ngạn": (datetime(2023, 11, 20, 10, 15), False),
    "Ủy ban nhân dân huyện Yên Thế": None,
}
MANUAL_VALUES = {
    "KQTT.KHO_KHAN": "Kinh phí truyền thông ở cấp xã còn hạn chế; đề nghị tăng thời lượng "
    "phát sóng trên hệ thống truyền thanh cơ sở.",
}
# Typed by the district; the radio indicators come from FROM_AREA.
MONITORING_VALUES = {
    "DA6.CAN_BO": 120,
    "DA6.NGUOI_DAN": 45_600,
    "DA6.SAN_PHAM": 64,
}


def _indicators() -> dict[str, Indicator]:
    found = {i.code: i for i in Indicator.objects.all()}
    for code, name, measure, agg, dis, source, key, unit, _section in RESULT_INDICATORS:
        if code not in found:
            found[code] = services.create_indicator(
                code=code,
                name=name,
                measure=measure,
                aggregation=agg,
                disaggregation=dis,
                prefill_source=source,
                prefill_key=key,
                unit_label=unit,
            )
    for code, name, measure, agg, unit in MONITORING_INDICATORS:
        if code not in found:
            found[code] = services.create_indicator(
                code=code,
                name=name,
                measure=measure,
                aggregation=agg,
                unit_label=unit,
                legal_basis=TT10,
                **(
                    {"prefill_source": PrefillSource.AREA, "prefill_key": FROM_AREA[code]}
                    if code in FROM_AREA
                    else {}
                ),
            )
    return found


def _plan_organisations(plan: Plan) -> tuple[Organisation | None, list[Organisation]]:
    lead, orgs, seen = None, [], set()
    for assignment in plan.assignments.prefetch_related("organisations").order_by("position"):
        for org in assignment.organisations.all():
            if assignment.role == AssignmentRole.LEAD and lead is None:
                lead = org
            if org.pk not in seen:
                seen.add(org.pk)
                orgs.append(org)
    return lead, orgs


def _sample_activities(*, plan: Plan, actor, orgs: dict[str, Organisation]) -> None:
    items = {i.code: i for i in plan.items.all()}
    sources = {s.code: s for s in plan.funding_sources.all()}
    for org_name, rows in SAMPLE_ACTIVITIES.items():
        org = orgs.get(org_name)
        if org is None:
            continue
        subplan = SubPlan.objects.filter(plan=plan, organisation=org).first()
        if subplan is None:
            subplan = planning.create_subplan(
                actor=actor,
                plan=plan,
                organisation=org,
                title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {org.name}",
            )
        if subplan.activities.exists():
            continue
        for index, (form, contents, title, outputs, budget) in enumerate(rows):
            if form not in items or any(c not in items for c in contents):
                continue
            planning.create_activity(
                actor=actor,
                subplan=subplan,
                title=f"{SAMPLE} {title}",
                form=items[form],
                contents=[items[c] for c in contents],
                units=[org.unit],
                start_date=date(YEAR, 3 + index * 3, 1),
                end_date=date(YEAR, 3 + index * 3, 28),
                status=ActivityStatus.DONE,
                budget=[
                    planning.BudgetSpec(funding_source=sources[code], planned=p, spent=s)
                    for code, (p, s) in budget.items()
                    if code in sources
                ],
                outputs=outputs,
            )


def _dataset(code, **kwargs) -> tuple[DataSet, bool]:
    existing = DataSet.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return services.create_dataset(code=code, **kwargs), True


def _period(dataset: DataSet, plan: Plan) -> Period:
    period = dataset.periods.filter(start=date(YEAR, 1, 1)).first()
    return period or services.create_period(
        dataset=dataset,
        name=f"Năm {YEAR}",
        start=date(YEAR, 1, 1),
        end=date(YEAR, 12, 31),
        due_date=plan.report_deadline,
    )


def _backdate(submission: Submission, moment: datetime) -> None:
    # Sample reports are sent "in 2023": the sending time is what timeliness is measured on.
    aware = moment.replace(tzinfo=HCM)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=aware)
    submission.events.filter(to_status="submitted").update(at=aware)


def _sample_report(*, dataset, period, org, actor, values, when=None, approve=False):
    submission = services.start_submission(
        actor=actor, dataset=dataset, period=period, organisation=org, sample=True
    )
    submission = services.save_values(
        submission=submission,
        values=values,
        actor=actor,
        version=submission.version,
        note=f"{SAMPLE} Số liệu minh họa, không phải báo cáo thật của đơn vị.",
    )
    if when is None:
        return submission
    submission = services.submit_submission(submission=submission, actor=actor)
    _backdate(submission, when)
    if approve:
        services.approve_submission(submission=submission, actor=actor)
    return submission


@transaction.atomic
def load_demo_reporting(*, stdout=None) -> None:
    """Indicators, the two data sets of the 2023 plan, their period and sample reports."""
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    if plan is None:
        say("Báo cáo: chưa có kế hoạch năm 2023, bỏ qua.\n")
        return
    indicators = _indicators()
    lead, organisations = _plan_organisations(plan)
    results, created = _dataset(
        "KQTT-2023",
        name=f"Kết quả thực hiện Kế hoạch truyền thông về giảm nghèo năm {YEAR}",
        description=(
            "Các cơ quan, đơn vị được phân công tại mục V của Kế hoạch báo cáo kết quả thực hiện: "
            "hoạt động, sản phẩm theo hình thức (mục 2.1–2.6), nội dung (mục 1.1–1.4), kinh phí "
            "dự kiến và đã chi theo nguồn. Số liệu lấy sẵn từ các hoạt động đã nhập."
        ),
        plan=plan,
        period_type=PeriodType.YEARLY,
        elements=[
            services.ElementSpec(indicator=indicators[row[0]], section=row[8])
            for row in RESULT_INDICATORS
        ],
        organisations=organisations,
        lead_organisation=lead,
        due_day=plan.report_deadline.day,
        due_month=plan.report_deadline.month,
        reminder_working_days=5,
    )
    monitoring, _created = _dataset(
        "GS-DA6-2023",
        name=f"Báo cáo giám sát Dự án 6 năm {YEAR}",
        description=(
            "Một số chỉ tiêu giám sát Dự án 6 (Truyền thông và giảm nghèo về thông tin) theo "
            "tinh thần Thông tư 10/2022/TT-BLĐTBXH; không phải bản sao nguyên văn các biểu mẫu "
            "của Thông tư."
        ),
        plan=plan,
        period_type=PeriodType.YEARLY,
        elements=[indicators[row[0]] for row in MONITORING_INDICATORS],
        organisations=[o for o in organisations if o.unit.level == "district"] or organisations,
        lead_organisation=lead,
        due_day=plan.report_deadline.day,
        due_month=plan.report_deadline.month,
        reminder_working_days=5,
    )
    if not created:
        # Organisations the plan assigned after the data set was made (a commune in the demo)
        # report too.
        known = set(results.organisations.values_list("pk", flat=True))
        if any(o.pk not in known for o in organisations):
            services.set_dataset_organisations(
                dataset=results, organisations=[*results.organisations.all(), *organisations]
            )
    results_period = _period(results, plan)
    monitoring_period = _period(monitoring, plan)
    actor = get_user_model().objects.filter(username=DEMO_ADMIN, is_active=True).first()
    if actor is None or Submission.objects.filter(dataset=results).exists():
        say(
            f"Báo cáo: {DataSet.objects.count()} biểu, {Indicator.objects.count()} chỉ tiêu"
            f"{'' if created else ' (đã có)'}; không tạo thêm báo cáo mẫu.\n"
        )
        return
    by_name = {o.name: o for o in organisations}
    _sample_activities(plan=plan, actor=actor, orgs=by_name)
    text_values = {(code, ""): text for code, text in MANUAL_VALUES.items()}
    made = 0
    for org_name, plan_row in SAMPLE_REPORTS.items():
        org = by_name.get(org_name)
        if org is None:
            continue
        when, approve = plan_row if plan_row else (None, False)
        _sample_report(
            dataset=results,
            period=results_period,
            org=org,
            actor=actor,
            values=text_values,
            when=when,
            approve=approve,
        )
        made += 1
    # Yên Thế: the district of the demo's weekly commune radio series (broadcasts.demo, loaded
    # first), so its report's radio indicators are pre-filled from the stations' confirmations.
    yen_the = by_name.get("Ủy ban nhân dân huyện Yên Thế")
    if yen_the is not None and monitoring.organisations.filter(pk=yen_the.pk).exists():
        _sample_report(
            dataset=monitoring,
            period=monitoring_period,
            org=yen_the,
            actor=actor,
            values={(code, ""): value for code, value in MONITORING_VALUES.items()},
            when=datetime(YEAR, 11, 13, 15, 0),
        )
        made += 1
    say(
        f"Báo cáo: {DataSet.objects.count()} biểu, {Indicator.objects.count()} chỉ tiêu, "
        f"{made} báo cáo mẫu.\n"
    )


# After the commune radio: the monitoring report's radio indicators are pre-filled from it.
DEMO_NEEDS = ("organisations", "planning", "broadcasts")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_demo_reporting(stdout=stdout)
    return DemoLoad()
