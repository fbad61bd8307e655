"""`create_http_app`: a FastAPI app with all of `shared.http` wired in."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Lifespan

from shared.auth import verifier_from_settings
from shared.errors import RefusedError
from shared.http.health import ReadinessCheck, health_router
from shared.http.middleware import (
    DEFAULT_MAX_BODY_SIZE,
    BodyLimitMiddleware,
    RequestContextMiddleware,
)
from shared.http.openapi import openapi_with_problems
from shared.http.problems import (
    ProblemError,
    on_http_error,
    on_problem,
    on_refusal,
    on_unexpected,
    on_validation_error,
)
from shared.settings import ServiceSettings


def create_http_app(
    *,
    title: str,
    version: str,
    settings: ServiceSettings,
    description: str = "",
    readiness_checks: Mapping[str, ReadinessCheck] | None = None,
    lifespan: Lifespan[FastAPI] | None = None,
    max_body_size: int = DEFAULT_MAX_BODY_SIZE,
) -> FastAPI:
    """A FastAPI app with problem+json errors, request context, auth, health and metrics."""
    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        exception_handlers={
            ProblemError: on_problem,
            RefusedError: on_refusal,
            RequestValidationError: on_validation_error,
            StarletteHTTPException: on_http_error,
            Exception: on_unexpected,
        },
    )
    app.state.token_verifier = verifier_from_settings(settings)
    app.add_middleware(BodyLimitMiddleware, max_body_size=max_body_size)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)  # outermost
    app.include_router(health_router(readiness_checks or {}))
    app.openapi = openapi_with_problems(app)  # type: ignore[method-assign]
    return app
