"""The public event contract: the CloudEvents envelope and one model per event type.

Importing this package registers every event model, so `model_for(ce_type)` knows them all.
"""

from shared.events import (
    awards,
    connection_events,
    connections,
    contacts,
    indicators,
    listings,
    matches,
    nominations,
    notifications,
    organizations,
)
from shared.events.base import EdgeModel, Event
from shared.events.envelope import (
    Envelope,
    InvalidEventError,
    OutgoingRecord,
    UnknownEventTypeError,
    parse_record,
    source_of,
    to_record,
)
from shared.events.registry import all_models, model_for, register

__all__ = [
    "EdgeModel",
    "Envelope",
    "Event",
    "InvalidEventError",
    "OutgoingRecord",
    "UnknownEventTypeError",
    "all_models",
    "awards",
    "connection_events",
    "connections",
    "contacts",
    "indicators",
    "listings",
    "matches",
    "model_for",
    "nominations",
    "notifications",
    "organizations",
    "parse_record",
    "register",
    "source_of",
    "to_record",
]
