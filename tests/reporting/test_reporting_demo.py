"""The demo reporting data on the seed plan 2023: two data sets, the period due 15/11/2023,
sample reports on time, late, draft and missing; a second run changes nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    out = io.StringIO()
    load_demo_reporting(stdout=out)
    return out.getvalue()


def test_demo_data_sets_period_and_completeness(demo):
    from giamngheo.reporting import selectors
    from giamngheo.reporting.models import DataSet

    assert demo == "Báo cáo: 2 biểu, 14 chỉ tiêu, 5 báo cáo mẫu.\n"
    results = DataSet.objects.get(code="KQTT-2023")
    monitoring = DataSet.objects.get(code="GS-DA6-2023")
    assert "theo tinh thần Thông tư 10/2022/TT-BLĐTBXH" in monitoring.description
    assert results.lead_organisation.name == "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
    period = results.periods.get()
    assert (period.name, period.due_date) == ("Năm 2023", date(2023, 11, 15))
    report = selectors.completeness(dataset=results, period=period)
    assert report.expected == results.organisations.count() > 10
    assert (report.submitted, report.on_time, report.late) == (3, 2, 1)
    statuses = {r.organisation.name: r.status for r in report.rows if r.submission}
    assert statuses == {
        "Sở Thông tin và Truyền thông tỉnh Bắc Giang": "approved",
        "Báo Bắc Giang": "submitted",
        "Ủy ban nhân dân huyện Lục Ngạn": "submitted",
        "Ủy ban nhân dân huyện Yên Thế": "draft",
    }
    late = [r.organisation.name for r in report.rows if r.is_late]
    assert late == ["Ủy ban nhân dân huyện Lục Ngạn"]
    values = selectors.consolidated_values(dataset=results, period=period)
    assert values[("KQTT.TIN_BAI", "2.1")] == 72
    assert values[("KQTT.KP_DC", "1")] == Decimal(226_000_000)
    assert all(s.is_sample for s in results.submissions.all())


def test_demo_is_idempotent(demo):
    from giamngheo.reporting.demo import load_demo_reporting
    from giamngheo.reporting.models import DataSet, Indicator, Submission

    counts = (DataSet.objects.count(), Indicator.objects.count(), Submission.objects.count())
    out = io.StringIO()
    load_demo_reporting(stdout=out)
    assert (DataSet.objects.count(), Indicator.objects.count(), Submission.objects.count()) == (
        counts
    )
    assert "không tạo thêm báo cáo mẫu" in out.getvalue()


def test_demo_without_the_plan_does_nothing(db):
    from giamngheo.reporting.demo import load_demo_reporting
    from giamngheo.reporting.models import DataSet

    out = io.StringIO()
    load_demo_reporting(stdout=out)
    assert out.getvalue() == "Báo cáo: chưa có kế hoạch năm 2023, bỏ qua.\n"
    assert DataSet.objects.count() == 0
