"""The commune radio cast, on the organisations world (tests/organisations/conftest.py): the
Department (``so``) writes bulletins (its ``editor``) and approves them (``approver``); a plan
whose item 2.1 is the commune radio form and the Department's radio activity of 2023; a station
in each commune C1a, C1b, C2a, C2b, operated by ``operator_c1a`` … (assignment, no membership)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest

from giamngheo.organisations.enums import Role
from giamngheo.planning.enums import FormKind
from tests.factories import HCM, MembershipFactory, PlanFactory, UserFactory
from tests.organisations.conftest import World, world  # noqa: F401

SENT = datetime(2023, 11, 13, 7, 0, tzinfo=HCM)


def local(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HCM)


def radio_plan(orgs, *, year: int = 2023):
    from giamngheo.planning.services import ItemSpec

    return PlanFactory(
        orgs=orgs,
        year=year,
        forms=[
            ItemSpec(code="2.1", text="Truyền thanh cơ sở.", form_kind=FormKind.COMMUNE_RADIO),
            ItemSpec(code="2.4", text="Tập huấn.", form_kind=FormKind.TRAINING),
        ],
    )


def radio_activity(*, actor, plan, organisation, title="Bản tin giảm nghèo trên loa xã"):
    from giamngheo.planning import services as planning

    items = {i.code: i for i in plan.items.all()}
    subplan = plan.subplans.filter(organisation=organisation).first() or planning.create_subplan(
        actor=actor, plan=plan, organisation=organisation, title=f"Kế hoạch của {organisation}"
    )
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title,
        form=items["2.1"],
        contents=[items["1.1"]],
        units=[organisation.unit],
        start_date=date(2023, 1, 1),
        end_date=date(2023, 12, 31),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=10_000_000, spent=0
            )
        ],
    )


@dataclass
class RadioWorld:
    base: World
    plan: object = None
    activity: object = None
    stations: dict = None

    @property
    def users(self):
        return self.base.users

    @property
    def orgs(self):
        return self.base.orgs

    @property
    def units(self):
        return self.base.units

    def bulletin(self, *, communes=("C1a", "C1b", "C2a"), activity=None, **kwargs):
        from giamngheo.broadcasts import services

        spec = {
            "title": "Gương sáng giảm nghèo: gia đình anh Nguyễn Văn Thoát",
            "text": "Ngày 15/11/2023, UBND xã hỗ trợ 1.500.000 đồng cho 105 hộ nghèo.",
            "air_from": date(2023, 11, 13),
            "air_to": date(2023, 11, 19),
            "valid_until": date(2023, 11, 30),
            "times_per_day": 2,
            **kwargs,
        }
        return services.create_bulletin(
            actor=spec.pop("actor", None) or self.users["editor"],
            activity=activity or self.activity,
            communes=[self.units[c] for c in communes],
            **spec,
        )

    def sent(self, *, at=SENT, **kwargs):
        from giamngheo.broadcasts import services

        bulletin = self.bulletin(**kwargs)
        services.approve_bulletin(
            actor=self.users["approver"], bulletin=bulletin, generate_audio=False
        )
        return services.send_bulletin(
            actor=self.users["editor"], bulletin=bulletin, at=at, tell=False
        )

    def delivery(self, bulletin, commune="C1a"):
        return bulletin.deliveries.get(commune=self.units[commune])


@pytest.fixture
def radio(world):  # noqa: F811
    from giamngheo.broadcasts import services as radio_services
    from giamngheo.broadcasts.enums import StationKind

    w = world
    w.users["approver"] = MembershipFactory(
        user__username="approver", organisation=w.orgs["so"], role=Role.APPROVER
    ).user
    plan = radio_plan(w.orgs)
    activity = radio_activity(actor=w.users["province_admin"], plan=plan, organisation=w.orgs["so"])
    stations = {}
    for label in ("C1a", "C1b", "C2a", "C2b"):
        org = w.orgs.get(label) or w.orgs[f"D{label[1]}"]
        operator = UserFactory(
            username=f"operator_{label.lower()}", email=f"dai.{label.lower()}@example.vn"
        )
        station = radio_services.create_station(
            actor=w.users["province_admin"],
            name=f"Đài truyền thanh xã {label}",
            commune=w.units[label],
            kind=StationKind.IP,
            operator_organisation=org,
            contact_name=f"Người phụ trách {label}",
            contact_phone=f"091200000{len(stations)}",
            operators=[operator],
        )
        w.users[f"operator_{label.lower()}"] = operator
        stations[label] = station
    return RadioWorld(base=w, plan=plan, activity=activity, stations=stations)
