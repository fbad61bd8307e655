"""What the techmart pages need from the matching service's connection-event API, as
Protocols: the organisation's side (registration, schedule, meeting requests) and the broker's
desk. `repository/event_desk_api.py` reaches them over HTTP; the unit tests fake them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class EventDesk(Protocol):
    """The matching API's connection events on behalf of a signed-in organisation or broker."""

    async def announce(self, body: Mapping[str, Any], token: str) -> str:
        """Brokers: announce an event; its id. Raises `FormRefusedError` with field errors."""
        ...

    async def register(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        """Take part (over capacity: the waiting list). Raises `FormRefusedError`."""
        ...

    async def participants(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        """Registered and waiting participants (brokers see everything)."""
        ...

    async def generate_schedule(self, event_id: str, token: str) -> None:
        """Brokers: generate, or re-run, the B2B schedule. Raises `FormRefusedError`."""
        ...

    async def meetings(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        """Brokers: every meeting; an organisation: its own."""
        ...

    async def calendar(self, event_id: str, organization_id: str, token: str) -> bytes:
        """A participant's meetings as iCalendar. Raises `NotFoundError`, `ForbiddenError`."""
        ...

    async def own_meetings(
        self, event_id: str, organization_id: str, token: str
    ) -> list[Mapping[str, Any]]:
        """An organisation's own scheduled meetings."""
        ...

    async def cancel_participant(self, event_id: str, organization_id: str, token: str) -> None:
        """The participant itself or a broker cancels a registration (its seat or its place on
        the waiting list); the first waiting moves up. Raises `FormRefusedError`."""
        ...


class EventManagementDesk(EventDesk, Protocol):
    """What brokers change on an event, and the meeting requests between its participants. Each
    raises `FormRefusedError` with the API's field errors when refused."""

    async def change(self, event_id: str, body: Mapping[str, Any], token: str) -> None: ...
    async def cancel(self, event_id: str, reason: str, token: str) -> None: ...
    async def close(self, event_id: str, body: Mapping[str, Any], token: str) -> None: ...
    async def pin(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None: ...
    async def swap(self, event_id: str, meeting_ids: list[str], token: str) -> None: ...
    async def record_outcome(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None: ...
    async def meeting_requests(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        """Brokers: every request; an organisation those it sent or received."""
        ...

    async def send_request(self, event_id: str, body: Mapping[str, Any], token: str) -> None: ...
    async def answer_request(
        self, event_id: str, request_id: str, accept: bool, token: str
    ) -> None: ...
