"""The techmart calendar (`/su-kien`) and each event's page (`/su-kien/{id}`)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import page
from services.portal.api.session import current_visitor
from services.portal.service.events import PublicEvents
from services.portal.service.meeting_requests import MeetingRequests
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> PublicEvents:
    use_case: PublicEvents = request.app.state.use_cases.events
    return use_case


@router.get("/su-kien")
async def calendar(request: Request) -> Response:
    return page(request, "events.html", calendar=await _use_case(request).calendar())


@router.get("/su-kien/{event_id}")
async def event(request: Request, event_id: str) -> Response:
    if not EVENT_ID.match(event_id):
        raise NotFoundError("Không tìm thấy sự kiện này.")
    event = await _use_case(request).event(event_id)
    registered = request.query_params.get("da-dang-ky") == "1"
    visitor = current_visitor(request)
    schedule = []
    if visitor is not None and visitor.is_organization:
        meetings: MeetingRequests = request.app.state.use_cases.meeting_requests
        schedule = await meetings.schedule(visitor, event_id)
    return page(request, "event.html", event=event, registered=registered, schedule=schedule)
