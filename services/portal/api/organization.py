"""An organisation's pages (`/to-chuc/…`): its listings, a new draft, editing one, sending it
to review, withdrawing and renewing it."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, posted_lists, signed_in
from services.portal.domain.labels import KINDS, SECTORS, TRANSFER_OBJECTS
from services.portal.domain.listing_form import (
    ListingForm,
    read_listing_form,
    read_posted_listing_form,
)
from services.portal.domain.session import Visitor
from services.portal.service.organization import Editing, OrganizationListings, Refused
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
LISTING_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _use_case(request: Request) -> OrganizationListings:
    use_case: OrganizationListings = request.app.state.use_cases.organization_listings
    return use_case


async def _mine(
    request: Request, visitor: Visitor, status: int = 200, **context: object
) -> Response:
    listings = await _use_case(request).mine(visitor)
    return page(request, "my_listings.html", status, listings=listings, **context)


def _form_page(
    request: Request, form: ListingForm, status: int = 200, **context: object
) -> Response:
    return page(
        request, "listing_form.html", status, form=form, kinds=KINDS, sectors=SECTORS,
        transfer_objects=TRANSFER_OBJECTS, **context,
    )  # fmt: skip


def _edit_page(request: Request, editing: Editing, status: int = 200) -> Response:
    return _form_page(
        request, editing.form, status, editing=editing, heading="Sửa tin",
        form_action=f"/to-chuc/tin/{editing.listing_id}/sua", button_label="Lưu thay đổi",
    )  # fmt: skip


def _checked(listing_id: str) -> str:
    if not LISTING_ID.match(listing_id):
        raise NotFoundError("Không tìm thấy tin này.")
    return listing_id


@router.get("/to-chuc/tin")
async def my_listings(request: Request) -> Response:
    visitor = signed_in(request)
    saved = request.query_params.get("da-luu")
    return await _mine(request, visitor, saved=saved, done=request.query_params.get("xong"))


@router.get("/to-chuc/tin/{listing_id}/sua")
async def edit_listing(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    return _edit_page(request, await _use_case(request).editing(visitor, _checked(listing_id)))


@router.post("/to-chuc/tin/{listing_id}/sua")
async def update_listing(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    form = read_posted_listing_form(await posted_lists(request))
    result = await _use_case(request).update(visitor, _checked(listing_id), form)
    if isinstance(result, Editing):
        return _edit_page(request, result, 409 if result.stale else 422)
    done = "sua-cho-duyet" if result.awaiting_review else "sua"
    return RedirectResponse(f"/to-chuc/tin?xong={done}", status_code=303)


@router.get("/to-chuc/tin/moi")
async def new_listing(request: Request) -> Response:
    signed_in(request)
    kind = request.query_params.get("kind", "demand")
    form = read_listing_form({"kind": kind if kind in KINDS else "demand"})
    return _form_page(request, form)


@router.post("/to-chuc/tin/moi")
async def create_listing(request: Request) -> Response:
    visitor = signed_in(request)
    form = read_posted_listing_form(await posted_lists(request))
    result = await _use_case(request).create(visitor, form)
    if isinstance(result, Refused):
        return _form_page(request, result.form, 422)
    return RedirectResponse(f"/to-chuc/tin?da-luu={result.listing_id}", status_code=303)


@router.post("/to-chuc/tin/{listing_id}/gui")
async def submit_listing(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    await posted_form(request)
    problem = await _use_case(request).submit(visitor, _checked(listing_id))
    if problem is not None:
        return await _mine(request, visitor, 422, problem=problem)
    return RedirectResponse("/to-chuc/tin", status_code=303)


@router.post("/to-chuc/tin/{listing_id}/rut")
async def withdraw_listing(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    reason = form.get("reason", "").strip()
    problem = await _use_case(request).withdraw(visitor, _checked(listing_id), reason)
    if problem is not None:
        return await _mine(request, visitor, 422, problem=problem)
    return RedirectResponse("/to-chuc/tin?xong=rut", status_code=303)


@router.post("/to-chuc/tin/{listing_id}/gia-han")
async def renew_listing(request: Request, listing_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    valid_until = form.get("valid_until", "")
    problem = await _use_case(request).renew(visitor, _checked(listing_id), valid_until)
    if problem is not None:
        return await _mine(request, visitor, 422, problem=problem)
    return RedirectResponse("/to-chuc/tin?xong=gia-han", status_code=303)
