"""An organisation's bulk import (`/to-chuc/tin/nhap`): the upload form, the template, the
report of the listings API's importer by line of the file."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import SECURITY_HEADERS, page
from services.portal.api.session import posted_upload, signed_in
from services.portal.domain.catalogue import (
    COLUMNS,
    MAX_CATALOGUE_BYTES,
    catalogue_template,
    code_tables,
)
from services.portal.service.organization import ImportRefused, OrganizationListings
from shared.clock import local_day, utc_now

router = APIRouter(include_in_schema=False)
TEMPLATE_NAME = "mau-nhap-tin.csv"


def _use_case(request: Request) -> OrganizationListings:
    use_case: OrganizationListings = request.app.state.use_cases.organization_listings
    return use_case


def _import_page(request: Request, status: int = 200, **context: object) -> Response:
    return page(
        request, "import.html", status, columns=COLUMNS, code_tables=code_tables(), **context
    )


@router.get("/to-chuc/tin/nhap")
async def import_form(request: Request) -> Response:
    signed_in(request)
    return _import_page(request)


@router.post("/to-chuc/tin/nhap")
async def import_catalogue(request: Request) -> Response:
    visitor = signed_in(request)
    data = await posted_upload(request, "catalogue", MAX_CATALOGUE_BYTES)
    result = await _use_case(request).import_catalogue(visitor, data)
    if isinstance(result, ImportRefused):
        return _import_page(request, 422, refused=result)
    return _import_page(request, imported=result)


@router.get(f"/to-chuc/tin/{TEMPLATE_NAME}")
async def catalogue_template_file() -> Response:
    headers = SECURITY_HEADERS | {"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}"'}
    body = catalogue_template(local_day(utc_now()))
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
