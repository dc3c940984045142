"""Builders shared by the feedback tests and the access-matrix rows (tests/access_matrix.py
calls ``add_feedback_world`` lazily, so the organisations matrix test can run these rows too)."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from django.utils import timezone

LAST_2023 = date(2025, 6, 30)


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
    from giamngheo.feedback import services
    from giamngheo.feedback.enums import FeedbackKind, IdentityMode
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import Role

    u, o = world.units, world.orgs
    world.categories = {
        "ho-ngheo": services.create_category(code="ho-ngheo", name="Hộ nghèo, cận nghèo"),
        "bhyt": services.create_category(code="bhyt", name="Bảo hiểm y tế"),
        "truc-loi": services.create_category(code="truc-loi", name="Trục lợi chính sách"),
    }
    start = date(2023, 1, 1)
    services.create_routing_rule(
        unit=u["P"], organisation=o["so"], valid_from=start, valid_to=LAST_2023
    )
    services.create_routing_rule(
        unit=u["D1"], organisation=o["D1"], valid_from=start, valid_to=LAST_2023
    )
    for label in ("C1a", "C2a"):
        services.create_routing_rule(
            unit=u[label], organisation=o[label], valid_from=start, valid_to=LAST_2023
        )
    services.create_routing_rule(
        unit=u["P"],
        organisation=o["so"],
        category=world.categories["truc-loi"],
        valid_from=start,
        valid_to=LAST_2023,
    )
    services.create_routing_rule(unit=u["P2025"], organisation=o["so"], valid_from=date(2025, 7, 1))
    from django.contrib.auth import get_user_model

    approver = get_user_model().objects.create_user("approver_c1a", password="x-Pass-2023!")
    world.users["approver_c1a"] = approver
    world.memberships["approver_c1a"] = org_services.create_membership(
        user=approver, organisation=o["C1a"], role=Role.APPROVER, valid_from=start
    )

    def item(label, subject, **extra):
        kwargs = {
            "kind": FeedbackKind.FEEDBACK,
            "category": world.categories["ho-ngheo"],
            "subject": subject,
            "description": "Nội dung phản ánh để kiểm tra.",
            "unit": u[label],
            "identity_mode": IdentityMode.CONFIDENTIAL,
            "reporter_name": f"Nguyễn Văn {label}",
            "reporter_phone": "0912 345 678",
            "reporter_email": f"nguoi.gui.{label.lower()}@example.vn",
            "consent_processing": True,
            "consent_publish": True,
            "received_at": at(date(2023, 5, 10)),
            "notify": False,
        }
        kwargs.update(extra)
        return services.submit_feedback(**kwargs)

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
