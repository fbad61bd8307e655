"""An organisation's nominations (`/to-chuc/de-cu`): those it made or received, and a new one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.nominations import NominationForm, read_nomination_form
from services.portal.domain.session import Visitor
from services.portal.service.nominations import OrganizationNominations

router = APIRouter(include_in_schema=False)
PAGE = "/to-chuc/de-cu"


def _use_case(request: Request) -> OrganizationNominations:
    use_case: OrganizationNominations = request.app.state.use_cases.nominations
    return use_case


async def _page(
    request: Request, visitor: Visitor, form: NominationForm, status: int = 200
) -> Response:
    nominations, choices = await _use_case(request).page(visitor)
    done = request.query_params.get("xong")
    return page(
        request, "nominations.html", status, nominations=nominations, choices=choices,
        form=form, done=done,
    )  # fmt: skip


@router.get(PAGE)
async def nominations(request: Request) -> Response:
    visitor = signed_in(request)
    return await _page(request, visitor, read_nomination_form({}))


@router.post(PAGE)
async def nominate(request: Request) -> Response:
    visitor = signed_in(request)
    form = read_nomination_form(await posted_form(request))
    refused = await _use_case(request).nominate(visitor, form)
    if refused is not None:
        return await _page(request, visitor, refused, 422)
    return RedirectResponse(f"{PAGE}?xong=nop", status_code=303)
