"""Done means (issue #5): the lead department opens the 2023 plan; a district officer files a
sub-plan and two activities with budget and evidence, fills the annual report (pre-filled) and
sends it on time; an agency sends late; the lead department sees completeness 2/2 with one
late and downloads the consolidated DOCX, PDF and XLSX — all through the real admin screens."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, shot, sign_in
from tests.planning.conftest import PASSWORD, make_activity, make_subplan, pworld  # noqa: F401
from tests.reporting.conftest import local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server, pworld):  # noqa: F811
    """The planning cast plus a provincial newspaper with an officer, and the 2023 results data
    set reported by district H1 and the newspaper, due 15/11/2023 as the plan says."""
    from django.contrib.auth import get_user_model

    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, Role
    from giamngheo.planning import services as plan_services
    from giamngheo.reporting import services

    agency = org_services.create_organisation(
        name="Báo Thử Nghiệm", kind=OrganisationKind.PRESS, unit=pworld.units["P"]
    )
    plan_services.set_assignment_organisations(
        assignment=pworld.plan.assignments.get(code="2"),
        organisations=[pworld.orgs["D1"], pworld.orgs["D2"], agency],
    )
    officer = get_user_model().objects.create_user("canbo.bao", password=PASSWORD)
    org_services.create_membership(
        user=officer, organisation=agency, role=Role.UNIT_OFFICER, valid_from=date(2023, 1, 1)
    )
    indicators = [
        services.create_indicator(
            code="TT.TIN",
            name="Số tin, bài",
            measure="count",
            disaggregation="form",
            prefill_source="output",
            prefill_key="mass_media.article",
        ),
        services.create_indicator(
            code="TT.KPDC",
            name="Kinh phí đã chi",
            measure="money",
            disaggregation="funding_source",
            prefill_source="budget_spent",
        ),
        services.create_indicator(
            code="TT.NGUOI", name="Số lượt người được truyền thông", measure="people"
        ),
    ]
    dataset = services.create_dataset(
        code="KQ-TT-2023",
        name="Kết quả truyền thông năm 2023",
        plan=pworld.plan,
        elements=indicators,
        organisations=[pworld.orgs["D1"], agency],
        lead_organisation=pworld.orgs["so"],
        due_day=15,
        due_month=11,
    )
    period = services.create_period(
        dataset=dataset, name="Năm 2023", start=date(2023, 1, 1), end=date(2023, 12, 31)
    )
    return {"base": live_server.url, "dataset": dataset, "period": period, "agency": agency}


def _sign_in(page, base, username):
    sign_in(page, base, username, PASSWORD)


def _add_activity(page, base, *, subplan_label, title, planned, spent, articles, evidence):
    page.goto(f"{base}/admin/ke-hoach/hoat-dong/new/")
    page.select_option("#id_subplan", label=subplan_label)
    page.fill("#id_title", title)
    page.select_option("#id_form", label="2.1. Truyền thông đại chúng.")
    page.locator("#id_contents input[type=checkbox]").first.check()
    page.select_option("#id_units", label="Huyện H1")
    page.fill("#id_start_date", "01/03/2023")
    page.fill("#id_end_date", "31/03/2023")
    page.select_option("#id_status", "done")
    planned_input = page.locator("input[name^=planned_]").first
    planned_input.fill(str(planned))
    page.locator("input[name^=spent_]").first.fill(str(spent))
    page.fill("#id_output_article", str(articles))
    page.fill("#id_evidence_title", f"Ảnh {title}")
    page.set_input_files("#id_evidence_file", str(evidence))
    page.locator("footer button.button-longrunning[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text(title)


def _fill_and_send_report(page, base, *, organisation: str, people: str):
    page.goto(f"{base}/admin/bao-cao/bao-cao-don-vi/new/")
    page.select_option("#id_period", index=1)
    page.select_option("#id_organisation", label=organisation)
    page.click("#btn-start")
    expect(page.locator("#submission-organisation")).to_have_text(organisation)
    page.fill("#id_value-TT\\.NGUOI", people)
    page.click("#btn-submit")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi, chờ duyệt")


def test_plan_to_consolidated_report(scene, pworld, new_page, tmp_path):  # noqa: F811
    from giamngheo.reporting.models import Submission

    base = scene["base"]
    page = new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The lead department opens the 2023 plan.
    _sign_in(page, base, "province_admin")
    page.goto(f"{base}/admin/ke-hoach/ke-hoach/")
    page.get_by_role("link", name="Truyền thông về giảm nghèo bền vững năm 2023").click()
    expect(page.locator("main")).to_contain_text("UBND TỈNH THỬ NGHIỆM")
    shot(page, "reporting-1-plan")

    # A district officer files a sub-plan and two activities with budget and evidence.
    _sign_in(page, base, "district_officer")
    page.goto(f"{base}/admin/ke-hoach/ke-hoach-cu-the/new/")
    page.select_option("#id_plan", index=1)
    page.select_option("#id_organisation", label="Ủy ban nhân dân huyện H1")
    page.fill("#id_title", "Kế hoạch truyền thông giảm nghèo huyện H1 năm 2023")
    page.fill("#id_summary", "- Thông tin kịp thời về chính sách giảm nghèo đến người dân.")
    page.locator("footer button.button-longrunning[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("Kế hoạch truyền thông giảm nghèo huyện H1")
    evidence = tmp_path / "anh-hoat-dong.png"
    evidence.write_bytes(_png())
    subplan_label = "Kế hoạch truyền thông giảm nghèo huyện H1 năm 2023"
    _add_activity(
        page,
        base,
        subplan_label=subplan_label,
        title="Tọa đàm trên sóng phát thanh huyện",
        planned=12_000_000,
        spent=11_500_000,
        articles=4,
        evidence=evidence,
    )
    _add_activity(
        page,
        base,
        subplan_label=subplan_label,
        title="Phóng sự về hộ thoát nghèo",
        planned=8_000_000,
        spent=7_000_000,
        articles=2,
        evidence=evidence,
    )
    shot(page, "reporting-2-activities")

    # ... fills the annual report, pre-filled from those activities, and sends it.
    page.goto(f"{base}/admin/bao-cao/bao-cao-don-vi/new/")
    page.select_option("#id_period", index=1)
    page.select_option("#id_organisation", label="Ủy ban nhân dân huyện H1")
    page.click("#btn-start")
    expect(page.locator("#id_value-TT\\.TIN-2\\.1")).to_have_value("6")
    expect(page.locator("#id_value-TT\\.KPDC-1")).to_have_value("18.500.000")
    page.fill("#id_value-TT\\.NGUOI", "1.250")
    shot(page, "reporting-3-report-prefilled")
    page.click("#btn-submit")
    expect(page.locator("#submission-status")).to_have_text("Đã gửi, chờ duyệt")
    # It was sent before 15/11/2023; the live server's clock cannot go back to 2023, so the
    # sending time of this one report is set to 10/11/2023 09:00 (Asia/Ho_Chi_Minh).
    district = Submission.objects.get(organisation=pworld.orgs["D1"])
    Submission.objects.filter(pk=district.pk).update(submitted_at=local(2023, 11, 10, 9, 0))

    # The newspaper sends its report now, long after 15/11/2023: late.
    _sign_in(page, base, "canbo.bao")
    _fill_and_send_report(page, base, organisation="Báo Thử Nghiệm", people="300")

    # The lead department sees completeness and downloads the consolidated report.
    _sign_in(page, base, "province_admin")
    page.goto(
        f"{base}/admin/bao-cao/bieu-bao-cao/{scene['dataset'].pk}/ky/{scene['period'].pk}/tien-do/"
    )
    expect(page.locator("#completeness-summary")).to_contain_text(
        "Đã báo cáo 2/2, đúng hạn 1, muộn 1, chưa báo cáo 0."
    )
    rows = page.locator("#completeness-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Ủy ban nhân dân huyện H1")).to_contain_text("Đúng hạn")
    expect(rows.filter(has_text="Báo Thử Nghiệm")).to_contain_text("Muộn")
    shot(page, "reporting-4-completeness")

    # It reviews both reports: only approved figures are consolidated (issue 13 item 2).
    for submission in Submission.objects.order_by("pk"):
        page.goto(f"{base}/admin/bao-cao/bao-cao-don-vi/edit/{submission.pk}/")
        page.click("#btn-approve")
        expect(page.locator("#submission-status")).to_have_text("Đã duyệt")
    page.goto(
        f"{base}/admin/bao-cao/bieu-bao-cao/{scene['dataset'].pk}/ky/{scene['period'].pk}/tien-do/"
    )

    downloads = {}
    for fmt, label in (
        ("docx", "Báo cáo tổng hợp (văn bản DOCX)"),
        ("pdf", "Báo cáo tổng hợp (văn bản PDF)"),
        ("xlsx", "Báo cáo tổng hợp (phụ lục XLSX)"),
    ):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        target = tmp_path / f"bao-cao-tong-hop.{fmt}"
        info.value.save_as(target)
        assert info.value.suggested_filename == f"bao-cao-tong-hop-2023-{scene['period'].pk}.{fmt}"
        downloads[fmt] = target

    document = Document(str(downloads["docx"]))
    texts = [p.text for p in document.paragraphs]
    assert (
        "Kỳ báo cáo năm 2023: 2/2 đơn vị báo cáo, 1 đúng hạn, 1 muộn "
        "(tỷ lệ báo cáo 100%, đúng hạn 50%)."
    ) in texts
    assert "- Báo cáo muộn (1): Báo Thử Nghiệm." in texts
    # One source, named: the approved reports; they state articles by form and money by source.
    assert (
        "Số liệu tổng hợp từ các báo cáo đã được duyệt của kỳ năm 2023: 2/2 cơ quan, đơn vị."
        in (texts)
    )
    assert "Các cơ quan, đơn vị đã chi kinh phí 18.500.000 đồng." in texts
    assert "2.1. Truyền thông đại chúng: tin, bài: 6." in texts
    assert downloads["pdf"].read_bytes().startswith(b"%PDF-")
    book = load_workbook(downloads["xlsx"])
    by_indicator = {
        (r[0], r[2] or ""): r[4]
        for r in book["Theo chỉ tiêu"].iter_rows(min_row=2, values_only=True)
    }
    assert by_indicator[("TT.NGUOI", "")] == 1550
    assert by_indicator[("TT.KPDC", "1. Ngân sách nhà nước")] == 18_500_000
    assert errors == []

    # The downloaded DOCX rendered as a reader sees it (LibreOffice → PDF → PNG).
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        _docx_to_png(downloads["docx"], Path(ARTIFACTS) / "reporting-5-consolidated-docx")


def _docx_to_png(source: Path, prefix: Path) -> None:
    from giamngheo.planning.documents import docx_to_pdf

    pdf = source.with_suffix(".rendered.pdf")
    pdf.write_bytes(docx_to_pdf(source.read_bytes()))
    prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True, timeout=120)
    assert Path(f"{prefix}-1.png").stat().st_size > 10_000


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 110, 60)).save(out, format="PNG")
    return out.getvalue()
