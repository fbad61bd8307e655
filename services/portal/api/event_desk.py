"""The broker's event desk (`/moi-gioi/su-kien/{id}`): participants and waiting list, the B2B
schedule, and the forms that change the event — its plan (`/sua`), cancel (`/huy`), close with
its figures (`/ket-thuc`), pin (`/ghim`) and swap (`/doi-cho`) meetings, a meeting's outcome
(`/ket-qua`), a participant's registration cancelled (`/don-vi/{org}/huy`). Each form posts back
here; a refusal shows the desk again with it beside its field."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, posted_lists, signed_in
from services.portal.domain.event_desk import DONE_NOTICES, DeskForm, read_desk_form
from services.portal.domain.event_form import EventForm, read_event_form
from services.portal.domain.events import EventView
from services.portal.domain.labels import EVENT_KINDS, MEETING_OUTCOMES, SECTORS
from services.portal.domain.session import Visitor
from services.portal.service.event_desk import EventManagement
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
DESK = "/moi-gioi/su-kien/{event_id}"
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DeskAction = Callable[[EventManagement, Visitor, str, DeskForm], Awaitable[DeskForm | None]]


def _use_case(request: Request) -> EventManagement:
    use_case: EventManagement = request.app.state.use_cases.event_desk
    return use_case


def _checked(event_id: str) -> str:
    if not EVENT_ID.match(event_id):
        raise NotFoundError("Không tìm thấy sự kiện này.")
    return event_id


async def _desk(
    request: Request, visitor: Visitor, event_id: str, status: int = 200, **context: object
) -> Response:
    desk = await _use_case(request).page(visitor, event_id)
    context = {"form": DeskForm(), **context}
    return page(
        request, "event_desk.html", status, desk=desk, event=desk.event, outcomes=MEETING_OUTCOMES,
        **context,
    )  # fmt: skip


def _done(event_id: str, what: str) -> Response:
    return RedirectResponse(f"/moi-gioi/su-kien/{event_id}?xong={what}", status_code=303)


@router.get(DESK)
async def desk(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    notice = DONE_NOTICES.get(request.query_params.get("xong", ""))
    return await _desk(request, visitor, _checked(event_id), notice=notice)


@router.post(DESK + "/xep-lich")
async def generate(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    await posted_form(request)
    problem = await _use_case(request).generate(visitor, _checked(event_id))
    if problem is not None:
        return await _desk(request, visitor, event_id, 422, problem=problem)
    return _done(event_id, "xep-lich")


@router.post(DESK + "/don-vi/{organization_id}/huy")
async def cancel_participant(request: Request, event_id: str, organization_id: str) -> Response:
    visitor = signed_in(request)
    await posted_form(request)
    if not EVENT_ID.match(organization_id):
        raise NotFoundError("Không tìm thấy đơn vị này.")
    use_case = _use_case(request)
    problem = await use_case.cancel_participant(visitor, _checked(event_id), organization_id)
    if problem is not None:
        return await _desk(request, visitor, event_id, 422, problem=problem)
    return _done(event_id, "huy-dang-ky")


def _change_page(
    request: Request, event: EventView, form: EventForm, status: int = 200
) -> Response:
    return page(
        request, "event_form.html", status, form=form, kinds=EVENT_KINDS, sectors=SECTORS,
        event=event, heading=f"Sửa sự kiện: {event.title}",
    )  # fmt: skip


@router.get(DESK + "/sua")
async def change_form(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    event, form = await _use_case(request).change_form(visitor, _checked(event_id))
    return _change_page(request, event, form)


@router.post(DESK + "/sua")
async def change(request: Request, event_id: str) -> Response:
    visitor = signed_in(request)
    form = read_event_form(await posted_lists(request))
    refused = await _use_case(request).change(visitor, _checked(event_id), form)
    if refused is not None:
        event, _ = await _use_case(request).change_form(visitor, event_id)
        return _change_page(request, event, refused, 422)
    return _done(event_id, "sua")


def _desk_form_route(path: str, action: DeskAction, done: str) -> None:
    """A desk form posting to `path`: done, back to the desk; refused, the desk with why."""

    async def act(request: Request, event_id: str) -> Response:
        visitor = signed_in(request)
        form = read_desk_form(await posted_form(request))
        refused = await action(_use_case(request), visitor, _checked(event_id), form)
        if refused is not None:
            return await _desk(request, visitor, event_id, 422, form=refused)
        return _done(event_id, done)

    router.add_api_route(DESK + path, act, methods=["POST"], name=f"desk_{done}")


_desk_form_route("/huy", EventManagement.cancel, "huy")
_desk_form_route("/ket-thuc", EventManagement.close, "ket-thuc")
_desk_form_route("/ghim", EventManagement.pin, "ghim")
_desk_form_route("/doi-cho", EventManagement.swap, "doi-cho")
_desk_form_route("/ket-qua", EventManagement.record_outcome, "ket-qua")
