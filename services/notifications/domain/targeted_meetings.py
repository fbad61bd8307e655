"""The B2B meeting messages: scheduled, moved, cancelled — to both sides, each named to the
other by its public name (never its contacts), with the calendar entry that goes with it."""

from __future__ import annotations

from typing import Any

from services.notifications.domain.messages import Party
from services.notifications.domain.recipients import organization
from shared.events.base import Event
from shared.events.connection_events import (
    MeetingCancelled,
    MeetingRescheduled,
    MeetingScheduled,
)


def meeting_parties(event: Event) -> list[Party]:
    assert isinstance(event, MeetingScheduled | MeetingRescheduled | MeetingCancelled)
    supplier = organization(event.supplier_organization_id)
    seeker = organization(event.seeker_organization_id)
    return [Party(supplier, "offer", named=seeker), Party(seeker, "demand", named=supplier)]


def meeting_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, MeetingScheduled | MeetingRescheduled)
    facts = {
        "meeting_id": event.meeting_id,
        "event_id": event.event_id,
        "slot": event.slot,
        "table": event.table,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "offer_id": event.offer_id,
        "demand_id": event.demand_id,
        "requested": event.requested,
    }
    if isinstance(event, MeetingRescheduled):
        facts |= {"previous_table": event.previous_table}
    return facts


def meeting_listings(event: Event) -> tuple[str, ...]:
    assert isinstance(event, MeetingScheduled | MeetingRescheduled)
    return (event.offer_id, event.demand_id)


def meeting_id(event: Event) -> str:
    """Whose messages are counted: the meeting's (its calendar entry's SEQUENCE)."""
    assert isinstance(event, MeetingScheduled | MeetingRescheduled | MeetingCancelled)
    return event.meeting_id


def cancelled_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, MeetingCancelled)
    return {"meeting_id": event.meeting_id, "event_id": event.event_id, "reason": event.reason}
