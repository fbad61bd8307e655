"""An organisation's proposals (`/to-chuc/de-xuat`) and introductions (`/to-chuc/ket-noi`)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.labels import DECLINE_REASONS
from services.portal.domain.session import Visitor
from services.portal.service.proposals import OrganizationProposals
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
PROPOSALS = "/to-chuc/de-xuat"
MATCH_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def _use_case(request: Request) -> OrganizationProposals:
    use_case: OrganizationProposals = request.app.state.use_cases.proposals
    return use_case


async def _proposals(
    request: Request, visitor: Visitor, status: int = 200, **context: object
) -> Response:
    proposals, titles = await _use_case(request).proposals(visitor)
    return page(
        request, "proposals.html", status, proposals=proposals, titles=titles,
        reasons=DECLINE_REASONS, **context,
    )  # fmt: skip


@router.get(PROPOSALS)
async def proposals(request: Request) -> Response:
    visitor = signed_in(request)
    return await _proposals(request, visitor, done=request.query_params.get("xong"))


@router.post(PROPOSALS + "/{match_id}/tra-loi")
async def answer(request: Request, match_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    if not MATCH_ID.match(match_id):
        raise NotFoundError("Không tìm thấy đề xuất này.")
    problem = await _use_case(request).answer(visitor, match_id, form)
    if problem is not None:
        return await _proposals(request, visitor, 422, problem=problem, problem_of=match_id)
    return RedirectResponse(f"{PROPOSALS}?xong={match_id}", status_code=303)


@router.get("/to-chuc/ket-noi")
async def introductions(request: Request) -> Response:
    visitor = signed_in(request)
    found, titles = await _use_case(request).introductions(visitor)
    return page(request, "introductions.html", introductions=found, titles=titles)
