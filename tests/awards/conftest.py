"""The awards cast, on the organisations world (tests/organisations/conftest.py): the province's
emulation office (``btd``, its officer ``office``), the council (``hd``) with seven members
``hoidong1`` … ``hoidong7`` (juror memberships), district T1 (``D1``, its ``district_officer``
files nominations) and district T2 (``D2``, ``other_district_officer``); a plan whose item 2.3 is
the emulation form, the office's activity and the 2023 round (sơ kết 2023, Bằng khen and Giấy
khen offered, a 5-working-day comment window by the province's regulation)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.organisations.enums import OrganisationKind, Role
from giamngheo.planning.enums import FormKind
from tests.factories import MembershipFactory, OrganisationFactory, PlanFactory
from tests.organisations.conftest import World, world  # noqa: F401

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name="to-trinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _docx_bytes() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def awards_plan(orgs, *, year: int = 2023):
    from giamngheo.planning.services import ItemSpec

    return PlanFactory(
        orgs=orgs,
        year=year,
        title=f"Kế hoạch truyền thông giảm nghèo năm {year} (thi đua)",
        forms=[
            ItemSpec(code="2.1", text="Truyền thông đại chúng.", form_kind=FormKind.MASS_MEDIA),
            ItemSpec(code="2.3", text="Thi đua, khen thưởng.", form_kind=FormKind.EMULATION),
        ],
    )


def awards_activity(*, actor, plan, organisation, start: date, end: date, title=None):
    from giamngheo.planning import services as planning

    items = {i.code: i for i in plan.items.all()}
    subplan = plan.subplans.filter(organisation=organisation).first() or planning.create_subplan(
        actor=actor, plan=plan, organisation=organisation, title=f"Kế hoạch của {organisation}"
    )
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title or "Sơ kết phong trào thi đua",
        form=items["2.3"],
        contents=[items["1.1"]],
        units=[organisation.unit],
        start_date=start,
        end_date=end,
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=20_000_000, spent=0
            )
        ],
    )


@dataclass
class AwardsWorld:
    base: World
    plan: object = None
    activity: object = None
    round: object = None
    counter: list = field(default_factory=lambda: [0])

    @property
    def users(self):
        return self.base.users

    @property
    def orgs(self):
        return self.base.orgs

    @property
    def units(self):
        return self.base.units

    def nomination(self, *, who="district_officer", org="D1", commune="C1a", **kwargs):
        from giamngheo.awards import services

        self.counter[0] += 1
        spec = {
            "subject": "household",
            "name": f"Hộ ông Nguyễn Văn Thoát Nghèo {self.counter[0]}",
            "household_members": 4,
            "village": "Thôn Đồng Mới",
            "achievements": "Tự vươn lên thoát nghèo bền vững, giúp đỡ 3 hộ khác.",
            "form_code": "giay_khen_huyen",
            "dated_on": date(2023, 10, 10),
            **kwargs,
        }
        return services.create_nomination(
            actor=self.users[who],
            round=kwargs.pop("round", None) or self.round,
            nominating_organisation=self.orgs[org],
            commune=self.units[commune],
            **{k: v for k, v in spec.items() if k != "round"},
        )

    def complete(self, nomination, *, who="district_officer"):
        from giamngheo.awards import services

        for component in nomination.form.components.all():
            services.attach_component(
                actor=self.users[who],
                nomination=nomination,
                component_code=component.code,
                upload=pdf(f"{component.code}.pdf"),
            )
        return nomination

    def to_council(self, nomination, *, today=date(2023, 11, 1)):
        """Submit, appraise, publish and (after the window) send to the council."""
        from giamngheo.awards import services
        from giamngheo.core.workdays import add_working_days

        self.complete(nomination)
        services.submit_nomination(actor=self.users["district_officer"], nomination=nomination)
        office = self.users["office"]
        services.pass_appraisal(actor=office, nomination=nomination)
        n = services.publish_nomination(actor=office, nomination=nomination, today=today)
        if n.comment_until:
            n = services.send_to_council(
                actor=office, nomination=n, today=add_working_days(n.comment_until, 1)
            )
        return n

    def meeting(self, *, held_on=date(2023, 11, 20), absent_written=(), absent=()):
        from giamngheo.awards import services
        from giamngheo.awards.enums import Attendance

        m = services.create_meeting(
            actor=self.users["office"],
            round=self.round,
            held_on=held_on,
            place="Phòng họp số 2, UBND tỉnh",
            chair_name="Nguyễn Văn Chủ Trì",
            secretary_name="Trần Thị Thư Ký",
        )
        seats = list(m.seats.select_related("membership__user").order_by("pk"))
        by_name = {s.membership.user.username: s.pk for s in seats}
        marks = {by_name[u]: Attendance.ABSENT_WRITTEN for u in absent_written}
        marks |= {by_name[u]: Attendance.ABSENT for u in absent}
        if marks:
            services.set_attendance(actor=self.users["office"], meeting=m, attendance=marks)
        return m


COUNCIL = [f"hoidong{i}" for i in range(1, 8)]


@pytest.fixture
def aworld(world):  # noqa: F811
    from giamngheo.awards import services

    w = world
    w.orgs["btd"] = OrganisationFactory(
        name="Ban Thi đua - Khen thưởng tỉnh", kind=OrganisationKind.DEPARTMENT, unit=w.units["P"]
    )
    w.orgs["hd"] = OrganisationFactory(
        name="Hội đồng Thi đua - Khen thưởng tỉnh", kind=OrganisationKind.OTHER, unit=w.units["P"]
    )
    w.users["office"] = MembershipFactory(
        user__username="office", organisation=w.orgs["btd"], role=Role.UNIT_OFFICER
    ).user
    w.users["other_district_officer"] = MembershipFactory(
        user__username="other_district_officer", organisation=w.orgs["D2"], role=Role.UNIT_OFFICER
    ).user
    for username in COUNCIL:
        w.users[username] = MembershipFactory(
            user__username=username, organisation=w.orgs["hd"], role=Role.JUROR
        ).user
    plan = awards_plan(w.orgs)
    activity = awards_activity(
        actor=w.users["province_admin"],
        plan=plan,
        organisation=w.orgs["btd"],
        start=date(2023, 9, 1),
        end=date(2023, 12, 31),
        title="Sơ kết phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”",
    )
    round_ = services.create_round(
        actor=w.users["office"],
        activity=activity,
        movement="Vì người nghèo - Không để ai bị bỏ lại phía sau",
        name="Sơ kết phong trào năm 2023",
        slug="so-ket-2023",
        period_start=date(2021, 1, 1),
        period_end=date(2023, 12, 31),
        nominations_close=date(2023, 10, 31),
        office=w.orgs["btd"],
        council=w.orgs["hd"],
        form_codes=["bang_khen_tinh", "giay_khen_huyen", "co_thi_dua_tinh"],
        public_comment_days=5,
    )
    return AwardsWorld(base=w, plan=plan, activity=activity, round=round_)
