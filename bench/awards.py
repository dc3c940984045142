"""The emulation module at the size of a provincial round (issue 15's bars).

Run in its own process with GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh
PostgreSQL database) set::

    GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.awards

It migrates, builds a province with 30 communes, a plan whose item 2.3 is the emulation form, a
council of 7 and two rounds — 3 and 300 household nominations, each before the council with a
ballot of counts in a closed meeting (nominations are made by the services; their status is
set in bulk to "before the council", the dossier uploads being no part of what is measured).
It measures:

- the council screen (an HTTP GET as the province administrator, first page of
  ``selectors.COUNCIL_PAGE`` rows): p95 ms (bar ≤ 200 ms) and queries, the same for 3 and for
  300, closed and while the meeting is open (each row with its ballot form), beside the admin
  dashboard in the same run (the Wagtail page around the screen);
- the decision DOCX with its 300-row annex (``documents.decision_docx``): seconds (bar ≤ 2 s).
"""

from __future__ import annotations

import os
import time
from datetime import date

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.common import Stopwatch, mark, save_results, say, table  # noqa: E402
from bench.reporting import CONTENTS, FORMS, SOURCES, time_screen  # noqa: E402

YEAR = 2023
BAR_SCREEN_MS = 200.0
BAR_DOCX_S = 2.0


def build(*, communes: int = 30) -> dict:
    from django.contrib.auth import get_user_model

    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, UnitLevel
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import AssignmentRole, FormKind

    admin = get_user_model().objects.create_superuser(
        "bench.thidua", "thidua@example.vn", "Bench#ThiDua2023"
    )
    with Stopwatch() as sw, transaction.atomic():
        province = org_services.create_unit(
            code="B98", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, audit=False
        )
        district = org_services.create_unit(
            code="B9801",
            name="Huyện Thử Nghiệm",
            level=UnitLevel.DISTRICT,
            parent=province,
            audit=False,
        )
        bodies = [
            org_services.create_organisation(
                name=f"Ủy ban nhân dân xã Thử Nghiệm {c}",
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                unit=org_services.create_unit(
                    code=f"B9801{c:03d}",
                    name=f"Xã Thử Nghiệm {c}",
                    level=UnitLevel.COMMUNE,
                    parent=district,
                    audit=False,
                ),
            )
            for c in range(1, communes + 1)
        ]
        department = org_services.create_organisation(
            name="Sở Lao động - Thương binh và Xã hội",
            kind=OrganisationKind.DEPARTMENT,
            unit=province,
            is_lead=True,
        )
        org_services.create_membership(
            user=admin, organisation=department, role="province_admin", valid_from=date(YEAR, 1, 1)
        )
        plan = plan_services.create_plan(
            issuing_body_name="UBND TỈNH THỬ NGHIỆM",
            place="Thử Nghiệm",
            title=f"Truyền thông về giảm nghèo bền vững năm {YEAR}",
            year=YEAR,
            legal_bases="Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững.",
            purposes=["- Nâng cao nhận thức."],
            requirements=["- Bám sát thực tiễn."],
            audience="Cán bộ.",
            scope="Toàn tỉnh.",
            period_text=f"Năm {YEAR}.",
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            report_deadline=date(YEAR, 11, 15),
            recipients=["- Lưu: VT."],
            signer_authority="KT. CHỦ TỊCH",
            signer_title="PHÓ CHỦ TỊCH",
            signer_name="Nguyễn Văn Thử",
            contents=[plan_services.ItemSpec(code=c, text=t) for c, t in CONTENTS],
            forms=[
                plan_services.ItemSpec(
                    code=c, text=t, form_kind=FormKind.EMULATION if c == "2.3" else ""
                )
                for c, t in FORMS
            ],
            solutions=[plan_services.ItemSpec(code="3.1", text="Tăng cường chỉ đạo.")],
            funding_sources=[
                plan_services.FundingSpec(code=c, name=n, text=t) for c, n, t in SOURCES
            ],
            assignments=[
                plan_services.AssignmentSpec(
                    code="1",
                    heading="Sở Lao động - Thương binh và Xã hội",
                    role=AssignmentRole.LEAD,
                    tasks=["- Chủ trì."],
                    organisations=[department],
                )
            ],
        )
        items = {i.code: i for i in plan.items.all()}
        subplan = plan_services.create_subplan(
            actor=admin, plan=plan, organisation=department, title="Kế hoạch cụ thể của Sở"
        )
        activity = plan_services.create_activity(
            actor=admin,
            subplan=subplan,
            title="Sơ kết phong trào thi đua",
            form=items["2.3"],
            contents=[items["1.1"]],
            units=[province],
            start_date=date(YEAR, 1, 1),
            end_date=date(YEAR, 12, 31),
        )

        council = org_services.create_organisation(
            name="Hội đồng Thi đua - Khen thưởng tỉnh", kind=OrganisationKind.OTHER, unit=province
        )
        for i in range(1, 8):
            member = get_user_model().objects.create_user(f"bench.hoidong{i}")
            org_services.create_membership(
                user=member, organisation=council, role="juror", valid_from=date(YEAR, 1, 1)
            )
    say(f"built the province in {sw.seconds:.1f} s")
    return {
        "admin": admin,
        "activity": activity,
        "department": department,
        "council": council,
        "communes": [b.unit for b in bodies],
    }


def round_with(world: dict, *, size: int, slug: str, close: bool = True):
    from giamngheo.awards import services
    from giamngheo.awards.models import Ballot, Nomination

    admin = world["admin"]
    with transaction.atomic():
        round_ = services.create_round(
            actor=admin,
            activity=world["activity"],
            movement="Vì người nghèo - Không để ai bị bỏ lại phía sau",
            name=f"Sơ kết {size}",
            slug=slug,
            period_start=date(2021, 1, 1),
            period_end=date(YEAR, 12, 31),
            nominations_close=date(YEAR, 10, 31),
            office=world["department"],
            council=world["council"],
            form_codes=["giay_khen_huyen"],
        )
        communes = world["communes"]
        for i in range(size):
            services.create_nomination(
                actor=admin,
                round=round_,
                nominating_organisation=world["department"],
                subject="household",
                name=f"Hộ gia đình thứ {i + 1:03d}",
                household_members=4,
                commune=communes[i % len(communes)],
                achievements="Thoát nghèo bền vững.",
                form_code="giay_khen_huyen",
                dated_on=date(YEAR, 10, 10),
            )
        # The bench measures the council, not the dossier uploads: put them before it in bulk.
        Nomination.objects.filter(round=round_).update(status="council")
        meeting = services.create_meeting(actor=admin, round=round_, held_on=date(YEAR, 11, 20))
        services.open_meeting(actor=admin, meeting=meeting)
        Ballot.objects.bulk_create(
            Ballot(meeting=meeting, nomination=n, source="paper", agree=6, disagree=1)
            for n in Nomination.objects.filter(round=round_)
        )
        if close:
            services.close_meeting(actor=admin, meeting=meeting)
    return round_, meeting


def main() -> None:
    from giamngheo.awards import documents, services

    call_command("migrate", verbosity=0)
    world = build()
    _small_round, small = round_with(world, size=3, slug="nho")
    with Stopwatch() as sw:
        full_round, full = round_with(world, size=300, slug="day-du")
    say(f"300 nominations with their ballots in {sw.seconds:.1f} s")
    client = Client()
    client.force_login(world["admin"])
    # The same 300 before a meeting still open: every row of the page carries its ballot form.
    _open_round, open_meeting = round_with(world, size=300, slug="dang-hop", close=False)
    screens = {
        size: time_screen(client, reverse("awards_meeting", args=[m.pk]), runs=20)
        for size, m in ((3, small), (300, full))
    }
    screens["open"] = time_screen(
        client, reverse("awards_meeting", args=[open_meeting.pk]), runs=20
    )
    # The Wagtail admin page around the screen (menu, sidebar), in the same run.
    baseline = time_screen(client, reverse("wagtailadmin_home"), runs=20)
    decision = services.decide_round(
        actor=world["admin"],
        round=full_round,
        number="300/QĐ-UBND",
        signed_on=date(YEAR, 12, 5),
        authority="ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Ký",
    )
    runs = []
    for _run in range(3):
        start = time.perf_counter()
        data = documents.decision_docx(decision)
        runs.append(time.perf_counter() - start)
    docx_s = max(runs)
    same = screens[3]["queries"] == screens[300]["queries"] == screens["open"]["queries"]
    table(
        ["what", "3", "300", "bar", "ok"],
        [
            [
                "council screen p95 ms",
                screens[3]["p95_ms"],
                screens[300]["p95_ms"],
                BAR_SCREEN_MS,
                mark(screens[300]["p95_ms"] <= BAR_SCREEN_MS),
            ],
            [
                "council screen, meeting open (ballot forms), p95 ms",
                "",
                screens["open"]["p95_ms"],
                BAR_SCREEN_MS,
                mark(screens["open"]["p95_ms"] <= BAR_SCREEN_MS),
            ],
            [
                "baseline: admin dashboard p95 ms (queries)",
                "",
                f"{baseline['p95_ms']} ({baseline['queries']})",
                "",
                "",
            ],
            [
                "council screen queries",
                screens[3]["queries"],
                screens[300]["queries"],
                "same",
                mark(same),
            ],
            [
                "decision DOCX, 300-row annex (s, worst of 3)",
                "",
                round(docx_s, 3),
                BAR_DOCX_S,
                mark(docx_s <= BAR_DOCX_S),
            ],
        ],
        title="Thi đua, khen thưởng",
    )
    save_results(
        "awards",
        {
            "screens": screens,
            "baseline_dashboard": baseline,
            "docx_seconds": docx_s,
            "docx_bytes": len(data),
        },
    )


if __name__ == "__main__":
    main()
