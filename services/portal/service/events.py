"""The public techmart calendar: what is coming (soonest first) and what took place."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.events import EventView, event_view, upcoming
from services.portal.service.ports import ConnectionEventsDirectory


@dataclass(frozen=True)
class Calendar:
    upcoming: list[EventView]
    past: list[EventView]
    """Closed or cancelled, newest first."""


class PublicEvents:
    def __init__(self, events: ConnectionEventsDirectory) -> None:
        self._events = events

    async def calendar(self) -> Calendar:
        views = [event_view(raw) for raw in await self._events.events()]
        past = sorted((v for v in views if not v.upcoming), key=lambda v: v.starts_at, reverse=True)
        return Calendar(upcoming=upcoming(views), past=past)

    async def event(self, event_id: str) -> EventView:
        return event_view(await self._events.event(event_id))
