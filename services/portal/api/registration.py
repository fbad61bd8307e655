"""Sign-up (`/dang-ky`) for an organisation's representative; for brokers, the verification
queue (`/moi-gioi/to-chuc`) and the directory of verified organisations (`/moi-gioi/danh-ba`)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.labels import ORGANIZATION_KINDS
from services.portal.domain.registration import (
    LANGUAGES,
    RegistrationForm,
    read_registration_form,
)
from services.portal.domain.session import Visitor
from services.portal.service.registration import Registration, RegistrationRefused
from shared import places
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
QUEUE = "/moi-gioi/to-chuc"
ORGANIZATION_ID = re.compile(r"^[A-Za-z0-9_-]{3,64}$")
HOME_PROVINCE = "51"
"""The exchange's own province (Quảng Ngãi, which Kon Tum joined): the form's default."""


def _use_case(request: Request) -> Registration:
    use_case: Registration = request.app.state.use_cases.registration
    return use_case


def _form_page(request: Request, form: RegistrationForm, status: int = 200) -> Response:
    # An unknown province has no communes: the API then names the field.
    communes = places.today_units(form.value("province_code") or HOME_PROVINCE)
    return page(
        request, "sign_up.html", status, form=form, kinds=ORGANIZATION_KINDS,
        provinces=places.today_units(), communes=communes, languages=LANGUAGES,
    )  # fmt: skip


@router.get("/dang-ky")
async def sign_up_form(request: Request) -> Response:
    signed_in(request)
    form = read_registration_form({"province_code": HOME_PROVINCE, "kind": "enterprise"})
    return _form_page(request, form)


@router.post("/dang-ky")
async def sign_up(request: Request) -> Response:
    visitor = signed_in(request)
    form = read_registration_form(await posted_form(request))
    result = await _use_case(request).sign_up(visitor, form)
    if isinstance(result, RegistrationRefused):
        return _form_page(request, result.form, 422)
    return page(request, "sign_up_sent.html", name=form.value("name"))


async def _queue(
    request: Request, visitor: Visitor, status: int = 200, **context: object
) -> Response:
    waiting = await _use_case(request).awaiting(visitor)
    return page(request, "verification.html", status, waiting=waiting, **context)


@router.get(QUEUE)
async def verification_queue(request: Request) -> Response:
    visitor = signed_in(request)
    return await _queue(request, visitor, done=request.query_params.get("xong"))


@router.get("/moi-gioi/danh-ba")
async def directory(request: Request) -> Response:
    visitor = signed_in(request)
    words = request.query_params.get("q", "")[:100]
    found = await _use_case(request).directory(visitor, words)
    return page(request, "directory.html", organizations=found, words=words)


@router.post(QUEUE + "/{organization_id}/xac-minh")
async def verify(request: Request, organization_id: str) -> Response:
    visitor = signed_in(request)
    await posted_form(request)
    if not ORGANIZATION_ID.match(organization_id):
        raise NotFoundError("Không tìm thấy tổ chức này.")
    problem = await _use_case(request).verify(visitor, organization_id)
    if problem is not None:
        return await _queue(request, visitor, 409, problem=problem, problem_of=organization_id)
    return RedirectResponse(f"{QUEUE}?xong={organization_id}", status_code=303)
