"""The publications cast: a province with two districts (two communes in the first, one in the
second), the lead department holding the province store, the district and commune committees,
one officer of each (``kho`` for the store), an outsider; a plan whose item 2.5 is the
publications form, an activity of the department with 5.000.000 đ from source 1, and a
leaflet in Vietnamese and Tày."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import factory
import pytest

from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from giamngheo.planning.enums import FormKind
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PlanFactory,
    ServiceFactory,
    SubPlanFactory,
    UnitFactory,
    UserFactory,
    _items,
)

DELIVERED = date(2023, 5, 10)


def _leaflet_kind():
    from giamngheo.publications.models import PublicationKind

    return PublicationKind.objects.get(name="Tờ gấp")


class TitleFactory(ServiceFactory):
    """Needs ``actor`` and ``publisher``."""

    _service = "giamngheo.publications.services.create_title"

    class Meta:
        model = "publications.Title"

    kind = factory.LazyFunction(_leaflet_kind)
    name = factory.Sequence(lambda n: f"Tờ gấp giảm nghèo bền vững số {n}")
    licence_number = "125/GP-STTTT"
    licence_date = date(2023, 4, 20)
    licence_issuer = "Sở Thông tin và Truyền thông"


class EditionFactory(ServiceFactory):
    _service = "giamngheo.publications.services.add_edition"

    class Meta:
        model = "publications.Edition"

    language = "vi"


class PrintRunFactory(ServiceFactory):
    """Needs ``actor``, ``edition``, ``activity``, ``store``; the budget line of source 1."""

    _service = "giamngheo.publications.services.record_print_run"

    class Meta:
        model = "publications.PrintRun"

    budget_line = factory.LazyAttribute(
        lambda o: o.activity.budget_lines.get(funding_source__code="1")
    )
    quantity = 1000
    unit_cost = 2000
    printer = "Công ty Cổ phần In Bắc Giang"
    contract_number = factory.Sequence(lambda n: f"HĐ {n:03d}/2023")
    delivered_on = DELIVERED


@dataclass
class PublicationsWorld:
    units: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    plan: object = None
    activity: object = None
    title: object = None
    editions: dict = field(default_factory=dict)

    def run(self, quantity: int = 1000, *, edition: str = "vi", activity=None, **kwargs):
        return PrintRunFactory(
            actor=self.users["kho"],
            edition=self.editions[edition],
            activity=activity or self.activity,
            store=self.orgs["so"],
            quantity=quantity,
            **kwargs,
        )

    def new_activity(self, **kwargs):
        return ActivityFactory(
            actor=self.users["province_admin"],
            subplan=self.activity.subplan,
            title="In và phát hành tờ gấp",
            form=self.plan.items.get(code="2.5"),
            contents=[self.plan.items.get(code="1.1")],
            **kwargs,
        )


# username -> (organisation key, role)
CAST = {
    "province_admin": ("so", Role.PROVINCE_ADMIN),
    "kho": ("so", Role.UNIT_OFFICER),
    "district_officer": ("D1", Role.UNIT_OFFICER),
    "other_district_officer": ("D2", Role.UNIT_OFFICER),
    "commune_officer": ("C1a", Role.UNIT_OFFICER),
    "other_commune_officer": ("C1b", Role.UNIT_OFFICER),
}


@pytest.fixture
def xworld(db):
    w = PublicationsWorld()
    u = w.units
    u["P"] = UnitFactory(code="P99", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)
    for d in (1, 2):
        u[f"D{d}"] = UnitFactory(
            code=f"P99{d}", name=f"Huyện H{d}", level=UnitLevel.DISTRICT, parent=u["P"]
        )
    u["C1a"] = UnitFactory(code="P99101", name="Xã C1a", parent=u["D1"])
    u["C1b"] = UnitFactory(code="P99102", name="Xã C1b", parent=u["D1"])
    u["C2a"] = UnitFactory(code="P99201", name="Xã C2a", parent=u["D2"])
    w.orgs["so"] = OrganisationFactory(
        name="Sở Lao động - Thương binh và Xã hội",
        kind=OrganisationKind.DEPARTMENT,
        unit=u["P"],
        is_lead=True,
    )
    for key in ("D1", "D2"):
        w.orgs[key] = OrganisationFactory(name=f"Ủy ban nhân dân huyện H{key[1]}", unit=u[key])
    for key in ("C1a", "C1b", "C2a"):
        w.orgs[key] = OrganisationFactory(name=f"Ủy ban nhân dân xã {key}", unit=u[key])
    for username, (org, role) in CAST.items():
        membership = MembershipFactory(user__username=username, organisation=w.orgs[org], role=role)
        w.users[username] = membership.user
    w.users["outsider"] = UserFactory(username="outsider")
    from giamngheo.planning.services import ItemSpec

    w.plan = PlanFactory(
        orgs=w.orgs,
        forms=[
            *_items(("2.1", "Truyền thông đại chúng.")),
            ItemSpec(code="2.5", text="In ấn, phát hành.", form_kind=FormKind.PUBLICATIONS),
        ],
    )
    subplan = SubPlanFactory(
        actor=w.users["province_admin"],
        plan=w.plan,
        organisation=w.orgs["so"],
        title="Kế hoạch cụ thể của Sở",
    )
    w.activity = ActivityFactory(
        actor=w.users["province_admin"],
        subplan=subplan,
        title="In và phát hành tờ gấp, sổ tay hỏi – đáp",
        form=w.plan.items.get(code="2.5"),
        contents=[w.plan.items.get(code="1.1")],
        start_date=date(2023, 4, 1),
        end_date=date(2023, 9, 30),
    )
    w.title = TitleFactory(actor=w.users["kho"], publisher=w.orgs["so"], name="Tờ gấp giảm nghèo")
    for language in ("vi", "tay"):
        w.editions[language] = EditionFactory(
            actor=w.users["kho"], title=w.title, language=language
        )
    return w


@pytest.fixture
def movements_flushable(transactional_db):
    """A transactional test leaves ledger rows for the flush, which deletes row by row on SQLite
    and would meet the append-only trigger: for that clean-up only, the triggers are lifted and
    the ledger emptied (core.ledger.lifted; PostgreSQL's flush truncates, no trigger fires)."""
    yield
    from django.db import connection

    from giamngheo.core.ledger import lifted

    if connection.vendor != "sqlite":
        return
    with lifted("publications_movement"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM publications_movement")


__all__ = [
    "DELIVERED",
    "EditionFactory",
    "PrintRunFactory",
    "PublicationsWorld",
    "TitleFactory",
    "movements_flushable",
    "xworld",
]


@pytest.fixture
def sent(xworld):
    """100 leaflets sent to commune C1a on Friday 28/4/2023: 29/4–3/5 are holidays and bridge
    days, so its 5 working days to confirm end on 10/5."""
    from giamngheo.publications import services

    officer = xworld.users["commune_officer"]
    officer.email = "canbo.c1a@example.vn"
    officer.save(update_fields=["email"])
    return services.dispatch(
        actor=xworld.users["kho"],
        print_run=xworld.run(1000, delivered_on=date(2023, 4, 20)),
        sender=xworld.orgs["so"],
        recipient=xworld.orgs["C1a"],
        quantity=100,
        dispatched_on=date(2023, 4, 28),
    )
