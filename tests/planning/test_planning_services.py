"""Services of the planning app: plans, sub-plan transitions, activities, budgets, evidence."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from giamngheo.planning import services
from giamngheo.planning.enums import SUBPLAN_TRANSITIONS, SubPlanStatus
from giamngheo.planning.models import (
    MAX_AMOUNT,
    Activity,
    ActivityOutput,
    BudgetLine,
    Evidence,
    Plan,
    PlanItem,
)
from tests.planning.conftest import make_plan

# --- plans -----------------------------------------------------------------------------------


def test_create_plan_builds_every_part(pworld):
    plan = pworld.plan
    assert [(i.kind, i.code, i.text) for i in plan.items.order_by("kind", "position")] == [
        ("content", "1.1", "Nội dung một."),
        ("content", "1.2", "Nội dung hai."),
        ("form", "2.1", "Truyền thông đại chúng."),
        ("form", "2.4", "Tập huấn."),
        ("solution", "3.1", "Giải pháp một."),
    ]
    assert [s.name for s in plan.funding_sources.all()] == ["Ngân sách nhà nước", "Xã hội hóa"]
    lead = services.lead_assignment(plan=plan)
    assert lead.heading == "Sở Lao động - Thương binh và Xã hội"
    assert list(lead.organisations.all()) == [pworld.orgs["so"]]
    assert plan.recipient_lines == ["- Như mục V;", "- Lưu: VT."]
    assert plan.number_and_symbol == "       /KH-UBND"


def test_create_plan_deadline_outside_period_saves_nothing(pworld):
    from giamngheo.planning import services as s

    before = (Plan.objects.count(), PlanItem.objects.count())
    with pytest.raises(ValidationError) as exc:
        s.create_plan(
            issuing_body_name="UBND TỈNH",
            place="X",
            title="Kế hoạch lỗi",
            year=2023,
            legal_bases="Căn cứ.",
            purposes=["- A."],
            requirements=["- B."],
            audience="C.",
            scope="D.",
            period_text="Năm 2023.",
            period_start=date(2023, 1, 1),
            period_end=date(2023, 12, 31),
            report_deadline=date(2024, 1, 15),
            recipients=["- Lưu: VT."],
            signer_title="CHỦ TỊCH",
            signer_name="A",
            contents=[s.ItemSpec(code="1.1", text="X.")],
        )
    assert exc.value.message_dict == {
        "report_deadline": ["Hạn báo cáo phải nằm trong thời gian thực hiện kế hoạch."]
    }
    assert (Plan.objects.count(), PlanItem.objects.count()) == before


def test_create_plan_period_before_start_is_refused(db):
    from giamngheo.planning import services as s

    with pytest.raises(ValidationError) as exc:
        s.create_plan(
            issuing_body_name="UBND TỈNH",
            place="X",
            title="Kế hoạch lỗi",
            year=2023,
            legal_bases="Căn cứ.",
            purposes=["- A."],
            requirements=["- B."],
            audience="C.",
            scope="D.",
            period_text="Năm 2023.",
            period_start=date(2023, 12, 31),
            period_end=date(2023, 1, 1),
            report_deadline=date(2023, 6, 1),
            recipients=["- Lưu: VT."],
            signer_title="CHỦ TỊCH",
            signer_name="A",
        )
    assert exc.value.message_dict["period_end"] == [
        "Ngày kết thúc không được trước ngày bắt đầu thực hiện."
    ]
    assert Plan.objects.count() == 0


# --- sub-plans and their transitions ----------------------------------------------------------


def test_transitions_are_declared_for_every_status():
    assert set(SUBPLAN_TRANSITIONS) == set(SubPlanStatus.values)
    assert SUBPLAN_TRANSITIONS[SubPlanStatus.APPROVED] == frozenset()


def test_subplan_draft_submitted_approved(pworld, make_subplan):
    subplan = make_subplan("D1", actor_key="district_officer")
    assert subplan.status == SubPlanStatus.DRAFT
    assert subplan.assignment.code == "2"
    services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    assert subplan.status == SubPlanStatus.SUBMITTED
    assert subplan.submitted_at is not None
    services.approve_subplan(subplan=subplan, actor=pworld.users["province_admin"])
    assert subplan.status == SubPlanStatus.APPROVED
    events = list(subplan.events.values_list("from_status", "to_status", "actor__username"))
    assert events == [
        ("draft", "submitted", "district_officer"),
        ("submitted", "approved", "province_admin"),
    ]


def test_subplan_returned_needs_reason_then_resubmitted(pworld, make_subplan):
    subplan = make_subplan("D1", actor_key="district_officer")
    services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    with pytest.raises(ValidationError) as exc:
        services.return_subplan(subplan=subplan, actor=pworld.users["province_admin"], reason=" ")
    assert exc.value.message_dict == {"reason": ["Hãy nêu lý do trả lại."]}
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.SUBMITTED
    services.return_subplan(
        subplan=subplan, actor=pworld.users["province_admin"], reason="Bổ sung dự toán kinh phí."
    )
    assert (subplan.status, subplan.return_reason) == ("returned", "Bổ sung dự toán kinh phí.")
    services.update_subplan(
        actor=pworld.users["district_officer"],
        subplan=subplan,
        title="Kế hoạch cụ thể (đã bổ sung)",
    )
    services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    assert (subplan.status, subplan.return_reason) == ("submitted", "")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ((), SubPlanStatus.APPROVED),
        ((), SubPlanStatus.RETURNED),
        (("submitted",), SubPlanStatus.SUBMITTED),
        (("submitted", "approved"), SubPlanStatus.SUBMITTED),
        (("submitted", "approved"), SubPlanStatus.RETURNED),
        (("submitted", "approved"), SubPlanStatus.DRAFT),
    ],
)
def test_subplan_bad_transition_refused(pworld, make_subplan, path, target):
    subplan = make_subplan("D1")
    admin = pworld.users["province_admin"]
    for step in path:
        services.transition_subplan(subplan=subplan, to=step, actor=admin)
    with pytest.raises(ValidationError) as exc:
        services.transition_subplan(subplan=subplan, to=target, actor=admin, reason="Lý do.")
    assert exc.value.messages[0].startswith("Không thể chuyển kế hoạch cụ thể từ “")
    subplan.refresh_from_db()
    assert subplan.status == (path[-1] if path else "draft")


def test_officer_cannot_approve_own_subplan(pworld, make_subplan):
    subplan = make_subplan("D1", actor_key="district_officer")
    services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    with pytest.raises(PermissionDenied):
        services.approve_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    subplan.refresh_from_db()
    assert subplan.status == SubPlanStatus.SUBMITTED


def test_outsider_and_foreign_officer_cannot_file_or_submit(pworld, make_subplan):
    with pytest.raises(PermissionDenied):
        make_subplan("D2", actor_key="district_officer")
    with pytest.raises(PermissionDenied):
        make_subplan("D1", actor_key="outsider")
    subplan = make_subplan("D2", actor_key="other_district_officer")
    with pytest.raises(PermissionDenied):
        services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    with pytest.raises(PermissionDenied):
        services.submit_subplan(subplan=subplan, actor=pworld.users["commune_officer"])


def test_district_officer_files_for_a_commune_of_the_district(pworld, make_subplan):
    subplan = make_subplan("C1a", actor_key="district_officer")
    assert subplan.organisation == pworld.orgs["C1a"]


def test_subplan_of_unassigned_organisation_refused_for_officer(pworld, make_subplan):
    other_plan = make_plan(title="Kế hoạch khác năm 2023")  # assigns nobody
    with pytest.raises(ValidationError) as exc:
        make_subplan("D1", actor_key="district_officer", plan=other_plan)
    assert exc.value.message_dict == {
        "organisation": ["Cơ quan, đơn vị không được phân công trong kế hoạch này."]
    }


def test_submitted_subplan_cannot_be_edited(pworld, make_subplan):
    subplan = make_subplan("D1", actor_key="district_officer")
    services.submit_subplan(subplan=subplan, actor=pworld.users["district_officer"])
    with pytest.raises(ValidationError) as exc:
        services.update_subplan(
            actor=pworld.users["district_officer"], subplan=subplan, title="Sửa sau khi gửi"
        )
    assert exc.value.messages == ["Kế hoạch cụ thể đã gửi hoặc đã phê duyệt, không thể sửa."]


# --- activities, budgets, outputs --------------------------------------------------------------


def test_create_activity_with_budget_and_outputs(pworld, make_subplan, make_activity):
    subplan = make_subplan("D1")
    activity = make_activity(subplan, actor_key="district_officer", unit_key="C1a")
    assert list(activity.units.all()) == [pworld.units["C1a"]]
    assert list(activity.contents.values_list("code", flat=True)) == ["1.1"]
    line = activity.budget_lines.get()
    assert (line.funding_source.code, line.planned, line.spent) == ("1", 5_000_000, 4_500_000)
    assert dict(activity.outputs.values_list("kind", "quantity")) == {"article": 3, "broadcast": 1}


def _activity_kwargs(pworld, **overrides):
    params = {
        "actor": pworld.users["district_officer"],
        "title": "Hoạt động",
        "form": pworld.items["2.1"],
        "contents": [pworld.items["1.1"]],
        "units": [pworld.units["D1"]],
        "start_date": date(2023, 4, 1),
        "end_date": date(2023, 4, 2),
    }
    params.update(overrides)
    return params


def _counts():
    return (Activity.objects.count(), BudgetLine.objects.count(), ActivityOutput.objects.count())


@pytest.mark.parametrize(
    ("planned", "spent", "field", "message"),
    [
        (-1, 0, "planned", "Số tiền không được âm."),
        (0, -500, "spent", "Số tiền không được âm."),
        (MAX_AMOUNT + 1, 0, "planned", "Số tiền vượt quá mức cho phép (1.000 tỷ đồng)."),
        (0, 10**30, "spent", "Số tiền vượt quá mức cho phép (1.000 tỷ đồng)."),
    ],
)
def test_bad_money_is_refused_and_nothing_saved(
    pworld, make_subplan, planned, spent, field, message
):
    subplan = make_subplan("D1")
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan,
            budget=[
                services.BudgetSpec(
                    funding_source=pworld.sources["1"], planned=planned, spent=spent
                )
            ],
            outputs={"article": 2},
            **_activity_kwargs(pworld),
        )
    assert message in exc.value.message_dict[field]
    assert _counts() == before


def test_money_at_the_bound_is_accepted(pworld, make_subplan):
    subplan = make_subplan("D1")
    activity = services.create_activity(
        subplan=subplan,
        budget=[
            services.BudgetSpec(funding_source=pworld.sources["2"], planned=MAX_AMOUNT, spent=0)
        ],
        **_activity_kwargs(pworld),
    )
    assert activity.budget_lines.get().planned == 1_000_000_000_000


@pytest.mark.parametrize(
    ("start", "end", "fields"),
    [
        (date(2022, 12, 31), date(2023, 1, 5), {"start_date"}),
        (date(2023, 12, 1), date(2024, 1, 1), {"end_date"}),
        (date(2024, 2, 1), date(2024, 3, 1), {"start_date", "end_date"}),
    ],
)
def test_dates_outside_plan_period_refused(pworld, make_subplan, start, end, fields):
    subplan = make_subplan("D1")
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan, **_activity_kwargs(pworld, start_date=start, end_date=end)
        )
    assert set(exc.value.message_dict) == fields
    for name in fields:
        assert exc.value.message_dict[name] == [
            "Ngày phải nằm trong thời gian thực hiện kế hoạch (từ 01/01/2023 đến 31/12/2023)."
        ]
    assert _counts() == before


def test_end_before_start_refused(pworld, make_subplan):
    subplan = make_subplan("D1")
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan,
            **_activity_kwargs(pworld, start_date=date(2023, 5, 2), end_date=date(2023, 5, 1)),
        )
    assert exc.value.message_dict == {"end_date": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_activity_form_and_contents_must_be_items_of_the_plan(pworld, make_subplan):
    subplan = make_subplan("D1")
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan, **_activity_kwargs(pworld, form=pworld.items["1.1"])
        )
    assert exc.value.message_dict == {"form": ["Hình thức phải là một mục 2.x của kế hoạch này."]}
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan, **_activity_kwargs(pworld, contents=[pworld.items["2.1"]])
        )
    assert exc.value.message_dict == {
        "contents": ["Nội dung phải là các mục 1.x của kế hoạch này."]
    }
    assert Activity.objects.count() == 0


def test_activity_place_outside_scope_refused(pworld, make_subplan):
    subplan = make_subplan("D1")
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan, **_activity_kwargs(pworld, units=[pworld.units["C2a"]])
        )
    assert exc.value.message_dict == {"units": ["Địa bàn nằm ngoài phạm vi được giao của bạn."]}
    assert Activity.objects.count() == 0


def test_activity_in_foreign_subplan_refused(pworld, make_subplan):
    subplan = make_subplan("D2")
    with pytest.raises(PermissionDenied):
        services.create_activity(subplan=subplan, **_activity_kwargs(pworld))
    assert Activity.objects.count() == 0


def test_budget_update_all_or_nothing(pworld, make_subplan, make_activity):
    activity = make_activity(make_subplan("D1"))
    with pytest.raises(ValidationError):
        services.set_activity_budget(
            actor=pworld.users["district_officer"],
            activity=activity,
            budget=[
                services.BudgetSpec(funding_source=pworld.sources["1"], planned=7_000_000, spent=1),
                services.BudgetSpec(funding_source=pworld.sources["2"], planned=-3),
            ],
        )
    assert list(activity.budget_lines.values_list("funding_source__code", "planned")) == [
        ("1", 5_000_000)
    ]


def test_funding_source_of_another_plan_refused(pworld, make_subplan, make_activity):
    other = make_plan(title="Kế hoạch khác năm 2023")
    activity = make_activity(make_subplan("D1"))
    with pytest.raises(ValidationError) as exc:
        services.set_activity_budget(
            actor=pworld.users["province_admin"],
            activity=activity,
            budget=[services.BudgetSpec(funding_source=other.funding_sources.first(), planned=1)],
        )
    assert exc.value.message_dict == {
        "funding_source": ["Nguồn kinh phí không thuộc kế hoạch của hoạt động."]
    }


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (-2, "Số lượng phải lớn hơn 0."),
        (10**7, "Số lượng vượt quá mức cho phép."),
    ],
)
def test_bad_output_quantity_refused(pworld, make_subplan, quantity, message):
    subplan = make_subplan("D1")
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            subplan=subplan, outputs={"video": quantity}, **_activity_kwargs(pworld)
        )
    assert message in exc.value.message_dict["quantity"]
    assert _counts() == (0, 0, 0)


# --- evidence --------------------------------------------------------------------------------


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def test_evidence_link_and_file(pworld, make_subplan, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(make_subplan("D1"))
    officer = pworld.users["district_officer"]
    link = services.add_evidence_link(
        actor=officer,
        activity=activity,
        title="Bài trên báo",
        url="https://baobacgiang.vn/bai-viet",
    )
    assert (link.kind, link.url) == ("link", "https://baobacgiang.vn/bai-viet")
    upload = SimpleUploadedFile("../../anh chup.png", _png(), content_type="image/png")
    evidence = services.add_evidence_file(
        actor=officer, activity=activity, title="Ảnh hội nghị", upload=upload
    )
    assert evidence.file_kind == "png"
    assert evidence.file.name.startswith("planning/evidence/")
    assert "anh" not in evidence.file.name and ".." not in evidence.file.name


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.vn/x", "không phải url"])
def test_evidence_bad_link_refused(pworld, make_subplan, make_activity, url):
    activity = make_activity(make_subplan("D1"))
    with pytest.raises(ValidationError) as exc:
        services.add_evidence_link(
            actor=pworld.users["district_officer"], activity=activity, title="Liên kết", url=url
        )
    assert "url" in exc.value.message_dict
    assert Evidence.objects.count() == 0


def test_evidence_bad_file_refused(pworld, make_subplan, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(make_subplan("D1"))
    upload = SimpleUploadedFile(
        "minh-chung.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        services.add_evidence_file(
            actor=pworld.users["district_officer"], activity=activity, title="Tệp lạ", upload=upload
        )
    assert exc.value.message_dict["file"][0].startswith("Loại tệp không được chấp nhận.")
    assert Evidence.objects.count() == 0
    assert not list(tmp_path.rglob("*.*"))


def test_evidence_oversize_file_refused(pworld, make_subplan, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    activity = make_activity(make_subplan("D1"))
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.add_evidence_file(
            actor=pworld.users["district_officer"],
            activity=activity,
            title="Tệp lớn",
            upload=upload,
        )
    assert exc.value.message_dict == {"file": ["Tệp quá lớn: dung lượng tối đa là 2 MB."]}


def test_plan_number_unique_once_issued(pworld):
    from giamngheo.planning.models import Plan as PlanModel

    PlanModel.objects.filter(pk=pworld.plan.pk).update(number="52")
    with pytest.raises(ValidationError) as exc:
        make_plan(title="Kế hoạch khác", number="52")
    assert exc.value.messages == ["Số, ký hiệu này đã được dùng cho một kế hoạch khác."]
    assert make_plan(title="Kế hoạch chưa có số").number == ""


# --- every refused move, through the services -------------------------------------------------


def test_transition_subplan_refuses_every_pair_outside_the_map(pworld, make_subplan):
    """The service itself is called on every (from, to) the map refuses: the exact message,
    and nothing written (status, dates, reason, history)."""
    from giamngheo.planning.enums import SUBPLAN_WORKFLOW
    from giamngheo.planning.models import SubPlan

    subplan = make_subplan("D1")
    admin = pworld.users["province_admin"]
    pairs = SUBPLAN_WORKFLOW.pairs_outside()
    assert len(pairs) == 16 - sum(len(t) for t in SUBPLAN_TRANSITIONS.values())
    for start, to in pairs:
        SubPlan.objects.filter(pk=subplan.pk).update(status=start)  # arrange: the row as found
        before = SubPlan.objects.values("status", "submitted_at", "decided_at", "return_reason")
        before = before.get(pk=subplan.pk)
        with pytest.raises(ValidationError) as exc:
            services.transition_subplan(subplan=subplan, to=to, actor=admin, reason="Lý do.")
        assert exc.value.code == "bad_transition"
        assert exc.value.messages == [
            f"Không thể chuyển kế hoạch cụ thể từ “{SubPlanStatus(start).label}” "
            f"sang “{SubPlanStatus(to).label}”."
        ], (start, to)
        after = SubPlan.objects.values("status", "submitted_at", "decided_at", "return_reason")
        assert after.get(pk=subplan.pk) == before
        assert not subplan.events.exists()


def test_update_activity_refuses_every_status_move_outside_the_map(
    pworld, make_subplan, make_activity
):
    from giamngheo.planning.enums import ACTIVITY_WORKFLOW, ActivityStatus

    activity = make_activity(make_subplan("D1"))
    admin = pworld.users["province_admin"]
    pairs = [(a, b) for a, b in ACTIVITY_WORKFLOW.pairs_outside() if a != b]  # same = no move
    assert sorted(pairs) == sorted(
        [
            (ActivityStatus.DONE, ActivityStatus.PLANNED),
            (ActivityStatus.DONE, ActivityStatus.CANCELLED),
            (ActivityStatus.CANCELLED, ActivityStatus.IN_PROGRESS),
            (ActivityStatus.CANCELLED, ActivityStatus.DONE),
        ]
    )
    for start, to in pairs:
        Activity.objects.filter(pk=activity.pk).update(status=start)
        activity.refresh_from_db()
        with pytest.raises(ValidationError) as exc:
            services.update_activity(
                actor=admin,
                activity=activity,
                title="Tên mới",
                form=activity.form,
                contents=list(activity.contents.all()),
                units=list(activity.units.all()),
                start_date=activity.start_date,
                end_date=activity.end_date,
                status=to,
            )
        assert exc.value.messages == [
            f"Không thể chuyển hoạt động từ “{ActivityStatus(start).label}” "
            f"sang “{ActivityStatus(to).label}”."
        ], (start, to)
        activity.refresh_from_db()
        assert (activity.status, activity.title) == (start, "Tọa đàm trên sóng phát thanh")
        assert not activity.events.exists()


def test_update_activity_moves_the_status_through_the_workflow(pworld, make_subplan, make_activity):
    activity = make_activity(make_subplan("D1"))
    admin = pworld.users["province_admin"]
    common = dict(
        actor=admin,
        activity=activity,
        form=activity.form,
        contents=list(activity.contents.all()),
        units=list(activity.units.all()),
        start_date=activity.start_date,
        end_date=activity.end_date,
    )
    services.update_activity(title="Tọa đàm (đã thực hiện)", status="done", **common)
    services.update_activity(title="Tọa đàm (đã thực hiện)", **common)  # no status: kept
    activity.refresh_from_db()
    assert (activity.status, activity.title) == ("done", "Tọa đàm (đã thực hiện)")
    assert list(activity.events.values_list("from_status", "to_status", "actor__username")) == [
        ("planned", "done", "province_admin")
    ]
