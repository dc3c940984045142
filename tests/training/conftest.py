"""The training cast, on the organisations world (tests/organisations/conftest.py): the
Department (``so``) runs courses, its officer ``organiser`` (a unit officer of the Department);
district T1 (``D1``) and its communes C1a, C1b; district T2 with C2a; their officers; an
outsider. A plan whose item 2.4 is the training form, the Department's training activity in
May 2023, and helpers to make a course, allot places and name participants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest

from giamngheo.organisations.enums import Role
from giamngheo.planning.enums import FormKind
from tests.factories import HCM, MembershipFactory, PlanFactory
from tests.organisations.conftest import World, world  # noqa: F401

DAY1, DAY2 = date(2023, 5, 15), date(2023, 5, 16)


def local(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HCM)


def training_plan(orgs, *, year: int = 2023):
    from giamngheo.planning.services import ItemSpec

    return PlanFactory(
        orgs=orgs,
        year=year,
        title=f"Kế hoạch truyền thông giảm nghèo năm {year} (tập huấn)",
        forms=[
            ItemSpec(code="2.1", text="Truyền thông đại chúng.", form_kind=FormKind.MASS_MEDIA),
            ItemSpec(code="2.4", text="Tập huấn, bồi dưỡng.", form_kind=FormKind.TRAINING),
        ],
    )


def training_activity(*, actor, plan, organisation, start: date, end: date, title=None):
    from giamngheo.planning import services as planning

    items = {i.code: i for i in plan.items.all()}
    subplan = plan.subplans.filter(organisation=organisation).first() or planning.create_subplan(
        actor=actor, plan=plan, organisation=organisation, title=f"Kế hoạch của {organisation}"
    )
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title or f"Tập huấn từ {start:%d/%m/%Y}",
        form=items["2.4"],
        contents=[items["1.1"]],
        units=[organisation.unit],
        start_date=start,
        end_date=end,
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=10_000_000, spent=0
            )
        ],
    )


@dataclass
class TrainingWorld:
    base: World
    plan: object = None
    activity: object = None
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

    def course(self, *, days=(DAY1, DAY2), capacity=30, activity=None, **kwargs):
        from giamngheo.training import services

        self.counter[0] += 1
        spec = {
            "title": f"Lớp tập huấn nghiệp vụ số {self.counter[0]}",
            "organiser": self.orgs["so"],
            "venue_unit": self.units["P"],
            "venue_address": "Hội trường Sở, số 1 đường Thử",
            "signer_title": "Giám đốc",
            "signer_name": "Nguyễn Văn Ký",
            **kwargs,
        }
        return services.create_course(
            actor=kwargs.pop("actor", None) or self.users["organiser"],
            activity=activity or self.activity,
            capacity=capacity,
            sessions=[services.SessionSpec(d, time(7, 30), time(16, 30)) for d in days],
            **{k: v for k, v in spec.items() if k != "actor"},
        )

    def allot(self, course, key="D1", places=5):
        from giamngheo.training import services

        return services.allot_places(
            actor=self.users["organiser"],
            course=course,
            organisation=self.orgs[key],
            places=places,
        )

    def name(self, allotment, *, who="district_officer", org="C1a", n=0, **kwargs):
        from giamngheo.training import services

        person = {
            "full_name": f"Nguyễn Thị Học Viên {n}",
            "position": "Công chức Văn hóa - Xã hội",
            "phone": f"0912{n:06d}",
            "email": f"hocvien{n}@example.vn",
            "sex": "female",
            "ethnicity": "tay",
            **kwargs,
        }
        return services.name_participant(
            actor=self.users[who], allotment=allotment, organisation=self.orgs[org], **person
        )


@pytest.fixture
def tworld(world):  # noqa: F811
    w = world
    w.users["organiser"] = MembershipFactory(
        user__username="organiser", organisation=w.orgs["so"], role=Role.UNIT_OFFICER
    ).user
    w.users["other_district_officer"] = MembershipFactory(
        user__username="other_district_officer", organisation=w.orgs["D2"], role=Role.UNIT_OFFICER
    ).user
    plan = training_plan(w.orgs)
    activity = training_activity(
        actor=w.users["province_admin"],
        plan=plan,
        organisation=w.orgs["so"],
        start=date(2023, 5, 1),
        end=date(2023, 6, 30),
        title="Tập huấn cán bộ giảm nghèo cấp xã",
    )
    return TrainingWorld(base=w, plan=plan, activity=activity)
