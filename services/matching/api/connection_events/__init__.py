"""HTTP: connection events — the broker's event, registrations, meeting requests, the B2B
schedule (with pins, swaps and .ics files) and the meetings' outcomes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import APIRouter

from services.matching.api.connection_events.events import event_routes
from services.matching.api.connection_events.meetings import meeting_routes
from services.matching.api.connection_events.participants import participant_routes
from services.matching.service.connection_events import ConnectionEventUseCases
from shared.http import PROBLEM_RESPONSES


def connection_events_router(desks: ConnectionEventUseCases, zone: ZoneInfo) -> APIRouter:
    router = APIRouter(
        prefix="/v1/connection-events", tags=["connection events"], responses=PROBLEM_RESPONSES
    )
    event_routes(router, desks.events, zone)
    participant_routes(router, desks, zone)
    meeting_routes(router, desks, zone)
    return router


__all__ = ["connection_events_router"]
