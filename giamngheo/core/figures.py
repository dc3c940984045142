"""Figures one app publishes for another that may not import it.

The form apps sit below ``results`` in the app graph (DESIGN §3), yet publications allocates
copies in proportion to the poor and near-poor households that ``results`` holds. ``results``
registers a provider here at start-up (its ``AppConfig.ready``); a reader asks core, and gets
an empty answer when no provider is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# (unit ids, year) -> (year of the figures used, {unit id: poor + near-poor households})
HouseholdsProvider = Callable[[Iterable[int], int], tuple[int | None, dict[int, int]]]

_providers: dict[str, HouseholdsProvider] = {}


def register_households_provider(provider: HouseholdsProvider) -> None:
    _providers["households"] = provider


def poor_and_near_poor_households(
    *, unit_ids: Iterable[int], year: int
) -> tuple[int | None, dict[int, int]]:
    """The poor plus near-poor households of each commune in the latest review up to ``year``,
    and that review's year (None, {} without data or provider)."""
    provider = _providers.get("households")
    if provider is None:
        return None, {}
    return provider(list(unit_ids), year)
