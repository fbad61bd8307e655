"""Routes of meetings: requests and answers, the schedule with pins and swaps, outcomes."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends

from services.matching.api.connection_events.models import (
    MeetingRead,
    MeetingRequestCreate,
    MeetingRequestRead,
    OutcomeCreate,
    PinBody,
    ScheduleRead,
    SwapBody,
)
from services.matching.service.connection_events import ConnectionEventUseCases
from shared.auth import Principal, Role, require

Broker = Annotated[Principal, Depends(require(Role.broker))]
Organization = Annotated[Principal, Depends(require(Role.org))]
Reader = Annotated[Principal, Depends(require(Role.broker, Role.org))]


def meeting_routes(router: APIRouter, desks: ConnectionEventUseCases, zone: ZoneInfo) -> None:
    _request_routes(router, desks)
    _schedule_routes(router, desks, zone)

    @router.post(
        "/{event_id}/meetings/{meeting_id}/outcomes",
        summary="Held, no-show or follow-up wanted; both wanting a follow-up opens an introduction",
    )
    async def record_outcome(
        event_id: str, meeting_id: str, body: OutcomeCreate, reader: Reader
    ) -> MeetingRead:
        meeting = await desks.outcomes.record(
            event_id, meeting_id, reader, body.outcome, body.organization_id
        )
        return MeetingRead.of(meeting, await desks.events.view(event_id), zone)


def _request_routes(router: APIRouter, desks: ConnectionEventUseCases) -> None:
    requests = desks.requests

    @router.post("/{event_id}/meeting-requests", status_code=201, summary="Ask to meet")
    async def send(
        event_id: str, body: MeetingRequestCreate, org: Organization
    ) -> MeetingRequestRead:
        sent = await requests.send(event_id, org, body.to_organization_id, body.reason)
        return MeetingRequestRead.of(sent)

    @router.get("/{event_id}/meeting-requests", summary="Requests you sent or got (brokers: all)")
    async def list_requests(event_id: str, reader: Reader) -> list[MeetingRequestRead]:
        return [MeetingRequestRead.of(r) for r in await requests.visible_to(event_id, reader)]

    @router.post("/{event_id}/meeting-requests/{request_id}/accept", summary="Accept a request")
    async def accept(event_id: str, request_id: str, org: Organization) -> MeetingRequestRead:
        return MeetingRequestRead.of(await requests.answer(event_id, request_id, org, accept=True))

    @router.post("/{event_id}/meeting-requests/{request_id}/decline", summary="Decline it")
    async def decline(event_id: str, request_id: str, org: Organization) -> MeetingRequestRead:
        return MeetingRequestRead.of(await requests.answer(event_id, request_id, org, accept=False))


def _schedule_routes(router: APIRouter, desks: ConnectionEventUseCases, zone: ZoneInfo) -> None:
    schedule = desks.schedule

    @router.post("/{event_id}/schedule", summary="Generate (or re-run) the B2B schedule")
    async def generate(event_id: str, _: Broker) -> ScheduleRead:
        run = await schedule.generate(event_id)
        return ScheduleRead.of(run, zone)

    @router.post("/{event_id}/meetings/{meeting_id}/pin", summary="Pin a meeting and re-run")
    async def pin(event_id: str, meeting_id: str, body: PinBody, _: Broker) -> ScheduleRead:
        run = await schedule.pin(event_id, meeting_id, body.slot, body.table)
        return ScheduleRead.of(run, zone)

    @router.post("/{event_id}/meetings/swap", summary="Swap two meetings (both pinned), re-run")
    async def swap(event_id: str, body: SwapBody, _: Broker) -> ScheduleRead:
        first, second = body.meeting_ids
        run = await schedule.swap(event_id, first, second)
        return ScheduleRead.of(run, zone)

    @router.get("/{event_id}/meetings", summary="Meetings: brokers all, or one organisation's")
    async def meetings(
        event_id: str, reader: Reader, organization_id: str | None = None
    ) -> list[MeetingRead]:
        event = await desks.events.view(event_id)
        found = await schedule.meetings_of(event_id, reader, organization_id)
        return [MeetingRead.of(m, event, zone) for m in found]
