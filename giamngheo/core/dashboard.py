"""The "Việc cần làm" panel on the admin's home page: what waits for *this* user.

Apps register a provider with ``register_todos``: ``provider(user=…) -> list[Todo]``, each
entry a count and the filtered list it links to (feedback due and overdue, reports due or
returned, sub-plans and pages waiting for approval). A provider answers in a fixed number of
queries (one aggregate), whatever the number of rows; entries with nothing to do are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str
    urgent: bool = False  # overdue or returned: shown first and marked


_PROVIDERS: list[Callable] = []


def register_todos(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def todos_for(*, user) -> list[Todo]:
    items = [todo for provider in _PROVIDERS for todo in provider(user=user) if todo.count]
    return sorted(items, key=lambda t: not t.urgent)


class TodoPanel(Component):
    name = "viec-can-lam"
    order = 10
    template_name = "core/admin/todo_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"todos": todos_for(user=self.user)}
