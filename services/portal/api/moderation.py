"""The broker's moderation pages (`/moi-gioi/kiem-duyet`): the queue, approve, return."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, posted_lists, signed_in
from services.portal.domain.labels import RETURN_REASONS, SCORE_AXES
from services.portal.domain.moderation import reasons_of
from services.portal.domain.session import Visitor
from services.portal.service.moderation import Moderation
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
QUEUE = "/moi-gioi/kiem-duyet"
LISTING_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> Moderation:
    use_case: Moderation = request.app.state.use_cases.moderation
    return use_case


async def _queue(
    request: Request, visitor: Visitor, status: int = 200, **context: object
) -> Response:
    entries = await _use_case(request).queue(visitor)
    return page(
        request, "moderation.html", status, entries=entries, reasons=RETURN_REASONS,
        axes=SCORE_AXES, **context,
    )  # fmt: skip


@router.get(QUEUE)
async def queue(request: Request) -> Response:
    visitor = signed_in(request)
    return await _queue(request, visitor, done=request.query_params.get("xong"))


@router.post(QUEUE + "/{listing_id}/duyet")
async def approve(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    _check(listing_id)
    problem = await _use_case(request).approve(visitor, listing_id, form)
    if problem is not None:
        return await _queue(request, visitor, 422, problem=problem, problem_of=listing_id)
    return RedirectResponse(f"{QUEUE}?xong=duyet", status_code=303)


@router.post(QUEUE + "/{listing_id}/tra-lai")
async def return_to_owner(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_lists(request)
    _check(listing_id)
    comment = (form.get("comment") or [""])[-1].strip()
    problem = await _use_case(request).return_to_owner(
        visitor, listing_id, reasons_of(form), comment
    )
    if problem is not None:
        return await _queue(request, visitor, 422, problem=problem, problem_of=listing_id)
    return RedirectResponse(f"{QUEUE}?xong=tra-lai", status_code=303)


def _check(listing_id: str) -> None:
    if not LISTING_ID.match(listing_id):
        raise NotFoundError("Không tìm thấy tin này.")
