"""Regions for the region feature: provinces as they govern today, and neighbours.

Codes are GSO province codes. Since 1 July 2025 provinces were merged (Kon Tum 62 is part of
Quảng Ngãi 51); matching happens today, so a unit always resolves, through `shared.places`,
to the province that governs it now. Neighbours are listed as they were before the mergers
and carried over to today's provinces.
"""

from __future__ import annotations

from shared import places
from shared.events.organizations import AdministrativeUnit

_BORDERS: dict[str, tuple[str, ...]] = {
    "46": ("49",),  # Thừa Thiên Huế
    "48": ("49",),  # Đà Nẵng
    "49": ("48", "46", "51", "62"),  # Quảng Nam
    "51": ("49", "52", "62", "64"),  # Quảng Ngãi
    "52": ("51", "54", "64"),  # Bình Định
    "54": ("52", "56", "64", "66"),  # Phú Yên
    "56": ("54", "58", "66", "68"),  # Khánh Hòa
    "62": ("49", "51", "64"),  # Kon Tum
    "64": ("51", "52", "54", "62", "66"),  # Gia Lai
    "66": ("54", "56", "64", "67", "68"),  # Đắk Lắk
    "67": ("66", "68", "70"),  # Đắk Nông
    "68": ("56", "58", "60", "66", "67", "75"),  # Lâm Đồng
}
"""Land borders between provinces of the Central Highlands and the south-central coast,
as they were before the 2025 mergers (each pair is listed at least once)."""


def current_code(unit: AdministrativeUnit) -> str:
    """The code of the province that governs `unit` today (a commune's or district's too)."""
    if unit.current_province_code:
        return unit.current_province_code
    try:
        return places.current_province(places.version_of(unit)).code
    except places.UnknownUnitError:  # a code the snapshot does not know: take it as it is
        return unit.successor_code or unit.code


def _current(code: str) -> str:
    try:
        return places.current_province(places.find(code)).code
    except places.UnknownUnitError:
        return code


def _neighbour_pairs() -> frozenset[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for code, borders in _BORDERS.items():
        for other in borders:
            pairs.add(frozenset((_current(code), _current(other))))
    return frozenset(pair for pair in pairs if len(pair) == 2)


NEIGHBOURS = _neighbour_pairs()
"""Unordered pairs of today's bordering provinces (a merged province has its members' borders)."""


def are_neighbours(first: str, second: str) -> bool:
    return frozenset((first, second)) in NEIGHBOURS
