"""The public pages: home, search, a listing."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import page
from services.portal.domain.labels import KINDS, SECTORS
from services.portal.domain.search import read_search_form
from services.portal.service.pages import PublicPages
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
LISTING_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
"""Listing and organisation ids: checked before they reach a service's URL."""


def _pages(request: Request) -> PublicPages:
    pages: PublicPages = request.app.state.use_cases.public_pages
    return pages


@router.get("/")
async def home(request: Request) -> Response:
    facts = await _pages(request).home()
    return page(request, "home.html", home=facts, kinds=KINDS, sectors=SECTORS)


@router.get("/search")
async def search(request: Request) -> Response:
    form = read_search_form(request.query_params)
    facts = await _pages(request).search(form)
    status = 200 if form.is_valid else 422
    return page(request, "search.html", status, search=facts, kinds=KINDS, sectors=SECTORS)


@router.get("/listings/{listing_id}")
async def listing(request: Request, listing_id: str) -> Response:
    if not LISTING_ID.match(listing_id):
        raise NotFoundError("Không tìm thấy tin này.")
    view = await _pages(request).listing(listing_id)
    return page(request, "listing.html", listing=view)


@router.get("/don-vi/{organization_id}")
async def organization(request: Request, organization_id: str) -> Response:
    if not LISTING_ID.match(organization_id):
        raise NotFoundError("Không tìm thấy trang này.")
    facts = await _pages(request).organization(organization_id)
    return page(request, "organization.html", profile=facts)
