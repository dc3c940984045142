"""The unit's report and the consolidated report as official documents (Nghị định 30/2020),
their XLSX annexes, ``render_document report|consolidated`` and the admin downloads."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from giamngheo.planning import documents as pdoc
from giamngheo.reporting import documents, selectors, services
from giamngheo.reporting.models import Submission
from tests.browser import ARTIFACTS
from tests.reporting.conftest import fill, local

needs_soffice = pytest.mark.skipif(
    pdoc.soffice_path() is None, reason="LibreOffice (libreoffice-writer-nogui) not installed"
)


@pytest.fixture
def reported(rworld, start):
    """H1 reports on 10/11/2023 (on time), H2 on 20/11/2023 (late), commune C1a not at all."""
    d1 = start("D1", actor_key="district_officer")
    d1 = fill(d1, rworld.users["district_officer"])
    services.submit_submission(submission=d1, actor=rworld.users["district_officer"])
    d2 = start("D2", actor_key="other_district_officer")
    d2 = services.save_values(
        submission=d2,
        values={
            ("TT.NGUOI", ""): 250,
            ("TT.TYLE", ""): 75,
            ("TT.GHICHU", ""): "=1+2 thiếu kinh phí",
        },
        actor=rworld.users["other_district_officer"],
        version=d2.version,
    )
    services.submit_submission(submission=d2, actor=rworld.users["other_district_officer"])
    # The deadline (15/11/2023) lies in the past of the test clock: place the sending times.
    Submission.objects.filter(pk=d1.pk).update(submitted_at=local(2023, 11, 10, 9, 0))
    Submission.objects.filter(pk=d2.pk).update(submitted_at=local(2023, 11, 20, 9, 0))
    return {"D1": Submission.objects.get(pk=d1.pk), "D2": Submission.objects.get(pk=d2.pk)}


@pytest.fixture
def approved(rworld, reported):
    """The two reports of ``reported``, approved by the lead department: the consolidated
    report counts approved reports only."""
    for key, submission in reported.items():
        reported[key] = services.approve_submission(
            submission=submission, actor=rworld.users["province_admin"]
        )
    return reported


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def _assert_decree_page(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs if r.font.size} <= {11, 12, 13, 14}
    motto = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert motto == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def test_consolidated_docx(rworld, approved):
    document = Document(io.BytesIO(documents.build_consolidated_docx(rworld.period)))
    _assert_decree_page(document)
    left = document.tables[0].rows[0].cells[0]
    lines = [p for p in left.paragraphs if p.text]
    assert [p.text for p in lines] == [
        "UBND TỈNH THỬ NGHIỆM",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    ]
    assert [bool(p.runs[0].font.bold) for p in lines] == [False, True]
    number, place_date = document.tables[0].rows[1].cells
    assert number.text.replace(" ", "") == "Số:/BC"
    assert re.fullmatch(r"Thử Nghiệm, ngày +tháng +năm 2023", place_date.text)

    texts = _texts(document)
    assert texts[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch truyền\nthông về giảm nghèo bền vững năm 2023",
    ]
    assert [t for t in texts if re.match(r"^(I|II|III)\. ", t)] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert (
        "Các cơ quan, đơn vị đã thực hiện 1 hoạt động truyền thông, kinh phí đã chi "
        "4.500.000 đồng/5.000.000 đồng dự kiến (90%)."
    ) in texts
    # What the reports state, by the data set's indicators: activities and articles by form,
    # money by source (no indicator states broadcasts, or money by form).
    assert "2.1. Truyền thông đại chúng: 1 hoạt động; tin, bài: 3." in texts
    assert "2.4. Tập huấn: 0 hoạt động." in texts
    assert (
        "Số liệu tổng hợp từ các báo cáo đã được duyệt của kỳ năm 2023: 2/3 cơ quan, đơn vị."
    ) in texts
    assert (
        "Kỳ báo cáo năm 2023: 2/3 đơn vị báo cáo, 1 đúng hạn, 1 muộn "
        "(tỷ lệ báo cáo 66,7%, đúng hạn 33,3%)."
    ) in texts
    assert "- Báo cáo muộn (1): Ủy ban nhân dân huyện H2." in texts
    assert "- Chưa báo cáo (1): Ủy ban nhân dân xã C1a." in texts
    assert "Hạn báo cáo: ngày 15/11/2023." in texts

    funding = document.tables[1]
    assert [[c.text for c in row.cells] for row in funding.rows] == [
        ["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)", "Tỷ lệ"],
        ["1", "Ngân sách nhà nước", "5.000.000", "4.500.000", "90%"],
        ["2", "Xã hội hóa", "0", "0", "0%"],
        ["", "Tổng cộng", "5.000.000", "4.500.000", ""],
    ]
    figures = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert figures[0] == ["TT", "Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Tổng hợp"]
    assert ["2", "Số tin, bài", "2.1. Truyền thông đại chúng", "", "3"] in figures
    assert ["5", "Số lượt người được truyền thông", "", "", "350"] in figures
    assert ["6", "Tỷ lệ xã phát sóng hằng tuần", "", "", "62,5"] in figures

    recipients, signature = document.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- UBND tỉnh Thử Nghiệm (b/c);",
        "- Các cơ quan, đơn vị liên quan;",
        "- Lưu: VT.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == ["GIÁM ĐỐC"]
    assert document.tables[-1].rows[0]._tr.xpath("./w:trPr/w:cantSplit")


def test_consolidated_recipients_name_the_plans_ministry(rworld, reported):
    from giamngheo.planning.models import Plan

    Plan.objects.filter(pk=rworld.dataset.plan_id).update(
        recipients="- Bộ Lao động-TB&XH (b/c);\n- Như mục V;\n- Lưu: VT."
    )
    document = Document(io.BytesIO(documents.build_consolidated_docx(rworld.period)))
    recipients = document.tables[-1].rows[0].cells[0]
    assert [p.text for p in recipients.paragraphs][1:3] == [
        "- UBND tỉnh Thử Nghiệm (b/c);",
        "- Bộ Lao động-TB&XH (b/c);",
    ]


def test_consolidated_xlsx_matches_selectors(rworld, approved):
    book = load_workbook(io.BytesIO(documents.build_consolidated_xlsx(rworld.period)))
    assert book.sheetnames == [
        "Theo chỉ tiêu",
        "Theo cơ quan, đơn vị",
        "Theo địa bàn",
        "Theo nguồn kinh phí",
        "Theo hình thức",
        "Tình hình báo cáo",
    ]
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
    consolidated = selectors.consolidated_values(dataset=rworld.dataset, period=rworld.period)
    rows = list(book["Theo chỉ tiêu"].iter_rows(min_row=2, values_only=True))
    by_key = {
        (r[0], r[2].split(".")[0] + "." + r[2].split(".")[1] if r[2] else ""): r[4] for r in rows
    }
    assert by_key[("TT.TIN", "2.1")] == 3 == consolidated[("TT.TIN", "2.1")]
    assert by_key[("TT.NGUOI", "")] == 350 == consolidated[("TT.NGUOI", "")]
    assert by_key[("TT.TYLE", "")] == 62.5
    assert consolidated[("TT.TYLE", "")] == Decimal("62.50")
    assert book["Theo chỉ tiêu"]["E2"].number_format == pdoc.XLSX_NUMBER_FORMAT

    sheet = book["Theo cơ quan, đơn vị"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == [
        "Cơ quan, đơn vị",
        "Địa bàn",
        "Trạng thái",
        "Số hoạt động (2.1)",
        "Số hoạt động (2.4)",
    ]
    assert headers[-3:] == [
        "Số lượt người được truyền thông",
        "Tỷ lệ xã phát sóng hằng tuần",
        "Khó khăn, vướng mắc",
    ]
    by_org = {
        r[0]: dict(zip(headers, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert list(by_org) == [
        "Ủy ban nhân dân huyện H1",
        "Ủy ban nhân dân xã C1a",
        "Ủy ban nhân dân huyện H2",
        "Tổng hợp",
    ]
    assert by_org["Ủy ban nhân dân huyện H1"]["Số tin, bài (2.1)"] == 3
    assert by_org["Ủy ban nhân dân huyện H1"]["Kinh phí đã chi (1)"] == 4_500_000
    assert by_org["Ủy ban nhân dân xã C1a"]["Trạng thái"] == "Chưa báo cáo"
    assert by_org["Ủy ban nhân dân xã C1a"]["Số lượt người được truyền thông"] is None
    # A text that a spreadsheet would run as a formula is stored as text.
    assert by_org["Ủy ban nhân dân huyện H2"]["Khó khăn, vướng mắc"] == "'=1+2 thiếu kinh phí"
    total = by_org["Tổng hợp"]
    assert total["Trạng thái"] == "2/3 đơn vị báo cáo"
    assert total["Số lượt người được truyền thông"] == 350 == consolidated[("TT.NGUOI", "")]
    assert total["Tỷ lệ xã phát sóng hằng tuần"] == 62.5
    assert total["Khó khăn, vướng mắc"] is None
    assert sheet.cell(row=5, column=4).font.bold

    units = list(book["Theo địa bàn"].iter_rows(min_row=2, values_only=True))
    province = [r for r in units if r[0] == "Tỉnh Thử Nghiệm" and r[2] == "TT.NGUOI"]
    assert province == [
        ("Tỉnh Thử Nghiệm", "Cấp tỉnh", "TT.NGUOI", "Số lượt người được truyền thông", 350, 2)
    ]

    funding = list(book["Theo nguồn kinh phí"].iter_rows(min_row=2, values_only=True))
    assert funding == [
        # No indicator states activities by source: left empty, not a 0 nobody reported.
        ("1", "Ngân sách nhà nước", None, 5_000_000, 4_500_000, 90),
        ("2", "Xã hội hóa", None, 0, 0, 0),
        (None, "Tổng cộng", None, 5_000_000, 4_500_000, 90),
    ]
    status = list(book["Tình hình báo cáo"].iter_rows(min_row=2, values_only=True))
    assert status == [
        (
            "Ủy ban nhân dân huyện H1",
            "Huyện H1",
            "Đã duyệt",
            "10/11/2023 09:00",
            "Đúng hạn",
        ),
        ("Ủy ban nhân dân xã C1a", "Xã C1a", "Chưa báo cáo", None, "Chưa báo cáo"),
        ("Ủy ban nhân dân huyện H2", "Huyện H2", "Đã duyệt", "20/11/2023 09:00", "Muộn"),
        ("2/3 đơn vị báo cáo", None, None, None, "1 đúng hạn"),
    ]


def test_unit_report_docx_and_xlsx(rworld, reported):
    submission = reported["D1"]
    document = Document(io.BytesIO(documents.build_report_docx(submission)))
    _assert_decree_page(document)
    left, _right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN HUYỆN H1"]
    number, place_date = document.tables[0].rows[1].cells
    assert number.text.replace(" ", "") == "Số:/BC-UBND"
    assert place_date.text == "H1, ngày 10 tháng 11 năm 2023"
    texts = _texts(document)
    assert texts[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch truyền\nthông về giảm nghèo bền vững năm 2023",
    ]
    assert "I. KẾT QUẢ THỰC HIỆN" in texts and "II. THUYẾT MINH, ĐÁNH GIÁ" in texts
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert rows[0] == ["TT", "Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Số liệu"]
    assert ["2", "Số tin, bài", "2.1. Truyền thông đại chúng", "", "3"] in rows
    assert ["7", "Khó khăn, vướng mắc", "", "", "Không có"] in rows
    recipients, signature = document.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Sở Lao động - Thương binh và Xã hội (t/h);",
        "- Lưu: VT.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]

    book = load_workbook(io.BytesIO(documents.build_report_xlsx(submission)))
    values = {(r[0], r[2]): r[4] for r in book["Số liệu"].iter_rows(min_row=2, values_only=True)}
    assert values[("TT.TIN", "2.1. Truyền thông đại chúng")] == 3
    assert values[("TT.KPDC", "1. Ngân sách nhà nước")] == 4_500_000


@pytest.mark.parametrize("organisations", [1, 3])
def test_consolidated_queries_constant(
    organisations, rworld, start, django_assert_max_num_queries, django_assert_num_queries
):
    keys = ["D1", "D2", "C1a"][:organisations]
    actors = {"D1": "district_officer", "D2": "other_district_officer", "C1a": "commune_officer"}
    for key in keys:
        sub = fill(start(key, actor_key=actors[key]), rworld.users[actors[key]])
        services.submit_submission(submission=sub, actor=rworld.users[actors[key]])
    with django_assert_num_queries(QUERIES_DOCX):
        documents.build_consolidated_docx(rworld.period)
    with django_assert_num_queries(QUERIES_XLSX):
        xlsx = documents.build_consolidated_xlsx(rworld.period)
    with django_assert_num_queries(QUERIES_BOTH):
        both = documents.build_consolidated_documents(rworld.period)
    # Issued together, the report and the annex hold the same figures as issued apart.
    assert _texts(Document(io.BytesIO(both["docx"]))) == _texts(
        Document(io.BytesIO(documents.build_consolidated_docx(rworld.period)))
    )
    assert _cells(both["xlsx"]) == _cells(xlsx)


def _cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


# Every figure comes from the approved reports' values (no count of live activities per
# registered output measure): the same number whatever the organisations and form modules.
QUERIES_DOCX = 9
QUERIES_XLSX = 16
QUERIES_BOTH = 16


def test_render_document_report_and_consolidated(rworld, reported, tmp_path):
    out = io.StringIO()
    call_command("render_document", "consolidated", "--list", stdout=out)
    assert out.getvalue() == f"{rworld.period.pk}\tKết quả truyền thông năm 2023 — Năm 2023\n"
    out = io.StringIO()
    call_command("render_document", "report", "--list", stdout=out)
    d1, d2 = reported["D1"], reported["D2"]
    assert out.getvalue() == (
        f"{d1.pk}\tKết quả truyền thông năm 2023 — Năm 2023 — Ủy ban nhân dân huyện H1\n"
        f"{d2.pk}\tKết quả truyền thông năm 2023 — Năm 2023 — Ủy ban nhân dân huyện H2\n"
    )
    for kind, pk, fmt in (
        ("consolidated", rworld.period.pk, "docx"),
        ("consolidated", rworld.period.pk, "xlsx"),
        ("report", d1.pk, "docx"),
        ("report", d1.pk, "xlsx"),
    ):
        target = tmp_path / f"{kind}.{fmt}"
        call_command(
            "render_document",
            kind,
            str(pk),
            "--format",
            fmt,
            "-o",
            str(target),
            stdout=io.StringIO(),
        )
        if fmt == "docx":
            assert _texts(Document(str(target)))[0] == "BÁO CÁO"
        else:
            assert load_workbook(target).sheetnames[0] in {"Theo chỉ tiêu", "Số liệu"}
    with pytest.raises(CommandError, match="Không có bản ghi consolidated mã 999999"):
        call_command("render_document", "consolidated", "999999", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="Không có bản ghi report mã 1:2"):
        call_command("render_document", "report", "1:2", "-o", str(tmp_path / "x"))


def _urls(rworld, reported):
    from django.urls import reverse

    period = {"dataset_pk": rworld.dataset.pk, "period_pk": rworld.period.pk}
    return {
        "consolidated": {
            fmt: reverse(f"reporting_download_consolidated_{fmt}", kwargs=period)
            for fmt in ("docx", "xlsx")
        },
        "report": {
            fmt: reverse(
                f"reporting_download_report_{fmt}", kwargs={"submission_pk": reported["D1"].pk}
            )
            for fmt in ("docx", "xlsx")
        },
    }


def test_downloads_for_the_lead_department(client, rworld, approved):
    urls = _urls(rworld, approved)
    client.force_login(rworld.users["province_admin"])
    response = client.get(urls["consolidated"]["docx"])
    assert response.status_code == 200
    assert response["Content-Type"] == pdoc.DOCX_MIME
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-tong-hop-2023-{rworld.period.pk}.docx"'
    )
    assert _texts(Document(io.BytesIO(response.content)))[0] == "BÁO CÁO"
    response = client.get(urls["consolidated"]["xlsx"])
    assert response["Content-Type"] == pdoc.XLSX_MIME
    book = load_workbook(io.BytesIO(response.content))
    assert book["Theo nguồn kinh phí"]["E4"].value == 4_500_000
    assert client.get(urls["report"]["docx"]).status_code == 200


def test_downloads_refused_outside_scope(client, rworld, reported):
    from django.urls import reverse

    urls = _urls(rworld, reported)
    # The district that reported downloads its own report, not the consolidated one.
    client.force_login(rworld.users["district_officer"])
    assert client.get(urls["report"]["docx"]).status_code == 200
    assert client.get(urls["consolidated"]["docx"]).status_code == 404
    d1 = reported["D1"].pk
    for username in ("other_district_officer", "commune_officer", "outsider"):
        client.force_login(rworld.users[username])
        # Staff outside the scope get 404; a user without admin access is sent to sign in.
        refused = 302 if username == "outsider" else 404
        assert client.get(urls["report"]["docx"]).status_code == refused, username
        assert client.get(urls["consolidated"]["xlsx"]).status_code == refused, username
        for pk in (d1 - 1, d1 + 2, "abc"):
            url = reverse("reporting_download_report_docx", kwargs={"submission_pk": pk})
            assert client.get(url).status_code == refused
    client.force_login(rworld.users["province_admin"])
    for dataset_pk, period_pk in (
        (rworld.dataset.pk, rworld.period.pk + 1),
        (rworld.dataset.pk + 1, rworld.period.pk),
        ("x", rworld.period.pk),
    ):
        url = reverse(
            "reporting_download_consolidated_docx",
            kwargs={"dataset_pk": dataset_pk, "period_pk": period_pk},
        )
        assert client.get(url).status_code == 404
    client.logout()
    response = client.get(urls["consolidated"]["docx"])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@needs_soffice
def test_consolidated_pdf_renders_to_png(rworld, reported, tmp_path):
    pdf = documents.build_consolidated_pdf(rworld.period)
    path = tmp_path / "bao-cao-tong-hop.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.304 x 841.89 pts (A4)" in info
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "2/3 đơn vị báo cáo, 1 đúng hạn, 1 muộn",
        "Nơi nhận:",
        "GIÁM ĐỐC",
    ):
        assert expected in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
            check=True,
        )
        png = tmp_path / "p-1.png"
        assert png.stat().st_size > 10_000
        artifacts = Path(ARTIFACTS)
        artifacts.mkdir(exist_ok=True)
        shutil.copy(png, artifacts / "reporting-consolidated-page1.png")


@pytest.mark.parametrize("activities", [1, 3])
def test_unit_report_queries_constant(
    activities, rworld, start, make_activity, django_assert_num_queries
):
    subplan = rworld.activity.subplan
    for i in range(activities - 1):
        make_activity(subplan, title=f"Hoạt động thêm {i}")
    submission = fill(start("D1", actor_key="district_officer"), rworld.users["district_officer"])
    with django_assert_num_queries(QUERIES_REPORT):
        documents.build_report_docx(submission)
    with django_assert_num_queries(QUERIES_REPORT):
        documents.build_report_xlsx(submission)


QUERIES_REPORT = 5
