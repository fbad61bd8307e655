"""Routes of the event itself: announce, update, cancel, close (brokers); read (anyone)."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends

from services.matching.api.connection_events.models import (
    CancelBody,
    CloseBody,
    ConnectionEventRead,
    EventPlanUpdate,
)
from services.matching.domain.connection_events.event import EventPlan
from services.matching.service.connection_events.events import ConnectionEvents
from shared.auth import Principal, Role, require

Broker = Annotated[Principal, Depends(require(Role.broker))]


def event_routes(router: APIRouter, desk: ConnectionEvents, zone: ZoneInfo) -> None:
    @router.post("", status_code=201, summary="Announce a connection event (brokers)")
    async def announce(body: EventPlan, _: Broker) -> ConnectionEventRead:
        return ConnectionEventRead.of(await desk.announce(body), zone)

    @router.patch("/{event_id}", summary="Change an announced event (brokers)")
    async def update(event_id: str, body: EventPlanUpdate, _: Broker) -> ConnectionEventRead:
        return ConnectionEventRead.of(await desk.update(event_id, body.changes()), zone)

    @router.post("/{event_id}/cancel", summary="Cancel the event and its meetings (brokers)")
    async def cancel(event_id: str, body: CancelBody, _: Broker) -> ConnectionEventRead:
        return ConnectionEventRead.of(await desk.cancel(event_id, body.reason), zone)

    @router.post("/{event_id}/close", summary="Close the event with its figures (brokers)")
    async def close(event_id: str, body: CloseBody, _: Broker) -> ConnectionEventRead:
        return ConnectionEventRead.of(await desk.close(event_id, body.mous_signed), zone)

    @router.get("", summary="Connection events, newest first (public)")
    async def list_events() -> list[ConnectionEventRead]:
        return [ConnectionEventRead.of(event, zone) for event in await desk.all()]

    @router.get("/{event_id}", summary="One connection event (public)")
    async def get_event(event_id: str) -> ConnectionEventRead:
        return ConnectionEventRead.of(await desk.view(event_id), zone)
