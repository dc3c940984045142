"""The reporting cast: the planning world (tests/planning/conftest.py) with a data set of the
plan's communication results, its 2023 period due 15/11/2023, reported by the two districts
and the commune; district H1 has one activity (3 articles, 1 broadcast, 5.000.000 đ planned and
4.500.000 đ spent from source 1)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.factories import (
    HCM,
    DataSetFactory,
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
    local,
)
from tests.planning.conftest import make_activity, make_subplan, pworld  # noqa: F401

__all__ = ["HCM", "INDICATORS", "ReportingWorld", "fill", "local", "rworld", "start"]


@dataclass
class ReportingWorld:
    p: object
    dataset: object = None
    period: object = None
    indicators: dict = field(default_factory=dict)
    activity: object = None

    @property
    def users(self):
        return self.p.users

    @property
    def orgs(self):
        return self.p.orgs


INDICATORS = [
    # code, name, measure, aggregation, disaggregation, prefill source, key
    ("TT.HD", "Số hoạt động", "count", "sum", "form", "activity_count", ""),
    ("TT.TIN", "Số tin, bài", "count", "sum", "form", "output", "mass_media.article"),
    ("TT.KPDK", "Kinh phí dự kiến", "money", "sum", "funding_source", "budget_planned", ""),
    ("TT.KPDC", "Kinh phí đã chi", "money", "sum", "funding_source", "budget_spent", ""),
    ("TT.NGUOI", "Số lượt người được truyền thông", "people", "sum", "none", "none", ""),
    ("TT.TYLE", "Tỷ lệ xã phát sóng hằng tuần", "percent", "average", "none", "none", ""),
    ("TT.GHICHU", "Khó khăn, vướng mắc", "text", "none", "none", "none", ""),
]


@pytest.fixture
def rworld(pworld, make_subplan, make_activity):  # noqa: F811
    w = ReportingWorld(p=pworld)
    for username, user in pworld.users.items():
        user.email = f"{username}@example.vn"
        user.save(update_fields=["email"])
    for code, name, measure, aggregation, disaggregation, source, key in INDICATORS:
        w.indicators[code] = IndicatorFactory(
            code=code,
            name=name,
            measure=measure,
            aggregation=aggregation,
            disaggregation=disaggregation,
            prefill_source=source,
            prefill_key=key,
        )
    w.dataset = DataSetFactory(
        code="KQ-TT-2023",
        name="Kết quả truyền thông năm 2023",
        plan=pworld.plan,
        elements=list(w.indicators.values()),
        organisations=[pworld.orgs["D1"], pworld.orgs["D2"], pworld.orgs["C1a"]],
        lead_organisation=pworld.orgs["so"],
    )
    w.period = PeriodFactory(dataset=w.dataset, name="Năm 2023")
    subplan = make_subplan("D1")
    w.activity = make_activity(subplan)
    return w


@pytest.fixture
def start(rworld):
    def _start(org_key: str, *, actor_key: str = "province_admin"):
        return SubmissionFactory(
            actor=rworld.users[actor_key], period=rworld.period, organisation=rworld.orgs[org_key]
        )

    return _start


def fill(submission, actor, overrides: dict | None = None):
    """Save every manual value (people 100, rate 50, text) so the report can be sent;
    ``overrides`` maps ``(indicator code, category)`` to another value."""
    from giamngheo.reporting import services

    values = {("TT.NGUOI", ""): 100, ("TT.TYLE", ""): 50, ("TT.GHICHU", ""): "Không có"}
    values.update(overrides or {})
    return services.save_values(
        submission=submission, values=values, actor=actor, version=submission.version
    )
