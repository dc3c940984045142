"""The dashboard's "Việc cần làm" for a receiving commune: deliveries to confirm, overdue first
(the same 5 working days as the awaiting list and the reminders)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from giamngheo.core.dashboard import Todo, todos_for
from giamngheo.publications import selectors, services
from giamngheo.publications.wagtail_hooks import publications_todos

pytestmark = pytest.mark.django_db


def test_the_receiving_officer_counts_the_delivery_overdue_only_after_its_fifth_working_day(
    xworld, sent
):
    officer = xworld.users["commune_officer"]
    assert selectors.receipts_to_confirm(
        user=officer, today=date(2023, 5, 10), overdue_after=5
    ) == (
        1,
        0,
    )
    assert selectors.receipts_to_confirm(
        user=officer, today=date(2023, 5, 11), overdue_after=5
    ) == (
        1,
        1,
    )
    # The sender, another commune and an outsider have nothing to confirm.
    for name in ("kho", "other_commune_officer", "outsider"):
        assert selectors.receipts_to_confirm(
            user=xworld.users[name], today=date(2023, 5, 11), overdue_after=5
        ) == (0, 0)


def test_a_confirmed_delivery_leaves_the_dashboard(xworld, sent, django_assert_num_queries):
    officer = xworld.users["commune_officer"]
    url = reverse("publications_awaiting")
    with django_assert_num_queries(2):  # the deliveries; the calendar's working-day exceptions
        todos = publications_todos(user=officer)
    assert [t for t in todos if t.count] == [
        Todo(
            label="phiếu giao ấn phẩm quá hạn chưa xác nhận đã nhận", count=1, url=url, urgent=True
        )
    ]
    services.confirm_receipt(
        actor=officer, dispatch=sent, received_quantity=100, received_on=date(2023, 5, 2)
    )
    assert [t for t in todos_for(user=officer) if "ấn phẩm" in str(t.label)] == []


def test_the_dashboard_shows_the_count_and_links_the_awaiting_list(client, xworld, sent):
    client.force_login(xworld.users["commune_officer"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "phiếu giao ấn phẩm quá hạn chưa xác nhận đã nhận" in page
    assert f'href="{reverse("publications_awaiting")}"' in page
