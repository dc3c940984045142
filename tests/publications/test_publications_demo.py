"""The demo story of item 2.5 (marked sample): printed, sent to the communes of three districts,
most confirmed, some overdue, Tân Sỏi's handbooks waiting for canbo.tansoi; idempotent."""

from __future__ import annotations

import io
from datetime import date

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.publications.demo import load_demo_publications
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    out = io.StringIO()
    accounts = load_demo_publications(stdout=out, with_users=True)
    return out.getvalue(), accounts


def test_demo_tells_the_2023_story(demo):
    from django.contrib.auth import get_user_model

    from giamngheo.planning import registry
    from giamngheo.publications import selectors, services
    from giamngheo.publications.enums import DispatchStatus
    from giamngheo.publications.models import Dispatch, Title

    text, accounts = demo
    assert accounts == [
        ("kho.tinh", "KhoAnPham#Demo2023", "Thủ kho ấn phẩm của Sở LĐTBXH: in, nhập kho, giao")
    ]
    assert text.startswith("Ấn phẩm: 2 ấn phẩm (3 bản ngôn ngữ), 3 đợt in; ")
    assert all(t.summary.startswith("[Dữ liệu mẫu]") for t in Title.objects.all())
    assert Title.objects.count() == 2
    tansoi = get_user_model().objects.get(username="canbo.tansoi")
    waiting = selectors.awaiting_confirmation(user=tansoi, today=date(2023, 6, 1), overdue_after=5)
    assert [(d.print_run.edition.title.name, d.quantity, d.overdue) for d in waiting] == [
        ("Sổ tay hỏi – đáp về Chương trình mục tiêu quốc gia giảm nghèo bền vững", 20, True)
    ]
    leaflet = Dispatch.objects.get(recipient__name="Ủy ban nhân dân xã Tân Sỏi", quantity=100)
    assert (leaflet.status, leaflet.received_quantity, leaflet.discrepancy_reason) == (
        DispatchStatus.CONFIRMED,
        95,
        "5 bản bị ướt do mưa khi vận chuyển",
    )
    services.confirm_receipt(
        actor=tansoi, dispatch=waiting[0], received_quantity=20, received_on=date(2023, 6, 2)
    )
    total = Dispatch.objects.count()
    in_transit = Dispatch.objects.filter(status=DispatchStatus.IN_TRANSIT).count()
    assert 0 < in_transit < total / 5  # most confirmed, some overdue
    activity = Dispatch.objects.first().print_run.activity
    figures = registry.totals(
        activities=type(activity).objects.filter(pk=activity.pk),
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        codes=["publications.copies_printed", "publications.titles"],
    )
    assert figures == {"publications.copies_printed": 11_000, "publications.titles": 2}


def test_demo_is_idempotent(demo):
    from giamngheo.publications.demo import load_demo_publications
    from giamngheo.publications.models import Dispatch, Movement

    counts = (Dispatch.objects.count(), Movement.objects.count())
    out = io.StringIO()
    load_demo_publications(stdout=out, with_users=True)
    assert out.getvalue() == "Ấn phẩm: đã có, không tạo lại.\n"
    assert (Dispatch.objects.count(), Movement.objects.count()) == counts


def test_demo_without_accounts_adds_nothing(db):
    from giamngheo.publications.demo import load_demo_publications
    from giamngheo.publications.models import Title

    out = io.StringIO()
    assert load_demo_publications(stdout=out, with_users=False) == []
    assert Title.objects.count() == 0
