"""20 officers dispatch one copy each at once from a store holding 10: exactly 10 succeed and
the others are told in Vietnamese that the stock is short (threads with their own connections,
SQLite file or PostgreSQL). The balance never goes below zero."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

THREADS = 20


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("movements_flushable")
def test_twenty_concurrent_dispatches_with_stock_for_ten_exactly_ten_succeed(xworld):
    from giamngheo.publications import services
    from giamngheo.publications.models import Dispatch, Movement, PrintRun

    run = xworld.run(10)
    recipients = ["D1", "D2", "C1a", "C1b", "C2a"]

    def send(i):
        try:
            services.dispatch(
                actor=xworld.users["kho"],
                print_run=PrintRun.objects.get(pk=run.pk),
                sender=xworld.orgs["so"],
                recipient=xworld.orgs[recipients[i % 5]],
                quantity=1,
                dispatched_on=date(2023, 5, 15),
            )
            return "sent"
        except ValidationError as exc:
            return exc.messages[0]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        outcomes = list(executor.map(send, range(THREADS)))
    refusal = (
        "Không đủ ấn phẩm: “Sở Lao động - Thương binh và Xã hội” chỉ còn 0 bản vào ngày "
        "15/05/2023 hoặc một ngày sau đó, không thể xuất 1 bản."
    )
    assert sorted(outcomes) == sorted(["sent"] * 10 + [refusal] * 10)
    assert Dispatch.objects.count() == 10
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=date(2023, 5, 15)) == 0
    assert Movement.objects.filter(holder=xworld.orgs["so"]).count() == 11
