"""Submissions: pre-fill from the plan's records, values and their validation, optimistic
locking, the one status transition with its audit row and e-mails, evidence uploads."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def _values(submission) -> dict:
    return {
        (v.indicator.code, v.category): v.value
        for v in submission.values.select_related("indicator")
    }


# --- pre-fill ----------------------------------------------------------------------------------


def test_prefill_equals_registry_totals_of_the_organisations_activities(rworld, start):
    from giamngheo.planning import registry
    from giamngheo.planning.models import Activity

    submission = start("D1", actor_key="district_officer")
    activities = Activity.objects.filter(subplan__organisation=rworld.orgs["D1"])
    totals = registry.totals(
        activities=activities, start=rworld.period.start, end=rworld.period.end
    )
    values = _values(submission)
    assert values[("TT.TIN", "2.1")] == totals["mass_media.article"] == 3
    assert values[("TT.TIN", "2.4")] == 0
    assert values[("TT.HD", "2.1")] == 1
    assert values[("TT.KPDK", "1")] == Decimal(5_000_000)
    assert values[("TT.KPDC", "1")] == Decimal(4_500_000)
    assert values[("TT.KPDK", "2")] == 0
    # Manual indicators are not pre-filled: the officer types them.
    assert ("TT.NGUOI", "") not in values
    assert submission.version == 2
    assert submission.prefilled_at is not None


def test_prefill_counts_only_activities_overlapping_the_period(rworld, start, make_activity):
    from datetime import date

    from giamngheo.reporting import services

    subplan = rworld.activity.subplan
    make_activity(
        subplan,
        title="Hoạt động quý IV",
        start_date=date(2023, 10, 1),
        end_date=date(2023, 10, 2),
        outputs={"article": 5},
    )
    half = services.create_period(
        dataset=rworld.dataset,
        name="6 tháng cuối năm 2023",
        start=date(2023, 7, 1),
        end=date(2023, 12, 31),
        due_date=date(2024, 1, 15),
    )
    second_half = services.start_submission(
        actor=rworld.users["district_officer"],
        dataset=rworld.dataset,
        period=half,
        organisation=rworld.orgs["D1"],
    )
    year = start("D1", actor_key="district_officer")
    assert _values(second_half)[("TT.TIN", "2.1")] == 5
    assert _values(year)[("TT.TIN", "2.1")] == 8


def test_prefill_again_follows_new_records_but_keeps_corrections(rworld, start, make_activity):
    from giamngheo.reporting import services

    officer = rworld.users["district_officer"]
    submission = start("D1", actor_key="district_officer")
    submission = services.save_values(
        submission=submission,
        values={("TT.TIN", "2.1"): "4"},
        reasons={("TT.TIN", "2.1"): "Một bài đăng trên Cổng thông tin chưa nhập hoạt động."},
        actor=officer,
        version=submission.version,
    )
    make_activity(rworld.activity.subplan, title="Hoạt động mới", outputs={"article": 2})
    services.prefill_submission(submission=submission, actor=officer)
    values = {
        (v.indicator.code, v.category): v for v in submission.values.select_related("indicator")
    }
    assert values[("TT.TIN", "2.1")].value == 4  # the correction stays
    assert values[("TT.TIN", "2.1")].prefilled == 5
    assert values[("TT.HD", "2.1")].value == 2  # not corrected: follows the records


def test_start_submission_refuses_an_organisation_outside_the_actors_scope(rworld):
    from giamngheo.reporting import services

    with pytest.raises(PermissionDenied):
        services.start_submission(
            actor=rworld.users["district_officer"],
            dataset=rworld.dataset,
            period=rworld.period,
            organisation=rworld.orgs["D2"],
        )


def test_start_submission_refuses_an_organisation_not_in_the_data_set(rworld):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Submission

    with pytest.raises(ValidationError) as exc:
        services.start_submission(
            actor=rworld.users["province_admin"],
            dataset=rworld.dataset,
            period=rworld.period,
            organisation=rworld.orgs["C2a"],
        )
    assert exc.value.message_dict == {
        "organisation": ["Cơ quan, đơn vị không thuộc danh sách báo cáo của biểu này."]
    }
    assert Submission.objects.count() == 0


def test_start_submission_twice_returns_the_same_report(rworld, start):
    first = start("D1", actor_key="district_officer")
    second = start("D1", actor_key="district_officer")
    assert first.pk == second.pk


# --- values and validation ---------------------------------------------------------------------


def test_save_values_parses_vietnamese_numbers(rworld, start):
    from giamngheo.reporting import services

    submission = start("C1a", actor_key="commune_officer")
    submission = services.save_values(
        submission=submission,
        values={("TT.NGUOI", ""): "1.234.567", ("TT.TYLE", ""): "87,5"},
        actor=rworld.users["commune_officer"],
        version=submission.version,
    )
    values = _values(submission)
    assert values[("TT.NGUOI", "")] == Decimal("1234567")
    assert values[("TT.TYLE", "")] == Decimal("87.5")
    assert submission.version == 3


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        (("TT.NGUOI", ""), "-5", "Giá trị không được âm."),
        (("TT.NGUOI", ""), "abc", "Hãy nhập một số, ví dụ 1.234 hoặc 87,5."),
        (("TT.NGUOI", ""), "1,5", "Giá trị phải là số nguyên."),
        (("TT.NGUOI", ""), "999999999999", "Giá trị vượt quá mức cho phép (tối đa 200.000.000)."),
        (("TT.TYLE", ""), "100,5", "Giá trị vượt quá mức cho phép (tối đa 100)."),
        (("TT.TYLE", ""), "1e9", "Hãy nhập một số, ví dụ 1.234 hoặc 87,5."),
        (("TT.TYLE", ""), "NaN", "Hãy nhập một số, ví dụ 1.234 hoặc 87,5."),
        (
            ("TT.KPDK", "2"),
            "1000000000001",
            "Giá trị vượt quá mức cho phép (tối đa 1.000.000.000.000).",
        ),
    ],
)
def test_bad_values_are_refused_with_a_vietnamese_field_error_and_nothing_saved(
    rworld, start, key, raw, message
):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import DataValue

    submission = start("C1a", actor_key="commune_officer")
    before = list(DataValue.objects.order_by("pk").values_list("pk", "value"))
    reason = {key: "Lý do"} if key[0] == "TT.KPDK" else {}
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            # A good value next to the bad one: it must not be written either.
            values={("TT.NGUOI", "") if key[0] != "TT.NGUOI" else ("TT.TYLE", ""): "7", key: raw},
            reasons=reason,
            actor=rworld.users["commune_officer"],
            version=submission.version,
        )
    field = services.field_key(*key)
    assert exc.value.message_dict[field] == [message]
    assert list(DataValue.objects.order_by("pk").values_list("pk", "value")) == before
    submission.refresh_from_db()
    assert submission.version == 2


def test_a_value_outside_the_data_set_is_refused(rworld, start):
    from giamngheo.reporting import services

    submission = start("C1a", actor_key="commune_officer")
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            values={("TT.TIN", "9.9"): "1"},
            actor=rworld.users["commune_officer"],
            version=submission.version,
        )
    assert exc.value.message_dict == {"TT.TIN-9.9": ["Chỉ tiêu không thuộc biểu báo cáo này."]}


def test_correcting_a_prefilled_value_needs_a_reason(rworld, start):
    from giamngheo.reporting import services

    officer = rworld.users["district_officer"]
    submission = start("D1", actor_key="district_officer")
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            values={("TT.KPDC", "1"): "4.000.000"},
            actor=officer,
            version=submission.version,
        )
    assert exc.value.message_dict == {
        "reason-TT.KPDC-1": ["Hãy nêu lý do điều chỉnh số liệu đã lấy từ hoạt động (4.500.000)."]
    }
    submission = services.save_values(
        submission=submission,
        values={("TT.KPDC", "1"): "4.000.000"},
        reasons={("TT.KPDC", "1"): "  Hoàn trả 500.000 đồng chi sai.  "},
        actor=officer,
        version=submission.version,
    )
    row = submission.values.get(indicator__code="TT.KPDC", category="1")
    assert (row.value, row.prefilled, row.correction_reason) == (
        Decimal(4_000_000),
        Decimal(4_500_000),
        "Hoàn trả 500.000 đồng chi sai.",
    )
    assert row.is_corrected
    # Back to the figure of the records: no reason needed, and the old one is dropped.
    submission = services.save_values(
        submission=submission,
        values={("TT.KPDC", "1"): "4500000"},
        actor=officer,
        version=submission.version,
    )
    row.refresh_from_db()
    assert (row.value, row.correction_reason) == (Decimal(4_500_000), "")


def test_text_values_are_stored_as_typed_and_neutralised_in_the_export(rworld, start):
    from giamngheo.reporting import selectors, services

    officer = rworld.users["commune_officer"]
    submission = start("C1a", actor_key="commune_officer")
    submission = fill(submission, officer)
    submission = services.save_values(
        submission=submission,
        values={("TT.GHICHU", ""): '=HYPERLINK("http://x.example","bấm")'},
        actor=officer,
        version=submission.version,
    )
    services.submit_submission(submission=submission, actor=officer)
    stored = submission.values.get(indicator__code="TT.GHICHU").text
    assert stored == '=HYPERLINK("http://x.example","bấm")'
    rows = selectors.values_by_organisation(dataset=rworld.dataset, period=rworld.period)
    text = [r.text for r in rows if r.indicator_code == "TT.GHICHU"]
    assert text == ['\'=HYPERLINK("http://x.example","bấm")']


def test_too_long_text_is_refused(rworld, start):
    from giamngheo.reporting import services

    submission = start("C1a", actor_key="commune_officer")
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            values={("TT.GHICHU", ""): "x" * 2001},
            actor=rworld.users["commune_officer"],
            version=submission.version,
        )
    assert exc.value.message_dict == {"TT.GHICHU": ["Nội dung không quá 2000 ký tự."]}


# --- optimistic locking ------------------------------------------------------------------------


def test_two_officers_editing_one_report_the_second_is_told_to_reload(rworld, start):
    from giamngheo.reporting import services

    first = start("D1", actor_key="district_officer")
    second_view = type(first).objects.get(pk=first.pk)  # the other officer's open form
    version = first.version
    services.save_values(
        submission=first,
        values={("TT.NGUOI", ""): "100"},
        actor=rworld.users["district_officer"],
        version=version,
    )
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=second_view,
            values={("TT.NGUOI", ""): "999"},
            actor=rworld.users["province_admin"],
            version=version,
        )
    assert exc.value.code == "stale"
    assert exc.value.messages == ["Báo cáo đã được người khác cập nhật, vui lòng tải lại trang."]
    assert _values(first)[("TT.NGUOI", "")] == 100


def test_a_stale_form_cannot_submit_either(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.enums import SubmissionStatus

    officer = rworld.users["district_officer"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    stale = submission.version - 1
    with pytest.raises(ValidationError) as exc:
        services.submit_submission(submission=submission, actor=officer, version=stale)
    assert exc.value.code == "stale"
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


# --- transitions -------------------------------------------------------------------------------


def test_submit_approve_with_audit_rows_and_emails(
    rworld, start, django_capture_on_commit_callbacks
):
    from giamngheo.reporting import services
    from giamngheo.reporting.enums import SubmissionStatus

    officer, admin = rworld.users["district_officer"], rworld.users["province_admin"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submit_submission(submission=submission, actor=officer)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.submitted_at is not None
    assert [m.to for m in mail.outbox] == [["province_admin@example.vn"]]
    assert mail.outbox[0].subject == ("[Báo cáo] Ủy ban nhân dân huyện H1 đã gửi báo cáo Năm 2023")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.approve_submission(submission=submission, actor=admin)
    assert submission.status == SubmissionStatus.APPROVED
    assert [m.to for m in mail.outbox] == [["district_officer@example.vn"]]
    assert "Đã duyệt" in mail.outbox[0].subject
    events = list(submission.events.values_list("from_status", "to_status", "actor__username"))
    assert events == [
        ("draft", "submitted", "district_officer"),
        ("submitted", "approved", "province_admin"),
    ]


def test_return_needs_a_reason_and_mails_it(rworld, start, django_capture_on_commit_callbacks):
    from giamngheo.reporting import services
    from giamngheo.reporting.enums import SubmissionStatus

    officer, admin = rworld.users["district_officer"], rworld.users["province_admin"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    submission = services.submit_submission(submission=submission, actor=officer)
    with pytest.raises(ValidationError) as exc:
        services.return_submission(submission=submission, actor=admin, reason="   ")
    assert exc.value.message_dict == {"reason": ["Hãy nêu lý do trả lại."]}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.return_submission(
            submission=submission, actor=admin, reason="Thiếu minh chứng kinh phí."
        )
    assert submission.status == SubmissionStatus.RETURNED
    assert submission.return_reason == "Thiếu minh chứng kinh phí."
    assert "Lý do: Thiếu minh chứng kinh phí." in mail.outbox[0].body
    # Corrected and sent again.
    submission = services.submit_submission(submission=submission, actor=officer)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.return_reason == ""


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "approved"),
        ([], "returned"),
        (["submitted"], "submitted"),
        (["submitted", "approved"], "approved"),
        (["submitted", "approved"], "submitted"),
        ([], "nonsense"),
    ],
)
def test_forbidden_transitions_are_refused(rworld, start, path, target):
    from giamngheo.reporting import services

    officer, admin = rworld.users["district_officer"], rworld.users["province_admin"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    for step in path:
        actor = officer if step == "submitted" else admin
        services.transition_submission(submission=submission, to=step, actor=actor)
    before = submission.status
    with pytest.raises(ValidationError) as exc:
        services.transition_submission(submission=submission, to=target, actor=admin, reason="x")
    assert exc.value.code == "bad_transition"
    submission.refresh_from_db()
    assert submission.status == before


def test_an_officer_cannot_approve_their_own_report(rworld, start):
    from giamngheo.reporting import services

    officer = rworld.users["district_officer"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    services.submit_submission(submission=submission, actor=officer)
    with pytest.raises(PermissionDenied):
        services.approve_submission(submission=submission, actor=officer)


def test_a_report_with_empty_cells_cannot_be_sent(rworld, start):
    from giamngheo.reporting import services

    officer = rworld.users["district_officer"]
    submission = start("D1", actor_key="district_officer")
    with pytest.raises(ValidationError) as exc:
        services.submit_submission(submission=submission, actor=officer)
    assert exc.value.messages == [
        "Còn 2 ô số liệu chưa nhập; hãy nhập đủ (ghi 0 nếu không có) rồi gửi."
    ]


def test_a_sent_report_cannot_be_edited(rworld, start):
    from giamngheo.reporting import services

    officer = rworld.users["district_officer"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    submission = services.submit_submission(submission=submission, actor=officer)
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            values={("TT.NGUOI", ""): "1"},
            actor=officer,
            version=submission.version,
        )
    assert exc.value.code == "locked"


def test_entry_closes_after_the_expiry_days_for_the_unit_not_the_lead(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import DataSet

    DataSet.objects.filter(pk=rworld.dataset.pk).update(expiry_days=30)  # 15/12/2023
    submission = start("D1", actor_key="district_officer")
    with pytest.raises(ValidationError) as exc:
        services.save_values(
            submission=submission,
            values={("TT.NGUOI", ""): "1"},
            actor=rworld.users["district_officer"],
            version=submission.version,
        )
    assert exc.value.messages == [
        "Kỳ báo cáo đã khóa từ ngày 15/12/2023, không thể sửa hoặc gửi báo cáo."
    ]
    services.save_values(
        submission=submission,
        values={("TT.NGUOI", ""): "1"},
        actor=rworld.users["province_admin"],
        version=submission.version,
    )


# --- evidence ----------------------------------------------------------------------------------


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_is_checked_by_content_and_stored_under_a_generated_name(rworld, start):
    from giamngheo.reporting import services

    submission = start("D1", actor_key="district_officer")
    evidence = services.add_evidence(
        submission=submission,
        actor=rworld.users["district_officer"],
        title="Biên bản nghiệm thu",
        upload=SimpleUploadedFile("../../etc/bien-ban.pdf", _pdf()),
    )
    assert evidence.file_kind == "pdf"
    assert evidence.file.name.startswith("reporting/evidence/")
    assert "bien-ban" not in evidence.file.name


@pytest.mark.parametrize(
    ("name", "content", "settings_max", "message"),
    [
        ("a.exe", b"MZ\x90\x00" + b"\x00" * 100, None, "Loại tệp không được chấp nhận"),
        (
            "a.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            None,
            "Loại tệp không được chấp nhận",
        ),
        ("big.pdf", _pdf() + b"0" * 4096, 2048, "MB"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_saved(
    rworld, start, settings, name, content, settings_max, message
):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import SubmissionEvidence

    if settings_max:
        settings.UPLOAD_MAX_BYTES = settings_max
    submission = start("D1", actor_key="district_officer")
    with pytest.raises(ValidationError) as exc:
        services.add_evidence(
            submission=submission,
            actor=rworld.users["district_officer"],
            title="Tệp",
            upload=SimpleUploadedFile(name, content),
        )
    assert message in " ".join(exc.value.message_dict["evidence_file"])
    assert SubmissionEvidence.objects.count() == 0


def test_parse_number():
    from giamngheo.reporting.services import parse_number

    assert parse_number("1.234.567") == Decimal("1234567")
    assert parse_number("1.234,5") == Decimal("1234.5")
    assert parse_number("12.5") == Decimal("12.5")
    assert parse_number(" 7 ") == Decimal(7)
    assert parse_number("") is None
    for bad in ("1e5", "inf", "1,2,3", "--1", "0x10", io.StringIO):
        with pytest.raises(ValueError):
            parse_number(str(bad))


@pytest.mark.parametrize(
    ("start", "end", "due", "field", "message"),
    [
        ((2024, 1, 1), (2024, 12, 31), None, "start", "Kỳ báo cáo phải nằm trong thời gian thực hiện kế hoạch (từ 01/01/2023 đến 31/12/2023)."),
        ((2023, 7, 1), (2023, 6, 30), (2023, 7, 15), "end", "Ngày kết thúc kỳ không được trước ngày bắt đầu."),
        ((2023, 7, 1), (2023, 12, 31), (2023, 6, 1), "due_date", "Hạn báo cáo không được trước ngày bắt đầu kỳ."),
        ((2023, 1, 1), (2023, 12, 31), None, "__all__", "Biểu đã có một kỳ báo cáo bắt đầu từ ngày này."),
    ],
)  # fmt: skip
def test_periods_with_dates_out_of_place_are_refused(rworld, start, end, due, field, message):
    from datetime import date

    from giamngheo.reporting import services
    from giamngheo.reporting.models import Period

    with pytest.raises(ValidationError) as exc:
        services.create_period(
            dataset=rworld.dataset,
            name="Kỳ thử",
            start=date(*start),
            end=date(*end),
            due_date=date(*due) if due else None,
        )
    assert exc.value.message_dict[field] == [message]
    assert Period.objects.count() == 1


def test_due_date_follows_the_data_sets_rule(rworld):
    from datetime import date

    from giamngheo.reporting.models import DataSet

    assert rworld.period.due_date == date(2023, 11, 15)
    rule = DataSet(code="X", name="X", due_days_after_end=20)
    assert rule.due_date_for(end=date(2023, 6, 30)) == date(2023, 7, 20)
    leap = DataSet(code="Y", name="Y", due_day=29, due_month=2)
    assert leap.due_date_for(end=date(2023, 12, 31)) == date(2023, 2, 28)
    with pytest.raises(ValidationError) as exc:
        DataSet(code="Z", name="Z", due_day=31, due_month=4).full_clean()
    assert exc.value.message_dict["due_day"] == ["Ngày hạn báo cáo không có thật."]


def test_the_lead_organisation_defaults_to_the_plans_lead_assignment(rworld):
    from giamngheo.reporting import services

    dataset = services.create_dataset(
        code="MAC-DINH", name="Biểu mặc định", plan=rworld.p.plan, elements=[]
    )
    assert dataset.lead_organisation == rworld.orgs["so"]


def test_transition_submission_refuses_every_pair_outside_the_map(rworld, start):
    """The service itself is called on every (from, to) the map refuses: the exact message, and
    nothing written (status, dates, version, history), no e-mail."""
    from giamngheo.reporting import services
    from giamngheo.reporting.enums import SUBMISSION_WORKFLOW, SubmissionStatus
    from giamngheo.reporting.models import Submission

    officer, admin = rworld.users["district_officer"], rworld.users["province_admin"]
    submission = fill(start("D1", actor_key="district_officer"), officer)
    fields = ("status", "submitted_at", "decided_at", "return_reason", "version")
    mail.outbox.clear()
    for from_status, to in SUBMISSION_WORKFLOW.pairs_outside():
        Submission.objects.filter(pk=submission.pk).update(status=from_status)
        before = Submission.objects.values(*fields).get(pk=submission.pk)
        with pytest.raises(ValidationError) as exc:
            services.transition_submission(
                submission=submission, to=to, actor=admin, reason="Lý do."
            )
        assert exc.value.code == "bad_transition"
        assert exc.value.messages == [
            f"Không thể chuyển báo cáo từ “{SubmissionStatus(from_status).label}” "
            f"sang “{SubmissionStatus(to).label}”."
        ], (from_status, to)
        assert Submission.objects.values(*fields).get(pk=submission.pk) == before
        assert not submission.events.exists()
    assert mail.outbox == []
