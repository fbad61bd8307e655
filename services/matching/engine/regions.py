"""Regions for the region feature: versioned provinces, mergers and neighbours.

Codes are the GSO province codes. Since 1 July 2025 Kon Tum (62) is part of Quảng Ngãi
(51): a unit carries its own `successor_code`, and listings saved before the merger (code
62 without a successor) are resolved through `MERGED_INTO`. Matching happens today, so a
unit always resolves to the province that governs it now.
"""

from __future__ import annotations

from shared.events.organizations import AdministrativeUnit

MERGED_INTO: dict[str, str] = {
    "62": "51",  # Kon Tum → Quảng Ngãi, 2025-07-01 (Resolution 202/2025/QH15)
}
"""Province code → the province it was merged into."""

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
    """The code of the province that governs `unit` today, following mergers."""
    code = unit.successor_code or unit.code
    seen = {code}
    while code in MERGED_INTO:
        code = MERGED_INTO[code]
        if code in seen:
            break
        seen.add(code)
    return code


def _current(code: str) -> str:
    return current_code(AdministrativeUnit(code=code, name=code, level="province"))


def _neighbour_pairs() -> frozenset[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for code, borders in _BORDERS.items():
        for other in borders:
            pairs.add(frozenset((code, other)))
            pairs.add(frozenset((_current(code), _current(other))))
    return frozenset(pair for pair in pairs if len(pair) == 2)


NEIGHBOURS = _neighbour_pairs()
"""Unordered pairs of bordering provinces, by old and by current code."""


def are_neighbours(first: str, second: str) -> bool:
    return frozenset((first, second)) in NEIGHBOURS
