"""The contest's services: the journey, scoring over two rounds (mean, median, spread, z,
ties, override), every refused transition, bad input (Vietnamese, nothing written), metadata
stripped, the documents read back and the measures' contract."""

from __future__ import annotations

import io
import statistics
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from giamngheo.contests import services
from giamngheo.contests.documents import build_decision_docx, build_minutes_docx
from giamngheo.contests.enums import (
    CONTEST_WORKFLOW,
    ENTRY_WORKFLOW,
    ROUND_WORKFLOW,
    EntryStatus,
)
from giamngheo.contests.models import Conflict, Contest, Entry, EntryFile, Review, Round, RoundEntry
from giamngheo.planning import registry
from tests.contests.conftest import AUTHOR, COAUTHOR, score, to_judging, upload

pytestmark = pytest.mark.django_db

R1 = {
    0: [(40, 30, 30), (30, 30, 30), (10, 10, 10)],
    1: [(20, 15, 15), (40, 30, 0), (20, 20, 20)],
    2: [(30, 30, ""), (40, 0, 0), None],
}


def run_round1(cw):
    org = cw.users["organiser"]
    services.open_round(actor=org, round=cw.rounds[0], notify_jurors=False)
    for index, rows in R1.items():
        for juror_no, values in enumerate(rows, start=1):
            if values is not None:
                score(cw, juror_no, cw.entries[index], values)
    return services.close_round(actor=org, round=cw.rounds[0])


def results(rnd):
    return {
        r.entry.title: (r.mean, r.median, r.spread, r.rank, r.proposed, r.tie)
        for r in RoundEntry.objects.filter(round=rnd).select_related("entry")
    }


def test_round_one_mean_median_spread_and_proposal(cw):
    to_judging(cw)
    run_round1(cw)
    assert results(cw.rounds[0]) == {
        "Bản làng đổi thay": (Decimal("71.43"), Decimal("85.71"), Decimal("71.43"), 1, True, False),
        "Con đường thoát nghèo": (
            Decimal("61.90"),
            Decimal("57.14"),
            Decimal("28.57"),
            2,
            True,
            False,
        ),
        "Mùa cam Lục Ngạn": (Decimal("60.72"), Decimal("60.72"), Decimal("7.15"), 3, False, False),
    }
    # z: each juror's totals normalised to their own mean and deviation, averaged per entry.
    totals = {}
    for review in Review.objects.filter(round=cw.rounds[0], total__isnull=False):
        totals.setdefault(review.juror_id, {})[review.entry_id] = float(review.total)
    expected = []
    for entry in cw.entries[:1]:
        zs = []
        for by_entry in totals.values():
            if entry.pk in by_entry:
                values = list(by_entry.values())
                zs.append(
                    (by_entry[entry.pk] - statistics.fmean(values)) / statistics.pstdev(values)
                )
        expected.append(round(statistics.fmean(zs), 3))
    row = RoundEntry.objects.get(round=cw.rounds[0], entry=cw.entries[0])
    assert float(row.zscore) == expected[0]


def test_employer_conflict_excludes_juror_automatically(cw):
    to_judging(cw)
    services.open_round(actor=cw.users["organiser"], round=cw.rounds[0], notify_jurors=False)
    paper_entry = cw.entries[2]
    assert not Review.objects.filter(juror=cw.jurors[3], entry=paper_entry).exists()
    assert Conflict.objects.get(juror=cw.jurors[3], entry=paper_entry).source == "employer"
    assert Review.objects.filter(round=cw.rounds[0]).count() == 8


def test_two_rounds_override_and_decision(cw):
    to_judging(cw)
    run_round1(cw)
    org = cw.users["organiser"]
    third = RoundEntry.objects.get(round=cw.rounds[0], entry=cw.entries[2])
    services.override_result(
        actor=org,
        round_entry=third,
        selected=True,
        prize=None,
        reason="Hội đồng bổ sung do độ lệch điểm thấp",
    )
    services.sign_minutes(actor=org, round=cw.rounds[0])
    services.open_round(actor=org, round=cw.rounds[1], notify_jurors=False)
    assert RoundEntry.objects.filter(round=cw.rounds[1]).count() == 3
    for entry, values in zip(cw.entries, [(40, 30, 30), (30, 30, 30), (20, 20, 20)], strict=True):
        score(cw, 1, entry, values, round_index=1)
    score(cw, 2, cw.entries[0], (40, 30, 20), round_index=1)
    score(cw, 2, cw.entries[1], (0, 0, 0), round_index=1, abstain=True)
    score(cw, 2, cw.entries[2], (30, 20, 20), round_index=1)
    services.close_round(actor=org, round=cw.rounds[1])
    rows = {
        r.entry.title: (r.mean, r.median, r.prize.name)
        for r in RoundEntry.objects.filter(round=cw.rounds[1]).select_related("entry", "prize")
    }
    assert rows == {
        "Bản làng đổi thay": (Decimal("96.43"), Decimal("96.43"), "Giải A"),
        "Con đường thoát nghèo": (Decimal("85.71"), Decimal("85.71"), "Giải B"),
        "Mùa cam Lục Ngạn": (Decimal("64.29"), Decimal("64.29"), "Giải KK"),
    }
    with pytest.raises(ValidationError) as refused:
        services.issue_decision(
            actor=org,
            contest=cw.contest,
            number="125/QĐ-SLĐTBXH",
            on=date(2023, 12, 1),
            signer_title="Giám đốc",
            signer_name="Nguyễn Văn Ký",
        )
    assert refused.value.messages == ["Vòng xét giải chưa ký biên bản."]
    services.sign_minutes(actor=org, round=cw.rounds[1])
    services.award_collective(
        actor=org,
        contest=cw.contest,
        tier=cw.collective,
        organisation=cw.orgs["station"],
        reason="Đơn vị có nhiều tác phẩm chất lượng",
        on=date(2023, 12, 1),
    )
    contest = services.issue_decision(
        actor=org,
        contest=cw.contest,
        number="125/QĐ-SLĐTBXH",
        on=date(2023, 12, 1),
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Ký",
    )
    assert contest.status == "decided"
    assert RoundEntry.objects.filter(awarded_on=date(2023, 12, 1)).count() == 3

    # The decision: NĐ 30 letterhead, articles, the annex with the authors (revealed now).
    text = [p.text for p in docx.Document(io.BytesIO(build_decision_docx(contest))).paragraphs]
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc trao giải Cuộc thi tác\nphẩm báo chí về giảm nghèo năm 2023" in text
    assert (
        "Điều 1. Trao 3 giải cho các tác phẩm và 1 giải tập thể (danh sách kèm theo), "
        "tổng tiền thưởng 15.000.000 đồng."
    ) in text
    assert "(Kèm theo Quyết định số 125/QĐ-SLĐTBXH ngày 01/12/2023)" in text
    document = docx.Document(io.BytesIO(build_decision_docx(contest)))
    annex = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert annex[1] == [
        "1",
        "Phát thanh: Giải A",
        "Bản làng đổi thay",
        f"{AUTHOR} (Ngọc Sương), {COAUTHOR}",
        "Đài Phát thanh Mẫu",
        "5.000.000",
    ]
    # The minutes: codes only, never a name.
    minutes = docx.Document(io.BytesIO(build_minutes_docx(Round.objects.get(pk=cw.rounds[0].pk))))
    body = "\n".join(p.text for p in minutes.paragraphs) + "\n".join(
        c.text for t in minutes.tables for row in t.rows for c in row.cells
    )
    assert "PT-001" in body and "Hội đồng điều chỉnh kết quả tác phẩm PT-003" in body
    for secret in (AUTHOR, COAUTHOR, "Đài Phát thanh Mẫu", "Báo Miền Núi Mẫu"):
        assert secret not in body


@pytest.mark.parametrize(
    "workflow,model",
    [(ENTRY_WORKFLOW, "entry"), (ROUND_WORKFLOW, "round"), (CONTEST_WORKFLOW, "contest")],
)
def test_every_refused_transition(cw, workflow, model):
    from giamngheo.core.workflow import transition

    to_judging(cw, n=1)
    obj = {"entry": cw.entries[0], "round": cw.rounds[0], "contest": cw.contest}[model]
    type(obj).objects.filter(pk=obj.pk).update()
    for from_status, to_status in workflow.pairs_outside():
        type(obj).objects.filter(pk=obj.pk).update(status=from_status)
        with pytest.raises(ValidationError) as refused:
            transition(obj, workflow=workflow, to=to_status, actor=cw.users["organiser"])
        assert refused.value.code == "bad_transition"
        assert type(obj).objects.get(pk=obj.pk).status == from_status


def _nothing_written(before):
    assert (Entry.objects.count(), EntryFile.objects.count()) == before


@pytest.mark.parametrize(
    "case,field,message",
    [
        (
            "window",
            "published_on",
            "Tác phẩm phải được đăng, phát từ ngày 01/01/2023 đến ngày 31/10/2023.",
        ),
        (
            "declaration",
            "declarations",
            "Vui lòng xác nhận đủ ba cam kết: chưa đoạt giải ở cuộc thi khác, "
            "không đồng thời dự giải khác, đồng ý cho Ban tổ chức sử dụng tác phẩm.",
        ),
        ("wrong_kind", "work", "Loại tệp không được chấp nhận. Chỉ nhận: m4a, mp3, ogg."),
        ("duplicate", "title", "Tác phẩm này đã được gửi dự thi."),
        ("limit", "__all__", "Mỗi tác giả gửi không quá 2 tác phẩm."),
    ],
)
def test_bad_entries_are_refused_in_vietnamese(cw, case, field, message):
    from tests.contests.conftest import pdf_bytes

    if case in ("duplicate", "limit"):
        cw.submit(title="Bản làng đổi thay")
    if case == "limit":
        cw.submit(title="Bài thứ hai")
    overrides = {
        "window": {"published_on": date(2022, 12, 31)},
        "declaration": {"declarations": {"not_awarded_elsewhere": True}},
        "wrong_kind": {
            "files": {"work": upload("a.mp3", pdf_bytes()), "script": upload("b.pdf", pdf_bytes())}
        },
        "duplicate": {"title": "BẢN LÀNG ĐỔI THAY"},
        "limit": {"title": "Bài thứ ba"},
    }[case]
    before = (Entry.objects.count(), EntryFile.objects.count())
    with pytest.raises(ValidationError) as refused:
        cw.submit(**{"title": "Tác phẩm mới", **overrides})
    assert refused.value.message_dict[field] == [message]
    _nothing_written(before)


def test_jury_member_cannot_enter(cw):
    from tests.contests.conftest import to_judging as _  # noqa: F401

    juror_entrant = services.register_entrant(
        email="gk@example.vn",
        password="NhaBao#Demo2023",
        full_name="Giám Khảo Dự Thi",
        phone="0912000222",
        send=False,
        verified=True,
        username="gkdt",
    )
    cw.contest.secretariat.add(juror_entrant.user)
    before = (Entry.objects.count(), EntryFile.objects.count())
    with pytest.raises(ValidationError) as refused:
        cw.submit(juror_entrant, title="Bài của thư ký")
    assert refused.value.messages == [
        "Thành viên ban tổ chức, ban giám khảo và tổ thư ký không được gửi tác phẩm dự thi."
    ]
    _nothing_written(before)


def test_score_above_maximum_and_on_closed_round(cw):
    to_judging(cw, n=2)
    services.open_round(actor=cw.users["organiser"], round=cw.rounds[0], notify_jurors=False)
    with pytest.raises(ValidationError) as refused:
        score(cw, 1, cw.entries[0], (41, 30, 30))
    assert list(refused.value.message_dict.values()) == [
        ["Điểm “Nội dung, tư tưởng” vượt quá điểm tối đa 40."]
    ]
    review = Review.objects.get(juror=cw.jurors[1], entry=cw.entries[0])
    assert review.scores.count() == 0 and review.scored_at is None
    score(cw, 1, cw.entries[0], (40, 30, 30))
    services.close_round(actor=cw.users["organiser"], round=cw.rounds[0])
    with pytest.raises(ValidationError) as refused:
        score(cw, 1, cw.entries[0], (10, 10, 10))
    assert refused.value.messages == ["Vòng chấm đã khóa hoặc chưa mở: không thể lưu điểm."]
    assert Review.objects.get(pk=review.pk).total == Decimal("100.00")
    with pytest.raises(PermissionDenied):
        services.save_scores(actor=cw.users["juror2"], review=review, values={})


def test_files_are_stripped_of_author_metadata(cw):
    entry = cw.submit(title="Bản làng đổi thay")
    for stored in entry.files.all():
        data = stored.file.read()
        assert AUTHOR.encode() not in data, stored.role
        assert not stored.file.name.endswith(".pdf") or data.startswith(b"%PDF")
        assert AUTHOR not in stored.file.name


def test_accept_gives_codes_and_refuse_needs_reason(cw):
    first = cw.submit(title="Một")
    second = cw.submit(title="Hai")
    sec = cw.users["secretary"]
    assert services.accept_entry(actor=sec, entry=first, tell=False).code == "PT-001"
    with pytest.raises(ValidationError) as refused:
        services.refuse_entry(actor=sec, entry=second, reason=" ")
    assert refused.value.message_dict == {
        "reason": ["Vui lòng ghi lý do không hợp lệ để báo tác giả."]
    }
    with pytest.raises(PermissionDenied):
        services.accept_entry(actor=cw.users["organiser"], entry=second)
    refused_entry = services.refuse_entry(
        actor=sec, entry=second, reason="Phát sóng năm 2022", tell=False
    )
    assert (refused_entry.status, refused_entry.refusal_reason) == (
        EntryStatus.REFUSED,
        "Phát sóng năm 2022",
    )


def test_rounds_must_follow_each_other(cw):
    to_judging(cw, n=1)
    with pytest.raises(ValidationError) as refused:
        services.add_round(
            actor=cw.users["organiser"],
            contest=cw.contest,
            number=3,
            name="Vòng thêm",
            starts_on=date(2023, 11, 20),
            ends_on=date(2023, 11, 30),
            media=[cw.radio],
            criteria=[services.CriterionSpec("Nội dung", 10)],
        )
    assert refused.value.message_dict == {
        "starts_on": ["Các vòng chấm không được trùng thời gian và phải nối tiếp nhau."]
    }
    assert Round.objects.filter(contest=cw.contest).count() == 2


def test_measures_count_from_records(cw):
    to_judging(cw)
    run_round1(cw)
    activities = type(cw.contest.activity).objects.filter(pk=cw.contest.activity_id)
    today = Contest.objects.get(pk=cw.contest.pk).opened_at.date()
    counts = {
        code: registry.get_measure(code).count(
            activities, start=date(2023, 1, 1), end=date(2030, 1, 1)
        )
        for code in (
            "contest.entries",
            "contest.entries_eligible",
            "contest.outlets",
            "contest.prizes",
            "contest.collective_prizes",
        )
    }
    a = cw.contest.activity_id
    assert counts == {
        "contest.entries": {a: 3},
        "contest.entries_eligible": {a: 3},
        "contest.outlets": {a: 2},
        "contest.prizes": {},
        "contest.collective_prizes": {},
    }
    assert (
        registry.get_measure("contest.entries").count(
            activities, start=date(2000, 1, 1), end=date(2000, 1, 2)
        )
        == {}
    )
    assert today


def test_decision_pdf_renders(cw, tmp_path):
    from giamngheo.contests.documents import build_decision_pdf
    from giamngheo.core.documents import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    test_two_rounds_override_and_decision(cw)
    data = build_decision_pdf(Contest.objects.get(pk=cw.contest.pk))
    assert data.startswith(b"%PDF")
    import os

    os.makedirs("test-artifacts", exist_ok=True)
    with open("test-artifacts/contests-decision.pdf", "wb") as out:
        out.write(data)
