"""A unit as published on events: as registered, plus what governs it today."""

from __future__ import annotations

from shared.events.organizations import AdministrativeUnit
from shared.places.registry import (
    Unit,
    UnknownUnitError,
    current_communes,
    current_province,
    version,
)


def public(unit: Unit) -> AdministrativeUnit:
    """The event form of `unit`: a reader never needs the snapshot to place it today."""
    return AdministrativeUnit(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        successor_code=unit.successor_codes[0] if unit.successor_codes else None,
        parent_code=unit.parent_code,
        current_province_code=current_province(unit).code,
        current_commune_codes=[u.code for u in current_communes(unit)],
    )


def version_of(unit: AdministrativeUnit) -> Unit:
    """The snapshot's unit behind a stored or published one: former when it has an end, and
    the other version of the code when a unit written without dates has only that one."""
    former = unit.valid_to is not None
    try:
        return version(unit.code, former)
    except UnknownUnitError:
        return version(unit.code, not former)
