"""`/healthz` (process), `/readyz` (dependencies reachable) and `/metrics`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.logging import get_logger

READINESS_TIMEOUT_SECONDS = 2.0

ReadinessCheck = Callable[[], Awaitable[bool]]

_log = get_logger(__name__)


def health_router(
    readiness_checks: Mapping[str, ReadinessCheck],
    timeout: float = READINESS_TIMEOUT_SECONDS,
) -> APIRouter:
    """`/healthz` (the process runs), `/readyz` (its dependencies answer) and `/metrics`."""
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        names = list(readiness_checks)
        results = await asyncio.gather(
            *(_passes(name, readiness_checks[name], timeout) for name in names)
        )
        checks = {name: "ok" if ok else "failed" for name, ok in zip(names, results, strict=True)}
        ready = all(results)
        body = {"status": "ok" if ready else "unavailable", "checks": checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


async def _passes(name: str, check: ReadinessCheck, limit_seconds: float) -> bool:
    try:
        async with asyncio.timeout(limit_seconds):
            return bool(await check())
    except Exception as exc:  # a check that raises or hangs is a failing check, not a crash
        _log.warning("readiness_check_failed", check=name, error=repr(exc))
        return False
