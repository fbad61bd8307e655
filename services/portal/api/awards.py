"""The award pages (`/ton-vinh`, `/ton-vinh/{id}`) and the laureates' certificates."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import SECURITY_HEADERS, page
from services.portal.service.awards import PublicAwards
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> PublicAwards:
    use_case: PublicAwards = request.app.state.use_cases.awards
    return use_case


def _checked(value: str) -> str:
    if not ID.match(value):
        raise NotFoundError("Không tìm thấy trang này.")
    return value


@router.get("/ton-vinh")
async def programmes(request: Request) -> Response:
    return page(request, "awards.html", programmes=await _use_case(request).programmes())


@router.get("/ton-vinh/{programme_id}")
async def programme(request: Request, programme_id: str) -> Response:
    facts = await _use_case(request).programme(_checked(programme_id))
    return page(request, "award_programme.html", facts=facts)


@router.get("/chung-nhan/{nomination_id}.pdf")
async def certificate(request: Request, nomination_id: str) -> Response:
    pdf = await _use_case(request).certificate(_checked(nomination_id))
    headers = {**SECURITY_HEADERS, "Content-Disposition": f'inline; filename="{nomination_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
