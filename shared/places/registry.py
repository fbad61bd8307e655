"""Vietnam's administrative units, today's and former, from one generated snapshot.

Since 1 July 2025 local government has two levels (Resolution 203/2025/QH15): 34 provinces
(Resolution 202/2025/QH15) and 3,321 communes, wards and special zones; districts are gone.
A code can name two units: a merged province kept one of its members' codes (52 was Bình Định,
is Gia Lai) and a new commune kept the code of one of the old ones it was formed from. A unit
is therefore always a *version*: today's (from 2025-07-01, no end) or former (to 2025-06-30).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

LAST_DAY_OF_DISTRICTS = date(2025, 6, 30)
FIRST_DAY_OF_COMMUNES = date(2025, 7, 1)
Level = Literal["province", "district", "commune"]
SNAPSHOT = Path(__file__).parent / "data" / "units.json"


@dataclass(frozen=True)
class Unit:
    """One version of a unit. `successor_codes` are today's units covering a former one
    (the default first: a commune split between several lists the one holding most of it)."""

    code: str
    name: str
    level: Level
    valid_from: date | None = None
    valid_to: date | None = None
    parent_code: str | None = None
    successor_codes: tuple[str, ...] = ()

    @property
    def former(self) -> bool:
        return self.valid_to is not None

    def valid_on(self, day: date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or day <= self.valid_to)

    def label(self) -> str:
        return f"{self.name} ({self.code})"


class UnknownUnitError(LookupError):
    """No unit has this code (on that day)."""


@dataclass(frozen=True)
class _Registry:
    today: dict[str, Unit]
    former: dict[str, Unit]
    predecessors: dict[str, tuple[str, ...]]
    """Today's commune → the former communes (or island districts) it was formed from."""
    district_communes: dict[str, tuple[str, ...]]
    source: dict[str, str]


@cache
def _registry() -> _Registry:
    raw = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    today: dict[str, Unit] = {}
    for code, name in raw["provinces"]:
        today[code] = Unit(code, name, "province", FIRST_DAY_OF_COMMUNES)
    for code, name, province in raw["communes"]:
        today[code] = Unit(code, name, "commune", FIRST_DAY_OF_COMMUNES, None, province)
    former: dict[str, Unit] = {}
    end = LAST_DAY_OF_DISTRICTS
    for code, name, successor in raw["former_provinces"]:
        former[code] = Unit(code, name, "province", None, end, None, (successor,))
    predecessors: dict[str, list[str]] = {}
    district_communes: dict[str, list[str]] = {}
    for code, name, province, heirs in raw["former_districts"]:
        former[code] = Unit(code, name, "district", None, end, province, tuple(heirs))
        district_communes[code] = []
        for heir in heirs:  # an island district that became a special zone
            predecessors.setdefault(heir, []).append(code)
    for code, name, district, heirs in raw["former_communes"]:
        former[code] = Unit(code, name, "commune", None, end, district, tuple(heirs))
        district_communes[district].append(code)
        for heir in heirs:
            predecessors.setdefault(heir, []).append(code)
    return _Registry(
        today,
        former,
        {code: tuple(olds) for code, olds in predecessors.items()},
        {code: tuple(communes) for code, communes in district_communes.items()},
        raw["source"],
    )


def source() -> dict[str, str]:
    """Package, version and licence the snapshot was generated from."""
    return dict(_registry().source)


def find(code: str, on: date | None = None) -> Unit:
    """The unit with `code` on day `on`; without a day, today's unit, else the former one.

    A stored address keeps the unit it was registered with, so a unit that no longer exists is
    still found: `find("62")` is former Kon Tum, `find("62", on=date(2025, 7, 1))` fails.
    """
    registry = _registry()
    if on is None:
        unit = registry.today.get(code) or registry.former.get(code)
    elif on >= FIRST_DAY_OF_COMMUNES:
        unit = registry.today.get(code)
    else:
        unit = registry.former.get(code)
    if unit is None:
        raise UnknownUnitError(code)
    return unit


@cache
def today_units(parent_code: str | None = None) -> tuple[Unit, ...]:
    """Today's provinces (no parent), or today's communes of one province, in code order."""
    level = "province" if parent_code is None else "commune"
    units = _registry().today.values()
    return tuple(u for u in units if u.level == level and u.parent_code == parent_code)


def version(code: str, former: bool) -> Unit:
    """The former or today's unit with `code` (the unit behind a stored address)."""
    registry = _registry()
    unit = (registry.former if former else registry.today).get(code)
    if unit is None:
        raise UnknownUnitError(code)
    return unit


def province_of(unit: Unit) -> Unit:
    """The province a unit was in when it existed; a province itself."""
    while unit.parent_code is not None:
        unit = version(unit.parent_code, unit.former)
    return unit


def current_province(unit: Unit, on: date | None = None) -> Unit:
    """The province that governs an address in `unit` on day `on` (default: today's)."""
    province = province_of(unit)
    if not province.former or (on is not None and on <= LAST_DAY_OF_DISTRICTS):
        return province
    return version(province.successor_codes[0], former=False)


def current_communes(unit: Unit) -> tuple[Unit, ...]:
    """Today's communes covering a unit: itself, the communes a former commune went to, or
    every commune a former district's communes went to; none for a province."""
    registry = _registry()
    if unit.level == "province":
        return ()
    if not unit.former:
        return (unit,)
    if unit.level == "commune" or not registry.district_communes.get(unit.code):
        codes = unit.successor_codes
    else:
        members = registry.district_communes[unit.code]
        codes = tuple(
            dict.fromkeys(code for m in members for code in registry.former[m].successor_codes)
        )
    return tuple(registry.today[code] for code in codes)


def former_units(unit: Unit) -> tuple[Unit, ...]:
    """The former communes (or island districts), districts and provinces a unit covers."""
    registry = _registry()
    if unit.former:
        return ()
    if unit.level == "province":
        merged = registry.former.values()
        return tuple(
            u for u in merged if u.level == "province" and u.successor_codes == (unit.code,)
        )
    olds = [registry.former[code] for code in registry.predecessors.get(unit.code, ())]
    above = {u.code: u for old in olds for u in _ancestors(old)}
    return (*olds, *above.values())


def former_province(unit: Unit) -> Unit | None:
    """The province an address in `unit` lay in before 1 July 2025; None for today's province
    (it covers several former ones) and for a commune formed across former provinces."""
    if unit.former:
        return province_of(unit)
    provinces = {u.code: u for u in former_units(unit) if u.level == "province"}
    return (
        next(iter(provinces.values())) if len(provinces) == 1 and unit.level != "province" else None
    )


def _ancestors(unit: Unit) -> list[Unit]:
    found = []
    while unit.parent_code is not None:
        unit = version(unit.parent_code, unit.former)
        found.append(unit)
    return found


def area_codes(unit: Unit) -> set[str]:
    """Every code a search for a place should find this unit under: its own, the units above
    it, and across the 2025 reform today's units covering it or the former units it covers
    ("former Kon Tum" 62 finds an address in today's Xã Tu Mơ Rông, and 51 finds one
    registered in former Kon Tum)."""
    codes = {unit.code, *(u.code for u in _ancestors(unit))}
    if unit.former:
        codes.add(current_province(unit).code)
        codes.update(u.code for u in current_communes(unit) if unit.level == "commune")
    elif unit.level == "commune":  # today's province covers more than each former one
        codes.update(u.code for u in former_units(unit))
    return codes


def successor_message(unit: Unit) -> str:
    """Why a former unit cannot be given for a new address, naming what replaced it."""
    if unit.level == "province":
        heir = current_province(unit)
        return f"{unit.label()} was merged into {heir.label()} on 1 July 2025: use {heir.code}"
    heirs = ", ".join(u.label() for u in current_communes(unit))
    province = current_province(unit).label()
    if unit.level == "district":
        return (
            f"districts were abolished on 1 July 2025: {unit.label()} is now the communes "
            f"{heirs} of {province}; give commune_code"
        )
    return f"{unit.label()} ceased on 1 July 2025; it is now {heirs} of {province}"
