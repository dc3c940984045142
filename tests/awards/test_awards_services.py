from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from giamngheo.awards import selectors, services
from giamngheo.awards.enums import Choice, MeetingStatus, NominationStatus
from giamngheo.awards.models import (
    AwardForm,
    Ballot,
    CouncilSeat,
    Decision,
    DossierFile,
    Nomination,
    NomineeIdentity,
    RequiredComponent,
    RuleSet,
    VoteMark,
)
from giamngheo.core.models import StatusEvent
from giamngheo.organisations.models import Membership

from .conftest import COUNCIL, pdf

N = NominationStatus


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2023, 12, 31), "tdkt-2013-nd91-2017"),
        (date(2024, 1, 1), "tdkt-2022-nd98-2023"),
        (date(2025, 6, 30), "tdkt-2022-nd98-2023"),
        (date(2025, 7, 1), "tdkt-2022-nd152-2025"),
    ],
)
def test_rule_set_in_force_by_the_records_date(day, code):
    rule_set = selectors.rule_set_on(day)
    assert rule_set.code == code
    assert rule_set.verification == "reported"
    assert (rule_set.quorum_numerator, rule_set.quorum_denominator) == (2, 3)


@pytest.mark.django_db
def test_seeded_forms_carry_their_vote_rules():
    old = selectors.form_on(day=date(2023, 6, 1), code="bang_khen_tinh")
    assert (old.threshold_percent, old.denominator, old.written_opinions_count) == (90, "all", True)
    assert old.public_comment_days == 0
    assert [c.code for c in old.components.all()] == ["to_trinh", "bao_cao", "bien_ban"]
    new = selectors.form_on(day=date(2024, 3, 1), code="bang_khen_tinh")
    assert new.public_comment_days == 10
    assert new.for_collective is not False
    # Districts are gone from 1/7/2025: the district's Giấy khen is no form of that rule set.
    with pytest.raises(ValidationError) as exc:
        selectors.form_on(day=date(2025, 7, 1), code="giay_khen_huyen")
    assert "không có trong" in exc.value.messages[0]


def test_a_new_rule_set_added_as_data_is_followed_by_a_later_nomination(aworld):
    rules_2026 = RuleSet.objects.create(
        code="quy-dinh-2026",
        name="Quy định thử nghiệm năm 2026",
        law="Luật Thi đua, khen thưởng số 06/2022/QH15",
        decree="Nghị định giả định",
        effective_from=date(2026, 1, 1),
        quorum_numerator=1,
        quorum_denominator=2,
    )
    form = AwardForm.objects.create(
        rule_set=rules_2026,
        code="giay_khen_huyen",
        name="Giấy khen (quy định 2026)",
        level="commune",
        threshold_percent=75,
        denominator="present",
        written_opinions_count=False,
        public_comment_days=3,
    )
    RequiredComponent.objects.create(form=form, code="to_trinh", name="Tờ trình")
    round_ = aworld.round
    round_.nominations_close = date(2026, 3, 31)
    round_.save()
    n = aworld.nomination(dated_on=date(2026, 2, 2))
    assert (n.rule_set, n.form) == (rules_2026, form)
    services.attach_component(
        actor=aworld.users["district_officer"],
        nomination=n,
        component_code="to_trinh",
        upload=pdf(),
    )
    n = services.submit_nomination(actor=aworld.users["district_officer"], nomination=n)
    assert n.status == N.SUBMITTED
    counts = selectors.Attendances(members=7, present=4, written=0)
    q = selectors.Quorum(7, 4, rules_2026.quorum_numerator, rules_2026.quorum_denominator)
    assert q.met and q.required == 4
    result = selectors.tally(form=form, counts=counts, quorum_met=True, agree=3)
    assert (result.denominator, result.required, result.met) == (4, 3, True)


def test_nomination_follows_the_rule_set_of_its_own_date(aworld):
    n = aworld.nomination(dated_on=date(2023, 10, 10))
    assert n.rule_set.code == "tdkt-2013-nd91-2017"
    assert n.form.rule_set_id == n.rule_set_id


# --- the council's arithmetic ---------------------------------------------------------------


def _form(**kwargs):
    return AwardForm(
        code="x",
        name="Thử",
        level="province",
        threshold_percent=kwargs.get("percent", 90),
        threshold_strict=kwargs.get("strict", False),
        denominator=kwargs.get("denominator", "all"),
        written_opinions_count=kwargs.get("written", True),
    )


def test_ninety_percent_of_seven_over_all_members_needs_all_seven():
    counts = selectors.Attendances(members=7, present=5, written=2)
    form = _form(denominator="all")
    six = selectors.tally(form=form, counts=counts, quorum_met=True, agree=4, written_agree=2)
    assert (six.agree, six.denominator, six.required, six.met) == (6, 7, 7, False)
    assert six.arithmetic == (
        "Đồng ý 6/7 tổng số thành viên hội đồng = 85,71 %; cần từ 90 % (ít nhất 7 phiếu): "
        "không đạt."
    )
    seven = selectors.tally(form=form, counts=counts, quorum_met=True, agree=5, written_agree=2)
    assert (seven.agree, seven.met) == (7, True)


def test_ninety_percent_of_those_present_counts_only_the_room():
    counts = selectors.Attendances(members=7, present=5, written=2)
    form = _form(denominator="present", written=False)
    four = selectors.tally(form=form, counts=counts, quorum_met=True, agree=4, written_agree=2)
    assert (four.agree, four.denominator, four.required, four.met) == (4, 5, 5, False)
    five = selectors.tally(form=form, counts=counts, quorum_met=True, agree=5)
    assert (five.denominator, five.met) == (5, True)
    assert five.arithmetic == (
        "Đồng ý 5/5 số thành viên dự họp = 100 %; cần từ 90 % (ít nhất 5 phiếu): đạt."
    )
    # The same five agreeing under the all-members denominator fail: 5/7 = 71,43 %.
    assert not selectors.tally(
        form=_form(denominator="all", written=False), counts=counts, quorum_met=True, agree=5
    ).met


def test_strict_majority_of_those_present_is_more_than_half():
    counts = selectors.Attendances(members=6, present=6, written=0)
    form = _form(percent=50, strict=True, denominator="present", written=False)
    assert selectors.tally(form=form, counts=counts, quorum_met=True, agree=3).met is False
    four = selectors.tally(form=form, counts=counts, quorum_met=True, agree=4)
    assert (four.required, four.met) == (4, True)


def test_quorum_two_thirds_exactly_met_and_missed():
    met = selectors.Quorum(members=6, present=4, numerator=2, denominator=3)
    assert (met.required, met.met) == (4, True)
    assert met.arithmetic == (
        "Dự họp 4/6 thành viên (66,67 %); cần ít nhất 2/3, tức 4 thành viên: đủ."
    )
    missed = selectors.Quorum(members=6, present=3, numerator=2, denominator=3)
    assert missed.met is False
    assert selectors.Quorum(7, 5, 2, 3).met is True
    seven_four = selectors.Quorum(7, 4, 2, 3)
    assert (seven_four.required, seven_four.met) == (5, False)


def test_no_vote_passes_without_quorum():
    counts = selectors.Attendances(members=7, present=7, written=0)
    assert not selectors.tally(form=_form(), counts=counts, quorum_met=False, agree=7).met


def test_public_window_is_counted_in_working_days_across_tet(aworld):
    aworld.round.nominations_close = date(2024, 3, 1)
    aworld.round.save()
    n = aworld.complete(
        aworld.nomination(
            form_code="bang_khen_tinh",
            dated_on=date(2024, 1, 29),
            identity={
                "citizen_id": "024123456789",
                "birth_date": date(1970, 5, 1),
                "address": "Thôn Đồng Mới",
            },
        )
    )
    services.submit_nomination(actor=aworld.users["district_officer"], nomination=n)
    services.pass_appraisal(actor=aworld.users["office"], nomination=n)
    # 10 working days (Nghị định 98/2023 rule set) from Monday 5/2/2024: Tết Giáp Thìn closes
    # 8/2–14/2, so the window ends on Monday 26/2/2024, not on 19/2.
    n = services.publish_nomination(
        actor=aworld.users["office"], nomination=n, today=date(2024, 2, 5)
    )
    assert (n.status, n.comment_until) == (N.PUBLIC_COMMENT, date(2024, 2, 26))


# --- the flow -------------------------------------------------------------------------------


def test_flow_from_draft_to_commended_with_returned_dossier(aworld):
    officer, office = aworld.users["district_officer"], aworld.users["office"]
    n = aworld.complete(aworld.nomination())
    n = services.submit_nomination(actor=officer, nomination=n)
    n = services.return_nomination(
        actor=office, nomination=n, reason="Báo cáo thành tích chưa có xác nhận của UBND xã."
    )
    assert (n.status, n.return_reason) == (
        N.RETURNED,
        "Báo cáo thành tích chưa có xác nhận của UBND xã.",
    )
    n = services.submit_nomination(actor=officer, nomination=n)
    n = services.pass_appraisal(actor=office, nomination=n)
    n = services.publish_nomination(actor=office, nomination=n, today=date(2023, 11, 1))
    assert (n.status, n.comment_until) == (N.PUBLIC_COMMENT, date(2023, 11, 8))
    services.add_public_comment(
        nomination=n,
        text="Gia đình ông thật sự vươn lên.",
        author_name="Lê Văn Dân",
        at=services.timezone.now().replace(year=2023, month=11, day=3),
    )
    with pytest.raises(ValidationError) as exc:
        services.send_to_council(actor=office, nomination=n, today=date(2023, 11, 8))
    assert exc.value.messages == [
        "Chưa hết thời gian lấy ý kiến công khai (đến hết ngày 08/11/2023)."
    ]
    n = services.send_to_council(actor=office, nomination=n, today=date(2023, 11, 9))
    m = aworld.meeting(absent_written=["hoidong6", "hoidong7"])
    services.open_meeting(actor=office, meeting=m)
    services.record_ballot(actor=office, meeting=m, nomination=n, agree=4, disagree=1)
    m = services.close_meeting(actor=office, meeting=m)
    decision = services.decide_round(
        actor=office,
        round=aworld.round,
        number="125/QĐ-UBND",
        signed_on=date(2023, 11, 25),
        authority="ỦY BAN NHÂN DÂN TỈNH",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn Ký",
    )
    n.refresh_from_db()
    # Giấy khen: more than 50 % of those present (written opinions not counted): 4/5.
    assert (n.status, n.decision) == (N.COMMENDED, decision)
    last = StatusEvent.objects.filter(object_id=n.pk, to_status=N.COMMENDED).get()
    assert (
        last.reason
        == "Đồng ý 4/5 số thành viên dự họp = 80 %; cần trên 50 % (ít nhất 3 phiếu): đạt."
    )
    entry = services.revoke_commendation(
        actor=office,
        nomination=n,
        number="12/QĐ-UBND",
        revoked_on=date(2024, 3, 1),
        grounds="Phát hiện kê khai không trung thực thành tích.",
    )
    n.refresh_from_db()
    assert (n.status, entry.decision) == (N.REVOKED, decision)


def test_a_vote_below_threshold_is_not_commended(aworld):
    office = aworld.users["office"]
    n = aworld.to_council(aworld.nomination())
    m = aworld.meeting()
    services.open_meeting(actor=office, meeting=m)
    services.record_ballot(actor=office, meeting=m, nomination=n, agree=3, disagree=4)
    services.close_meeting(actor=office, meeting=m)
    services.decide_round(
        actor=office,
        round=aworld.round,
        number="1/QĐ-UBND",
        signed_on=date(2023, 11, 25),
        authority="UBND TỈNH",
        signer_title="CHỦ TỊCH",
        signer_name="A",
    )
    n.refresh_from_db()
    assert n.status == N.NOT_COMMENDED


def test_secret_ballot_no_table_links_a_member_to_a_vote_after_closing(aworld):
    office = aworld.users["office"]
    n = aworld.to_council(aworld.nomination())
    m = aworld.meeting()
    services.open_meeting(actor=office, meeting=m)
    for i, username in enumerate(COUNCIL):
        choice = Choice.AGREE if i < 6 else Choice.DISAGREE
        services.cast_vote(actor=aworld.users[username], meeting=m, nomination=n, choice=choice)
    with pytest.raises(ValidationError):
        services.cast_vote(actor=aworld.users["hoidong1"], meeting=m, nomination=n, choice="agree")
    assert VoteMark.objects.count() == 7
    services.close_meeting(actor=office, meeting=m)
    ballot = Ballot.objects.get()
    assert (ballot.source, ballot.agree, ballot.disagree, ballot.invalid) == ("online", 6, 1, 0)
    assert VoteMark.objects.count() == 0
    voters = get_user_model().objects.filter(username__in=COUNCIL)
    memberships = Membership.objects.filter(user__in=voters)
    seats = CouncilSeat.objects.filter(meeting=m)
    person_targets = {get_user_model(): voters, Membership: memberships, CouncilSeat: seats}
    vote_targets = {Nomination, Ballot}
    inspected = 0
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if f.concrete and f.is_relation]
        person = [f for f in fields if f.related_model in person_targets]
        vote = [f for f in fields if f.related_model in vote_targets]
        choice = [
            f
            for f in model._meta.concrete_fields
            if getattr(f, "choices", None) and set(Choice.values) <= {c[0] for c in f.choices}
        ]
        if person and (vote or choice):
            inspected += 1
            for f in person:
                rows = model._default_manager.filter(
                    **{f"{f.name}__in": person_targets[f.related_model]}
                )
                assert not rows.exists(), f"{model.__name__}.{f.name} links a member to a vote"
    assert inspected >= 1  # VoteMark (seat × nomination) at least was looked at
    # The history neither: no event of a voter on the nomination.
    nomination_type = ContentType.objects.get_for_model(Nomination)
    assert not StatusEvent.objects.filter(
        content_type=nomination_type, object_id=n.pk, actor__in=voters
    ).exists()


# --- bad input ------------------------------------------------------------------------------


def test_missing_required_component_is_refused_and_nothing_written(aworld):
    n = aworld.nomination()
    services.attach_component(
        actor=aworld.users["district_officer"],
        nomination=n,
        component_code="to_trinh",
        upload=pdf(),
    )
    events = StatusEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.submit_nomination(actor=aworld.users["district_officer"], nomination=n)
    assert exc.value.messages == [
        "Hồ sơ còn thiếu thành phần bắt buộc: Báo cáo thành tích có xác nhận của cấp trình; "
        "Biên bản họp xét của đơn vị đề nghị."
    ]
    n.refresh_from_db()
    assert (n.status, n.submitted_at, StatusEvent.objects.count()) == (N.DRAFT, None, events)


def test_nomination_outside_the_units_scope_is_refused(aworld):
    before = Nomination.objects.count()
    with pytest.raises(ValidationError) as exc:
        aworld.nomination(commune="C2a")
    assert exc.value.messages == [
        "Đối tượng ở Xã C2a, ngoài địa bàn của Ủy ban nhân dân huyện T1: đơn vị không được đề nghị."
    ]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        aworld.nomination(org="D2")  # district T1's officer files for district T2
    assert Nomination.objects.count() == before


def test_personal_data_only_where_the_form_needs_it(aworld):
    with pytest.raises(ValidationError) as exc:
        aworld.nomination(identity={"citizen_id": "024123456789"})
    assert "không lưu các thông tin đó" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        aworld.nomination(form_code="bang_khen_tinh")  # needs the citizen ID and birth date
    n = aworld.nomination(
        form_code="bang_khen_tinh",
        identity={"citizen_id": "024123456789", "birth_date": date(1970, 5, 1), "address": "X"},
    )
    assert NomineeIdentity.objects.get().nomination == n


def test_vote_on_a_closed_meeting_and_counts_over_attendance_are_refused(aworld):
    office = aworld.users["office"]
    n = aworld.to_council(aworld.nomination())
    m = aworld.meeting(absent_written=["hoidong7"])
    with pytest.raises(ValidationError) as exc:
        services.record_ballot(actor=office, meeting=m, nomination=n, agree=1, disagree=0)
    assert exc.value.messages == ["Phiên họp không trong thời gian bỏ phiếu (Đã triệu tập)."]
    services.open_meeting(actor=office, meeting=m)
    with pytest.raises(ValidationError) as exc:
        services.record_ballot(actor=office, meeting=m, nomination=n, agree=5, disagree=2)
    assert exc.value.messages == ["Tổng số phiếu (7) vượt số thành viên có mặt (6)."]
    with pytest.raises(ValidationError) as exc:
        services.record_ballot(
            actor=office, meeting=m, nomination=n, agree=5, disagree=1, written_agree=2
        )
    assert exc.value.messages == [
        "Số ý kiến bằng văn bản (2) vượt số thành viên vắng mặt có ý kiến (1)."
    ]
    assert Ballot.objects.count() == 0
    services.record_ballot(actor=office, meeting=m, nomination=n, agree=6, disagree=0)
    services.close_meeting(actor=office, meeting=m)
    with pytest.raises(ValidationError) as exc:
        services.record_ballot(actor=office, meeting=m, nomination=n, agree=1, disagree=5)
    assert exc.value.messages == [
        "Phiên họp không trong thời gian bỏ phiếu (Đã kết thúc, đã kiểm phiếu)."
    ]
    with pytest.raises(ValidationError):
        services.cast_vote(actor=aworld.users["hoidong1"], meeting=m, nomination=n, choice="agree")
    assert Ballot.objects.values_list("agree", "disagree").get() == (6, 0)


def test_meeting_without_quorum_does_not_open(aworld):
    m = aworld.meeting(absent_written=["hoidong5", "hoidong6"], absent=["hoidong7"])
    with pytest.raises(ValidationError) as exc:
        services.open_meeting(actor=aworld.users["office"], meeting=m)
    assert exc.value.messages == [
        "Phiên họp không đủ số thành viên dự họp. Dự họp 4/7 thành viên (57,14 %); cần ít nhất "
        "2/3, tức 5 thành viên: không đủ."
    ]
    m.refresh_from_db()
    assert m.status == MeetingStatus.SCHEDULED


def test_decision_before_the_comment_window_ends_is_refused(aworld):
    office = aworld.users["office"]
    n = aworld.to_council(aworld.nomination())
    m = aworld.meeting()
    services.open_meeting(actor=office, meeting=m)
    services.record_ballot(actor=office, meeting=m, nomination=n, agree=7, disagree=0)
    services.close_meeting(actor=office, meeting=m)
    with pytest.raises(ValidationError) as exc:
        services.decide_round(
            actor=office,
            round=aworld.round,
            number="1/QĐ-UBND",
            signed_on=n.comment_until,
            authority="UBND TỈNH",
            signer_title="CHỦ TỊCH",
            signer_name="A",
        )
    assert exc.value.messages == [
        f"Chưa hết thời gian lấy ý kiến công khai của “{n.name}” (đến hết ngày "
        f"{n.comment_until:%d/%m/%Y}): chưa ra quyết định được."
    ]
    assert Decision.objects.count() == 0
    n.refresh_from_db()
    assert n.status == N.COUNCIL


def test_every_refused_transition_is_refused_by_the_helper(aworld):
    from giamngheo.awards.enums import NOMINATION_WORKFLOW
    from giamngheo.core.workflow import transition

    n = aworld.nomination()
    for from_status, to_status in NOMINATION_WORKFLOW.pairs_outside():
        Nomination.objects.filter(pk=n.pk).update(status=from_status)
        with pytest.raises(ValidationError) as exc:
            transition(n, workflow=NOMINATION_WORKFLOW, to=to_status, actor=None)
        assert exc.value.code == "bad_transition"


def test_dossier_upload_refuses_a_file_that_is_not_a_document(aworld):
    from django.core.files.uploadedfile import SimpleUploadedFile

    n = aworld.nomination()
    with pytest.raises(ValidationError):
        services.attach_component(
            actor=aworld.users["district_officer"],
            nomination=n,
            component_code="to_trinh",
            upload=SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>"),
        )
    assert DossierFile.objects.count() == 0


def test_scoped_selectors(aworld):
    n = aworld.nomination()
    u = aworld.users
    assert list(selectors.nominations_for_user(user=u["district_officer"])) == [n]
    assert list(selectors.nominations_for_user(user=u["office"])) == [n]
    assert list(selectors.nominations_for_user(user=u["other_district_officer"])) == []
    assert list(selectors.nominations_for_user(user=u["hoidong1"])) == []  # not yet before them
    assert list(selectors.nominations_for_user(user=u["outsider"])) == []
    assert list(selectors.nominations_for_user(user=u["editor"])) == []
    aworld.to_council(n)
    assert list(selectors.nominations_for_user(user=u["hoidong1"])) == [n]
