"""An organisation's meeting requests at a techmart (`/to-chuc/su-kien/{id}/hen-gap`): ask
another participant to meet, and accept or decline the requests received."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.meeting_requests import REQUEST_NOTICES, RequestForm, read_request
from services.portal.domain.session import Visitor
from services.portal.service.meeting_requests import MeetingRequests
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
REQUESTS = "/to-chuc/su-kien/{event_id}/hen-gap"
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> MeetingRequests:
    use_case: MeetingRequests = request.app.state.use_cases.meeting_requests
    return use_case


def _checked(*ids: str) -> None:
    if not all(SAFE_ID.match(found) for found in ids):
        raise NotFoundError("Không tìm thấy sự kiện này.")


async def _page(
    request: Request, visitor: Visitor, event_id: str, status: int = 200, **context: object
) -> Response:
    requests = await _use_case(request).page(visitor, event_id)
    context = {"form": RequestForm(), **context}
    return page(request, "meeting_requests.html", status, requests=requests, **context)


def _done(event_id: str, what: str) -> Response:
    return RedirectResponse(f"/to-chuc/su-kien/{event_id}/hen-gap?xong={what}", status_code=303)


@router.get(REQUESTS)
async def requests_page(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    _checked(event_id)
    notice = REQUEST_NOTICES.get(request.query_params.get("xong", ""))
    return await _page(request, visitor, event_id, notice=notice)


@router.post(REQUESTS)
async def send(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    _checked(event_id)
    form = read_request(await posted_form(request))
    refused = await _use_case(request).send(visitor, event_id, form)
    if refused is not None:
        return await _page(request, visitor, event_id, 422, form=refused)
    return _done(event_id, "gui")


async def _answer(request: Request, event_id: str, request_id: str, accept: bool) -> Response:
    visitor = signed_in(request)
    _checked(event_id, request_id)
    await posted_form(request)
    problem = await _use_case(request).answer(visitor, event_id, request_id, accept)
    if problem is not None:
        return await _page(request, visitor, event_id, 422, problem=problem)
    return _done(event_id, "nhan-loi" if accept else "tu-choi")


@router.post(REQUESTS + "/{request_id}/nhan-loi")
async def accept(request: Request, event_id: str, request_id: str) -> Response:
    return await _answer(request, event_id, request_id, accept=True)


@router.post(REQUESTS + "/{request_id}/tu-choi")
async def decline(request: Request, event_id: str, request_id: str) -> Response:
    return await _answer(request, event_id, request_id, accept=False)
