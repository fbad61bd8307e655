"""The public indicators page (`/chi-so?ky=2026-Q4`) and its CSV (`/chi-so.csv?ky=…`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import SECURITY_HEADERS, page
from services.portal.service.indicators import PublicIndicators
from shared.clock import local_day, utc_now

router = APIRouter(include_in_schema=False)


def _use_case(request: Request) -> PublicIndicators:
    use_case: PublicIndicators = request.app.state.use_cases.indicators
    return use_case


def _period(request: Request) -> str:
    """The period asked for; this year in the province by default."""
    return request.query_params.get("ky", "").strip() or str(local_day(utc_now()).year)


@router.get("/chi-so")
async def indicators(request: Request) -> Response:
    facts = await _use_case(request).page(_period(request))
    return page(request, "indicators.html", 422 if facts.error else 200, facts=facts)


@router.get("/chi-so.csv")
async def indicators_csv(request: Request) -> Response:
    period = _period(request)
    body = await _use_case(request).csv(period)
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="stx-chi-so-{period}.csv"',
    }
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
