import shutil
import subprocess
import time
import unicodedata
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from giamngheo.awards import services
from giamngheo.awards.models import PublicComment
from giamngheo.core.antiabuse import sign_started
from giamngheo.core.documents import soffice_path
from giamngheo.organisations.models import PersonalDataAccess

from .conftest import pdf

IDENTITY = {
    "citizen_id": "024199900011",
    "birth_date": date(1968, 2, 3),
    "address": "Số 9 thôn Mới",
}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_district_officer_files_a_household_through_the_screens(aworld):
    client = _client(aworld.users["district_officer"])
    url = reverse("awards_add", args=[aworld.round.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "subject": "household",
            "form_code": "giay_khen_huyen",
            "nominating_organisation": aworld.orgs["D1"].pk,
            "commune": aworld.units["C1b"].pk,
            "name": "Hộ bà Hoàng Thị Chăm",
            "household_members": "5",
            "village": "Bản Chắt",
            "achievements": "Thoát nghèo nhờ trồng cây ăn quả.",
            "dated_on": "15/10/2023",
        },
    )
    assert response.status_code == 302
    n = aworld.round.nominations.get()
    assert (n.name, n.commune, n.status) == ("Hộ bà Hoàng Thị Chăm", aworld.units["C1b"], "draft")
    for component in n.form.components.all():
        r = client.post(
            reverse("awards_attach", args=[n.pk]),
            {"component_code": component.code, "file": pdf()},
        )
        assert r.status_code == 302
    client.post(reverse("awards_submit", args=[n.pk]))
    n.refresh_from_db()
    assert n.status == "submitted"


def test_outside_unit_gets_404_and_council_member_403_on_actions(aworld):
    n = aworld.nomination()
    other = _client(aworld.users["other_district_officer"])
    assert other.get(reverse("awards_nomination", args=[n.pk])).status_code == 404
    assert other.post(reverse("awards_submit", args=[n.pk])).status_code == 404
    officer = _client(aworld.users["district_officer"])
    assert officer.post(reverse("awards_pass", args=[n.pk])).status_code == 403
    n.refresh_from_db()
    assert n.status == "draft"


def test_identity_is_shown_to_the_office_only_and_each_read_logged(aworld):
    n = aworld.nomination(form_code="bang_khen_tinh", identity=IDENTITY)
    officer = _client(aworld.users["district_officer"]).get(
        reverse("awards_nomination", args=[n.pk])
    )
    assert "024199900011" not in officer.content.decode()
    assert PersonalDataAccess.objects.count() == 0
    office = _client(aworld.users["office"]).get(reverse("awards_nomination", args=[n.pk]))
    assert "024199900011" in office.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.actor, access.object_id, access.purpose) == (
        aworld.users["office"],
        str(n.identity.pk),
        "appraise",
    )


def test_public_comment_form_and_its_anti_abuse(aworld):
    n = aworld.complete(aworld.nomination())
    services.submit_nomination(actor=aworld.users["district_officer"], nomination=n)
    services.pass_appraisal(actor=aworld.users["office"], nomination=n)
    services.publish_nomination(
        actor=aworld.users["office"], nomination=n, today=timezone.localdate()
    )
    client = Client()
    listing = client.get(reverse("awards:comment_list")).content.decode()
    assert n.name in listing
    url = reverse("awards:comment", args=[n.pk])
    assert client.get(url).status_code == 200
    robot = client.post(url, {"text": "Spam", "website": "http://x", "started": sign_started()})
    assert robot.status_code == 400
    hurried = client.post(url, {"text": "Nhanh quá", "started": sign_started()})
    assert hurried.status_code == 400
    assert PublicComment.objects.count() == 0
    ok = client.post(
        url,
        {
            "text": "Gia đình chăm chỉ, xứng đáng.",
            "author_name": "Lò Văn Dân",
            "started": sign_started(time.time() - 60),
        },
    )
    assert ok.status_code == 302
    assert list(PublicComment.objects.values_list("author_name", "text")) == [
        ("Lò Văn Dân", "Gia đình chăm chỉ, xứng đáng.")
    ]


def _decided(aworld, names):
    office = aworld.users["office"]
    noms = [
        aworld.to_council(
            aworld.nomination(name=name, form_code="bang_khen_tinh", identity=IDENTITY)
        )
        for name in names
    ]
    m = aworld.meeting(absent_written=["hoidong6", "hoidong7"])
    services.open_meeting(actor=office, meeting=m)
    for n in noms:
        services.record_ballot(
            actor=office, meeting=m, nomination=n, agree=5, disagree=0, written_agree=2
        )
    services.close_meeting(actor=office, meeting=m)
    decision = services.decide_round(
        actor=office,
        round=aworld.round,
        number="3210/QĐ-UBND",
        signed_on=date(2023, 12, 5),
        authority="ỦY BAN NHÂN DÂN TỈNH",
        signer_title="CHỦ TỊCH",
        signer_name="Lê Ánh Dương",
    )
    return m, decision, noms


def _council_queries(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Warm the session and Wagtail's own caches (its site lookup is cached after the first
    # requests of a process, whatever the screen).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url)
    assert page.status_code == 200
    return len(ctx.captured_queries), page.content.decode()


def test_council_screen_queries_do_not_grow_with_the_nominees(aworld):
    """The open meeting's screen, with ballots and public comments, costs the same number of
    queries for 1 nominee as for 4 (and for a page of the screen past the first)."""
    office = aworld.users["office"]
    first = aworld.to_council(aworld.nomination(name="Hộ ông A Một"))
    m = aworld.meeting(absent_written=["hoidong7"])
    services.open_meeting(actor=office, meeting=m)
    PublicComment.objects.create(nomination=first, text="Xứng đáng.", received_at=timezone.now())
    services.record_ballot(
        actor=office, meeting=m, nomination=first, agree=6, disagree=0, written_agree=1
    )
    client = _client(office)
    url = reverse("awards_meeting", args=[m.pk])
    one, text = _council_queries(client, url)
    assert text.count('class="aw-ballot"') == 1
    assert "Đồng ý 6/6 số thành viên dự họp = 100 %; cần trên 50 % (ít nhất 4 phiếu): đạt." in text
    for name in ("Hộ bà B Hai", "Hộ ông C Ba", "Hộ bà D Bốn"):
        n = aworld.to_council(aworld.nomination(name=name))
        services.record_ballot(actor=office, meeting=m, nomination=n, agree=5, disagree=1)
    four, text = _council_queries(client, url)
    assert text.count('class="aw-ballot"') == 4
    assert "Đã có kết quả kiểm phiếu 4/4 đối tượng." in text
    assert four == one


def test_closed_council_screen_queries_do_not_grow_with_the_nominees(aworld):
    """A closed meeting's screen (counts and results, no ballot form) costs the same number of
    queries for 1 nominee as for 4: two rounds of the same council, each closed."""
    office = aworld.users["office"]
    later = services.create_round(
        actor=office,
        activity=aworld.activity,
        movement="Vì người nghèo - Không để ai bị bỏ lại phía sau",
        name="Sơ kết phong trào năm 2023, đợt 2",
        slug="so-ket-2023-dot-2",
        period_start=date(2021, 1, 1),
        period_end=date(2023, 12, 31),
        nominations_close=date(2023, 10, 31),
        office=aworld.orgs["btd"],
        council=aworld.orgs["hd"],
        form_codes=["giay_khen_huyen"],
        public_comment_days=5,
    )
    client = _client(office)
    counts, pages = [], []
    for round_, names in (
        (aworld.round, ["Hộ ông A Một"]),
        (later, ["Hộ bà B Hai", "Hộ ông C Ba", "Hộ bà D Bốn", "Hộ ông E Năm"]),
    ):
        noms = [aworld.to_council(aworld.nomination(name=n, round=round_)) for n in names]
        m = services.create_meeting(actor=office, round=round_, held_on=date(2023, 11, 20))
        services.open_meeting(actor=office, meeting=m)
        for n in noms:
            services.record_ballot(actor=office, meeting=m, nomination=n, agree=5, disagree=2)
        services.close_meeting(actor=office, meeting=m)
        queries, text = _council_queries(client, reverse("awards_meeting", args=[m.pk]))
        counts.append(queries)
        pages.append(text)
    one, four = pages
    assert 'class="aw-ballot"' not in one and 'class="aw-ballot"' not in four
    assert "Đã có kết quả kiểm phiếu 1/1 đối tượng." in one
    assert "Đã có kết quả kiểm phiếu 4/4 đối tượng." in four
    result = "Đồng ý 5/7 số thành viên dự họp = 71,43 %; cần trên 50 % (ít nhất 4 phiếu): đạt."
    assert (one.count(result), four.count(result)) == (1, 4)
    assert counts[0] == counts[1]


def test_council_screen_is_paged_in_the_same_queries(aworld, monkeypatch):
    from giamngheo.awards import selectors

    monkeypatch.setattr(selectors, "COUNCIL_PAGE", 2)
    office = aworld.users["office"]
    names = ["Hộ ông A Một", "Hộ bà B Hai", "Hộ ông C Ba"]
    for name in names:
        aworld.to_council(aworld.nomination(name=name))
    m = aworld.meeting()
    services.open_meeting(actor=office, meeting=m)
    client = _client(office)
    url = reverse("awards_meeting", args=[m.pk])
    first_q, first = _council_queries(client, url)
    second_q, second = _council_queries(client, url + "?trang=2")
    assert [n in first for n in names] == [True, True, False]
    assert [n in second for n in names] == [False, False, True]
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert first_q == second_q
    # A ballot entered on page 2 comes back to page 2.
    third = aworld.round.nominations.get(name="Hộ ông C Ba")
    saved = client.post(
        reverse("awards_ballot", args=[m.pk]),
        {
            "nomination": third.pk,
            "agree": 7,
            "disagree": 0,
            "invalid": 0,
            "written_agree": 0,
            "written_disagree": 0,
            "trang": "2",
        },
    )
    assert (saved.status_code, saved["Location"]) == (302, url + "?trang=2")
    assert third.ballots.get().agree == 7


def test_decision_docx_annex_lists_the_commended_and_honour_roll_has_no_personal_data(aworld):
    import io

    from docx import Document

    m, decision, noms = _decided(aworld, ["Hộ ông Vi Văn Thoát", "Hộ bà Lăng Thị Vươn"])
    for n in noms:
        n.refresh_from_db()
        assert n.status == "commended"
    office = _client(aworld.users["office"])
    response = office.get(reverse("awards_decision", args=[decision.pk, "docx"]))
    assert response.status_code == 200
    document = Document(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    annex = document.tables[-1]
    assert [[c.text for c in row.cells] for row in annex.rows][1:] == [
        [
            "1",
            "Hộ bà Lăng Thị Vươn",
            "Hộ gia đình",
            "Xã C1a",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        ],
        [
            "2",
            "Hộ ông Vi Văn Thoát",
            "Hộ gia đình",
            "Xã C1a",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        ],
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "024199900011" not in text and "Số 9 thôn Mới" not in text
    minutes = office.get(reverse("awards_minutes", args=[m.pk, "docx"]))
    assert minutes.status_code == 200
    # The district officer does not download the decision; the public sees the honour roll.
    assert (
        _client(aworld.users["district_officer"])
        .get(reverse("awards_decision", args=[decision.pk, "docx"]))
        .status_code
        == 404
    )
    roll = Client().get(reverse("awards:honour_roll") + "?nam=2023").content.decode()
    assert "Hộ ông Vi Văn Thoát" in roll and "Xã C1a" in roll
    assert "024199900011" not in roll and "Số 9 thôn Mới" not in roll and "1968" not in roll
    certificate = office.get(reverse("awards_certificate", args=[noms[0].pk, "docx"]))
    assert certificate.status_code == 200
    cert = Document(io.BytesIO(certificate.content))
    section = cert.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


@pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (libreoffice-writer-nogui) or pdftotext (poppler-utils) not installed",
)
def test_decision_pdf_lists_the_commended_without_personal_data(aworld, tmp_path):
    """Done means: the decision's PDF, as its DOCX, lists the commended household."""
    _m, decision, _noms = _decided(aworld, ["Hộ ông Vi Văn Thoát"])
    response = _client(aworld.users["office"]).get(
        reverse("awards_decision", args=[decision.pk, "pdf"])
    )
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(unicodedata.normalize("NFC", out.stdout).split())
    assert "Số: 3210/QĐ-UBND" in text
    assert "DANH SÁCH" in text and "Hộ ông Vi Văn Thoát" in text
    assert "024199900011" not in text and "Số 9 thôn Mới" not in text
