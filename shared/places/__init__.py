"""Vietnam's administrative units, today's and former: the one source every service uses."""

from shared.places.public import public, version_of
from shared.places.registry import (
    FIRST_DAY_OF_COMMUNES,
    LAST_DAY_OF_DISTRICTS,
    Unit,
    UnknownUnitError,
    area_codes,
    current_communes,
    current_province,
    find,
    former_province,
    former_units,
    province_of,
    source,
    successor_message,
    today_units,
    version,
)

__all__ = [
    "FIRST_DAY_OF_COMMUNES",
    "LAST_DAY_OF_DISTRICTS",
    "Unit",
    "UnknownUnitError",
    "area_codes",
    "current_communes",
    "current_province",
    "find",
    "former_province",
    "former_units",
    "province_of",
    "public",
    "source",
    "successor_message",
    "today_units",
    "version",
    "version_of",
]
