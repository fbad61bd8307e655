"""A connection event (techmart, demo day, B2B session) as the calendar and its page show it.

Only the public plan is shown: the broker's pinned meetings, which name pairs of organisations,
never reach a page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from services.portal.domain import formatting, labels
from shared.clock import PROVINCE_ZONE


@dataclass(frozen=True)
class EventView:
    event_id: str
    title: str
    kind_label: str
    state: str
    state_label: str
    when: str
    venue: str
    online_url: str
    sectors: tuple[str, ...]
    registration_deadline: str
    capacity: int
    cancelled_reason: str
    starts_at: datetime
    waitlist: bool = True
    """Over capacity, registrations wait for a seat; otherwise they are refused."""

    @property
    def url(self) -> str:
        return f"/su-kien/{self.event_id}"

    @property
    def upcoming(self) -> bool:
        return self.state == "announced"


def event_view(raw: Mapping[str, Any], zone: tzinfo = PROVINCE_ZONE) -> EventView:
    starts = datetime.fromisoformat(raw["starts_at"]).astimezone(zone)
    ends = datetime.fromisoformat(raw["ends_at"]).astimezone(zone)
    deadline = datetime.fromisoformat(raw["registration_deadline"]).astimezone(zone)
    state = str(raw.get("status", ""))
    return EventView(
        event_id=str(raw["event_id"]),
        title=str(raw.get("title", "")),
        kind_label=labels.label(labels.EVENT_KINDS, raw.get("kind")),
        state=state,
        state_label=labels.label(labels.EVENT_STATES, state),
        when=_span(starts, ends),
        venue=str(raw.get("venue") or ""),
        online_url=str(raw.get("online_url") or ""),
        sectors=tuple(labels.label(labels.SECTORS, s) for s in raw.get("focus_sectors") or ()),
        registration_deadline=f"{deadline:%H:%M} {formatting.day(deadline.date())}",
        capacity=int(raw.get("capacity", 0)),
        cancelled_reason=str(raw.get("cancelled_reason") or ""),
        starts_at=starts,
        waitlist=bool(raw.get("waitlist", True)),
    )


def upcoming(events: Iterable[EventView]) -> list[EventView]:
    """The events still to come, soonest first."""
    return sorted((e for e in events if e.upcoming), key=lambda e: e.starts_at)


def _span(starts: datetime, ends: datetime) -> str:
    """`08:00–17:00 03/12/2026`, or both days when it spans several."""
    first, last = formatting.day(starts.date()), formatting.day(ends.date())
    if first == last:
        return f"{starts:%H:%M}–{ends:%H:%M} {first}"
    return f"{starts:%H:%M} {first} – {ends:%H:%M} {last}"
