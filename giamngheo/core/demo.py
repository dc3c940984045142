"""Demo data: each app loads its own from its ``demo.py``; ``manage.py load_demo`` runs them all.

An app takes part by defining, in ``giamngheo/<app>/demo.py``::

    DEMO_NEEDS = ("organisations",)          # labels of the apps whose demo data it builds on

    def load_demo(*, stdout, with_users: bool) -> DemoLoad | None:
        ...                                   # idempotent: a second run adds nothing

Loaders run each after what it needs; among those ready, in ``DEMO_ORDER`` (apps not listed
follow, in ``INSTALLED_APPS`` order). ``with_users`` is on only where ``DEMO_USERS_ENABLED``
is (development): demo accounts and keys are never created in production.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps

PROJECT_PACKAGE = "giamngheo"
DEMO_ORDER = (
    "organisations",
    "planning",
    "reporting",
    "feedback",
    "results",
    "selfcheck",
    "portal",
)


@dataclass
class DemoLoad:
    """What a loader hands back to be printed after every loader ran."""

    # username, password, description
    accounts: list[tuple[str, str, str]] = field(default_factory=list)
    # lines for the developer (a demo API key …), printed after the accounts
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DemoLoader:
    label: str
    needs: tuple[str, ...]
    load: Callable[..., DemoLoad | None]


def _demo_module(app_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{app_name}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app_name}.demo":
            raise
        return None


def loaders() -> list[DemoLoader]:
    """Every app's loader, in an order where each comes after the apps it needs."""
    found: dict[str, DemoLoader] = {}
    installed = []
    for config in apps.get_app_configs():
        if not config.name.startswith(f"{PROJECT_PACKAGE}."):
            continue
        module = _demo_module(config.name)
        if module is None or not hasattr(module, "load_demo"):
            continue
        installed.append(config.label)
        found[config.label] = DemoLoader(
            label=config.label,
            needs=tuple(getattr(module, "DEMO_NEEDS", ())),
            load=module.load_demo,
        )
    priority = [label for label in DEMO_ORDER if label in found] + [
        label for label in installed if label not in DEMO_ORDER
    ]
    ordered: list[DemoLoader] = []
    done: set[str] = set()
    while len(ordered) < len(priority):
        ready = next(
            (
                label
                for label in priority
                if label not in done
                and all(n in done or n not in found for n in found[label].needs)
            ),
            None,
        )
        if ready is None:
            waiting = sorted(set(priority) - done)
            raise RuntimeError(f"Demo loaders wait on each other: {waiting}")
        ordered.append(found[ready])
        done.add(ready)
    return ordered
