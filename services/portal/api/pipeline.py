"""The broker's pipeline board (`/moi-gioi/ket-noi`) and a proposal made by hand."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.pipeline import STALLED_AFTER
from services.portal.domain.session import Visitor
from services.portal.service.pipeline import BrokerPipeline

router = APIRouter(include_in_schema=False)
BOARD = "/moi-gioi/ket-noi"


def _use_case(request: Request) -> BrokerPipeline:
    use_case: BrokerPipeline = request.app.state.use_cases.pipeline
    return use_case


async def _board(
    request: Request, visitor: Visitor, status: int = 200, **context: object
) -> Response:
    columns, titles = await _use_case(request).board(visitor)
    return page(
        request, "pipeline.html", status, columns=columns, titles=titles,
        stalled_days=STALLED_AFTER.days, **context,
    )  # fmt: skip


@router.get(BOARD)
async def pipeline(request: Request) -> Response:
    visitor = signed_in(request)
    return await _board(request, visitor, done=request.query_params.get("xong"))


@router.post(BOARD + "/de-xuat")
async def propose(request: Request) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    offer_id, demand_id = form.get("offer_id", "").strip(), form.get("demand_id", "").strip()
    problem = await _use_case(request).propose(visitor, offer_id, demand_id)
    if problem is not None:
        return await _board(request, visitor, 422, problem=problem, typed=form)
    return RedirectResponse(f"{BOARD}?xong=de-xuat", status_code=303)
