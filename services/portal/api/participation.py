"""Taking part in a connection event: an organisation's registration (`/su-kien/{id}/dang-ky`),
cancelled by itself (`/su-kien/{id}/dang-ky/huy`), and its meetings as .ics
(`/su-kien/{id}/lich.ics`); a broker announces an event (`/moi-gioi/su-kien/moi`), managed then on
its desk (`api/event_desk.py`)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import SECURITY_HEADERS, page
from services.portal.api.session import posted_lists, signed_in
from services.portal.domain.event_form import EventForm, read_event_form
from services.portal.domain.labels import EVENT_KINDS, PARTICIPANT_ROLES, SECTORS
from services.portal.domain.participation import (
    CANCEL_CONFIRMATION,
    RegistrationForm,
    cancellation_confirmed,
    read_registration,
)
from services.portal.domain.session import Visitor
from services.portal.service.participation import EventParticipation
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
ANNOUNCE = "/moi-gioi/su-kien/moi"
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> EventParticipation:
    use_case: EventParticipation = request.app.state.use_cases.participation
    return use_case


def _checked(event_id: str) -> str:
    if not EVENT_ID.match(event_id):
        raise NotFoundError("Không tìm thấy sự kiện này.")
    return event_id


async def _form_page(
    request: Request,
    visitor: Visitor,
    event_id: str,
    form: RegistrationForm,
    status: int = 200,
    cancel_problem: str | None = None,
) -> Response:
    use_case = _use_case(request)
    event, choices = await use_case.choices(visitor, event_id)
    return page(
        request, "event_registration.html", status, event=event, choices=choices, form=form,
        roles=PARTICIPANT_ROLES, current=await use_case.registration(visitor, event_id),
        cancelled=request.query_params.get("da-huy") == "1", cancel_problem=cancel_problem,
        confirmation=CANCEL_CONFIRMATION,
    )  # fmt: skip


@router.get("/su-kien/{event_id}/dang-ky")
async def registration_form(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    return await _form_page(request, visitor, _checked(event_id), RegistrationForm())


@router.post("/su-kien/{event_id}/dang-ky")
async def register(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    form = read_registration(await posted_lists(request))
    refused = await _use_case(request).register(visitor, _checked(event_id), form)
    if refused is not None:
        return await _form_page(request, visitor, event_id, refused, 422)
    return RedirectResponse(f"/su-kien/{event_id}?da-dang-ky=1", status_code=303)


@router.post("/su-kien/{event_id}/dang-ky/huy")
async def cancel_registration(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    confirmed = cancellation_confirmed(await posted_lists(request))
    problem = await _use_case(request).cancel(visitor, _checked(event_id), confirmed)
    if problem is not None:
        form = RegistrationForm()
        return await _form_page(request, visitor, event_id, form, 422, cancel_problem=problem)
    return RedirectResponse(f"/su-kien/{event_id}/dang-ky?da-huy=1", status_code=303)


@router.get("/su-kien/{event_id}/lich.ics")
async def calendar(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    ics = await _use_case(request).calendar(visitor, _checked(event_id))
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="lich-gap-b2b-{event_id}.ics"',
    }
    return Response(ics, media_type="text/calendar; charset=utf-8", headers=headers)


def _announce_page(request: Request, form: EventForm, status: int = 200) -> Response:
    return page(
        request, "event_form.html", status, form=form, kinds=EVENT_KINDS, sectors=SECTORS,
        heading="Công bố sự kiện kết nối",
    )  # fmt: skip


@router.get(ANNOUNCE)
async def announce_form(request: Request) -> Response:
    signed_in(request)
    return _announce_page(request, read_event_form({}))


@router.post(ANNOUNCE)
async def announce(request: Request) -> Response:
    visitor = signed_in(request)
    form = read_event_form(await posted_lists(request))
    result = await _use_case(request).announce(visitor, form)
    if isinstance(result, EventForm):
        return _announce_page(request, result, 422)
    return RedirectResponse(f"/moi-gioi/su-kien/{result}?xong=cong-bo", status_code=303)
