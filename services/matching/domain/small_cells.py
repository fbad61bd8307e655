"""Small-cell suppression for breakdowns of public figures, as statistics offices do.

A district whose figures rest on one or two organisations would publish that organisation's
market activity (its contracts, their value) under a place name. Such cells are merged into
one residual row; when the residual itself rests on too few organisations, the smallest
published cells join it, since otherwise it could be worked out as the total minus the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Final, Protocol, Self, TypeVar

MIN_CONTRIBUTORS: Final = 3
"""Fewest organisations a published cell may rest on."""
OTHER_CODE: Final = "other"
"""Code of the residual row that merges the suppressed cells."""


class Ordered(Protocol):
    def __lt__(self, other: Self, /) -> bool: ...


K = TypeVar("K", bound=Ordered)
V = TypeVar("V")


def small_cells_merged(
    cells: Mapping[K, V],
    contributors: Mapping[K, Set[str]],
    merge: Callable[[list[V]], V],
    residual: K,
    minimum: int = MIN_CONTRIBUTORS,
    pinned: Set[K] = frozenset(),
) -> list[tuple[K, V]]:
    """The cells that rest on at least `minimum` organisations, in key order, then — when any
    was suppressed — the `residual` row merging the others. `pinned` cells always go to the
    residual (the `other` sector is itself a residual)."""

    def size(key: K) -> int:
        return len(contributors.get(key, set()))

    def behind(keys: list[K]) -> set[str]:
        return set().union(*(contributors.get(key, set()) for key in keys))

    shown = sorted(key for key in cells if size(key) >= minimum and key not in pinned)
    hidden = sorted(key for key in cells if size(key) < minimum or key in pinned)
    while hidden and shown and len(behind(hidden)) < minimum:
        smallest = min(shown, key=lambda key: (size(key), key))
        shown.remove(smallest)
        hidden.append(smallest)
    rows = [(key, cells[key]) for key in shown]
    if hidden:
        rows.append((residual, merge([cells[key] for key in hidden])))
    return rows
