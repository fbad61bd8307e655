"""The broker's indicator exports: the page (`/moi-gioi/chi-so?ky=2026-Q3`) and its files
(`/moi-gioi/chi-so.xlsx|json|csv?ky=…`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import SECURITY_HEADERS, page
from services.portal.api.session import signed_in
from services.portal.service.indicator_exports import MEDIA_TYPES, ExportForm, IndicatorExports
from shared.clock import local_day, utc_now
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)


def _use_case(request: Request) -> IndicatorExports:
    use_case: IndicatorExports = request.app.state.use_cases.indicator_exports
    return use_case


def _period(request: Request) -> str:
    """The period asked for; this year in the province by default."""
    return request.query_params.get("ky", "").strip() or str(local_day(utc_now()).year)


def _form_page(request: Request, form: ExportForm) -> Response:
    return page(request, "indicator_exports.html", 422 if form.error else 200, form=form)


@router.get("/moi-gioi/chi-so")
async def export_form(request: Request) -> Response:
    visitor = signed_in(request)
    return _form_page(request, _use_case(request).form(visitor, _period(request)))


@router.get("/moi-gioi/chi-so.{form}")
async def export_file(request: Request, form: str) -> Response:
    visitor = signed_in(request)
    if form not in MEDIA_TYPES:
        raise NotFoundError("Không có định dạng xuất này.")
    found = await _use_case(request).file(visitor, _period(request), form)
    if isinstance(found, ExportForm):
        return _form_page(request, found)
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="{found.filename}"',
    }
    return Response(found.body, media_type=found.media_type, headers=headers)
