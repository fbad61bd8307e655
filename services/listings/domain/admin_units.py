"""Versioned administrative units (GSO codes) of the Central Highlands and their neighbours.

On 1 July 2025 provinces were merged and the district tier was abolished (two-tier local
government): Kon Tum (62) joined Quảng Ngãi (51), Gia Lai (64) and Bình Định joined under the
name Gia Lai (52), Phú Yên (54) joined Đắk Lắk (66), Đắk Nông (67) and Bình Thuận (60) joined
Lâm Đồng (68). An address registered before the merger keeps its units as they were and still
resolves to the province that governs it today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from shared.events.organizations import AdministrativeUnit

LAST_DAY_BEFORE_2025_MERGER = date(2025, 6, 30)
FIRST_DAY_AFTER_2025_MERGER = date(2025, 7, 1)
Level = Literal["province", "district"]


@dataclass(frozen=True)
class Unit:
    """One version of a unit: a code may name a different unit after a merger (52)."""

    code: str
    name: str
    level: Level
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: str | None = None
    parent_code: str | None = None

    def valid_on(self, day: date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or day <= self.valid_to)

    def public(self) -> AdministrativeUnit:
        return AdministrativeUnit(
            code=self.code,
            name=self.name,
            level=self.level,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            successor_code=self.successor_code,
        )


def _merged(code: str, name: str, since: date, successor: str) -> Unit:
    return Unit(code, name, "province", since, LAST_DAY_BEFORE_2025_MERGER, successor)


def _districts(parent: str, names: dict[str, str]) -> tuple[Unit, ...]:
    """Districts ended with the district tier on 30 June 2025; communes took their place."""
    return tuple(
        Unit(code, name, "district", None, LAST_DAY_BEFORE_2025_MERGER, None, parent)
        for code, name in names.items()
    )


_SPLIT_1991 = date(1991, 8, 12)  # Gia Lai – Kon Tum split into two provinces
_SPLIT_1989 = date(1989, 7, 1)  # Nghĩa Bình split into Quảng Ngãi and Bình Định
_SPLIT_2004 = date(2004, 1, 1)  # Đắk Lắk split into Đắk Lắk and Đắk Nông

PROVINCES: tuple[Unit, ...] = (
    _merged("62", "Kon Tum", _SPLIT_1991, "51"),
    Unit("51", "Quảng Ngãi", "province", _SPLIT_1989),
    _merged("64", "Gia Lai", _SPLIT_1991, "52"),
    _merged("52", "Bình Định", _SPLIT_1989, "52"),
    Unit("52", "Gia Lai", "province", FIRST_DAY_AFTER_2025_MERGER),
    _merged("54", "Phú Yên", _SPLIT_1989, "66"),
    Unit("66", "Đắk Lắk", "province", _SPLIT_2004),
    _merged("67", "Đắk Nông", _SPLIT_2004, "68"),
    _merged("60", "Bình Thuận", _SPLIT_1991, "68"),
    Unit("68", "Lâm Đồng", "province", date(1976, 2, 20)),
)

DISTRICTS: tuple[Unit, ...] = (
    *_districts(
        "62",
        {
            "608": "Thành phố Kon Tum",
            "610": "Đắk Glei",
            "611": "Ngọc Hồi",
            "612": "Đắk Tô",
            "613": "Kon Plông",
            "614": "Kon Rẫy",
            "615": "Đắk Hà",
            "616": "Sa Thầy",
            "617": "Tu Mơ Rông",
            "618": "Ia H'Drai",
        },
    ),
    *_districts(
        "51",
        {
            "522": "Thành phố Quảng Ngãi",
            "524": "Bình Sơn",
            "525": "Trà Bồng",
            "527": "Sơn Tịnh",
            "528": "Tư Nghĩa",
            "529": "Sơn Hà",
            "530": "Sơn Tây",
            "531": "Minh Long",
            "532": "Nghĩa Hành",
            "533": "Mộ Đức",
            "534": "Đức Phổ",
            "535": "Ba Tơ",
            "536": "Lý Sơn",
        },
    ),
    *_districts("64", {"622": "Thành phố Pleiku"}),
    *_districts("66", {"643": "Thành phố Buôn Ma Thuột"}),
    *_districts("67", {"660": "Thành phố Gia Nghĩa"}),
    *_districts("68", {"672": "Thành phố Đà Lạt", "673": "Thành phố Bảo Lộc"}),
)

_ALL: tuple[Unit, ...] = PROVINCES + DISTRICTS


class UnknownUnitError(LookupError):
    """No unit has this code (on that day)."""


def find(code: str, on: date | None = None) -> Unit:
    """The unit with `code` valid on `on`; without a day, the latest version of the code.

    An address keeps the unit it was registered with, so a unit that no longer exists is
    still found: `find("62")` is Kon Tum, `find("62", on=date(2025, 7, 1))` fails.
    """
    versions = [unit for unit in _ALL if unit.code == code]
    if on is not None:
        versions = [unit for unit in versions if unit.valid_on(on)]
    if not versions:
        raise UnknownUnitError(code)
    return max(versions, key=lambda unit: unit.valid_from or date.min)


def version_of(unit: AdministrativeUnit) -> Unit:
    """The registry entry behind a unit stored on an address."""
    for candidate in _ALL:
        if candidate.code == unit.code and candidate.valid_from == unit.valid_from:
            return candidate
    raise UnknownUnitError(unit.code)


def province_of(unit: Unit) -> Unit:
    """A district's province as it was when the district existed; a province itself."""
    if unit.parent_code is None:
        return unit
    return find(unit.parent_code, on=unit.valid_to or unit.valid_from)


def current_province(unit: Unit, on: date) -> Unit:
    """The province that governs an address in `unit` on day `on`, across mergers."""
    province = province_of(unit)
    while not province.valid_on(on):
        if province.successor_code is None or province.valid_to is None:
            raise UnknownUnitError(f"{province.code} has no successor on {on.isoformat()}")
        province = find(province.successor_code, on=_day_after(province.valid_to))
    return province


def _day_after(day: date) -> date:
    return day + timedelta(days=1)
