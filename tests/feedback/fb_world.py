"""Builders shared by the feedback tests and the access-matrix rows (tests/access_matrix.py
calls ``add_feedback_world`` lazily, so the organisations matrix test can run these rows too)."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from django.utils import timezone

from giamngheo.organisations.enums import Role
from tests.factories import (
    LEGACY_LAST_DAY,
    REFORM_DAY,
    START,
    CategoryFactory,
    FeedbackFactory,
    MembershipFactory,
    RoutingRuleFactory,
)

LAST_2023 = LEGACY_LAST_DAY


def make_png(size=(40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def at(day: date, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute, second)))


def add_feedback_world(world):
    """Idempotent: categories, routing (2023 and today), an approver of C1a, and one item routed
    to each of C1a, C2a, D1 (through commune C1b) and the lead department."""
    if getattr(world, "feedback", None):
        return world
    u, o = world.units, world.orgs
    world.categories = {
        code: CategoryFactory(code=code, name=name)
        for code, name in (
            ("ho-ngheo", "Hộ nghèo, cận nghèo"),
            ("bhyt", "Bảo hiểm y tế"),
            ("truc-loi", "Trục lợi chính sách"),
        )
    }
    until_reform = {"valid_from": START, "valid_to": LAST_2023}
    # C1b's own rule sends its items to the district (a rule saying otherwise than the commune's
    # People's Committee, which is where an item about a commune goes first).
    for unit, org in (("P", "so"), ("D1", "D1"), ("C1a", "C1a"), ("C2a", "C2a"), ("C1b", "D1")):
        RoutingRuleFactory(unit=u[unit], organisation=o[org], **until_reform)
    RoutingRuleFactory(
        unit=u["P"], organisation=o["so"], category=world.categories["truc-loi"], **until_reform
    )
    RoutingRuleFactory(unit=u["P2025"], organisation=o["so"], valid_from=REFORM_DAY)
    membership = MembershipFactory(
        user__username="approver_c1a",
        user__password="x-Pass-2023!",
        organisation=o["C1a"],
        role=Role.APPROVER,
    )
    world.users["approver_c1a"] = membership.user
    world.memberships["approver_c1a"] = membership

    def item(label, subject):
        return FeedbackFactory(
            category=world.categories["ho-ngheo"],
            subject=subject,
            unit=u[label],
            reporter_name=f"Nguyễn Văn {label}",
            reporter_email=f"nguoi.gui.{label.lower()}@example.vn",
            received_at=at(date(2023, 5, 10)),
        )

    world.feedback = {
        "C1a": item("C1a", "Phản ánh ở xã C1a"),
        "C2a": item("C2a", "Phản ánh ở xã C2a"),
        "D1": item("C1b", "Phản ánh ở xã C1b"),
        "so": item("C2b", "Phản ánh ở xã C2b"),
    }
    return world


def post_data(world, **overrides) -> dict:
    """A valid anonymous web submission for a commune in force today, started 60 s ago."""
    import time as _time

    from giamngheo.feedback.forms import sign_started

    data = {
        "kind": "question",
        "category": str(world.categories["bhyt"].pk),
        "subject": "Hỏi về bảo hiểm y tế",
        "description": "Xin hỏi mức hỗ trợ đóng bảo hiểm y tế.",
        "province": str(world.units["P2025"].pk),
        "unit": str(world.units["N1a"].pk),
        "identity_mode": "anonymous",
        "consent_publish": "on",
        "started": sign_started(_time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
