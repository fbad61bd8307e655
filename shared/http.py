"""FastAPI building blocks every service uses (DESIGN.md §5.4, §6, §7).

- RFC 9457 problem details (`application/problem+json`) for every error response;
- a pure ASGI middleware giving each request a correlation id, one `http_request` log line,
  Prometheus metrics and a last-resort 500;
- `/healthz`, `/readyz`, `/metrics`;
- `create_http_app`, which wires all of it (plus the body-size limit and bearer auth).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from pydantic.json_schema import models_json_schema
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Lifespan, Message, Receive, Scope, Send

from shared.logging import bound, current_correlation_id, get_logger, new_correlation_id
from shared.metrics import observe_http_request
from shared.settings import ServiceSettings

PROBLEM_MEDIA_TYPE = "application/problem+json"
DEFAULT_MAX_BODY_SIZE = 1024 * 1024
READINESS_TIMEOUT_SECONDS = 2.0

ReadinessCheck = Callable[[], Awaitable[bool]]

_log = get_logger(__name__)
_ECHO_LIMIT = 120  # characters of a rejected value or message sent back to the client
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
_SCHEMA_REF = "#/components/schemas/{model}"


# --- problem details ---------------------------------------------------------------------


class FieldError(BaseModel):
    """One rejected field: where (`body.trl`) and which rule it broke."""

    field: str = Field(examples=["body.trl"])
    message: str = Field(examples=["trl must be between 1 and 9"])
    input: str | int | float | bool | None = Field(
        default=None, description="The rejected value, when short and scalar."
    )


class Problem(BaseModel):
    """RFC 9457 problem details; `correlation_id` and `errors` are STX extensions."""

    type: str = Field(examples=["urn:stx:problem:validation-failed"])
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="The request path.")
    correlation_id: str | None = Field(default=None, description="Quote it when reporting.")
    errors: list[FieldError] | None = None


class ProblemError(Exception):
    """Raise from a route or dependency to answer with a problem+json response."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str | None = None,
        *,
        errors: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.type = f"urn:stx:problem:{slug}"
        self.title = title
        self.detail = detail
        self.errors = list(errors)
        self.headers = dict(headers or {})

    @classmethod
    def from_rule(cls, field: str, message: str, status: int = 422) -> ProblemError:
        """A broken business rule (e.g. a domain `ValueError`) reported against one field."""
        error = FieldError(field=field, message=message)
        return cls(status, "rule-violated", "Business rule violated", message, errors=[error])

    def to_problem(self) -> Problem:
        return Problem(
            type=self.type,
            title=self.title,
            status=self.status,
            detail=self.detail,
            errors=self.errors or None,
        )


def problem_response(
    request: Request, problem: Problem, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    located = problem.model_copy(
        update={"instance": request.url.path, "correlation_id": current_correlation_id()}
    )
    return JSONResponse(
        located.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


async def _on_problem(request: Request, exc: ProblemError) -> Response:
    return problem_response(request, exc.to_problem(), exc.headers)


async def _on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = [_field_error(error) for error in exc.errors()]
    problem = Problem(
        type="urn:stx:problem:validation-failed",
        title="Request validation failed",
        status=422,
        detail="Fix the fields listed in `errors` and retry.",
        errors=errors,
    )
    return problem_response(request, problem)


def _field_error(error: Mapping[str, Any]) -> FieldError:
    value = error.get("input")
    # Only short scalars are echoed: a rejected body may be megabytes or hold secrets.
    short = isinstance(value, str | int | float | bool) and len(str(value)) <= _ECHO_LIMIT
    return FieldError(
        field=".".join(str(part) for part in error["loc"]),
        message=str(error["msg"])[:_ECHO_LIMIT],
        input=value if short else None,
    )


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    # Plain HTTP errors (404, 405, 413…) carry no meaning beyond their status: RFC 9457 §4.2.1.
    title = _status_phrase(exc.status_code)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
    problem = Problem(type="about:blank", title=title, status=exc.status_code, detail=detail)
    return problem_response(request, problem, exc.headers)


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    _log.error("unhandled_exception", path=request.url.path, exc_info=exc)
    problem = Problem(
        type="about:blank",
        title="Internal Server Error",
        status=500,
        detail="An unexpected error occurred; quote the correlation id when reporting it.",
    )
    return problem_response(request, problem)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Missing, expired or invalid bearer token."},
    403: {"model": Problem, "description": "The principal lacks the role this action needs."},
    422: {"model": Problem, "description": "A field breaks a rule; `errors` names each one."},
}
"""`responses=` for mutating routes; each is served as `application/problem+json`."""


# --- request context middleware -----------------------------------------------------------


class _ResponseWatch:
    """Wraps `send`: remembers the status and echoes the correlation id as `X-Request-ID`."""

    def __init__(self, send: Send, correlation_id: str) -> None:
        self._send = send
        self._correlation_id = correlation_id
        self.status = 500  # what the client gets if the app dies before answering
        self.started = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            self.status = message["status"]
            message.setdefault("headers", [])
            MutableHeaders(scope=message)["X-Request-ID"] = self._correlation_id
        await self._send(message)


class RequestContextMiddleware:
    """Correlation id, one `http_request` log line and metrics for every HTTP request.

    Pure ASGI (no `BaseHTTPMiddleware` task per request). It is also the error boundary:
    Starlette's own catch-all runs outside user middleware, where neither the correlation id
    nor `X-Request-ID` would reach the log line or the 500 response.
    """

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        correlation_id = _request_id(Headers(scope=scope).get("x-request-id"))
        response = _ResponseWatch(send, correlation_id)
        started = time.perf_counter()
        with bound(correlation_id=correlation_id):
            try:
                await self.app(scope, receive, response.send)
            except Exception as exc:
                if response.started:
                    raise  # too late for a problem response; the server drops the connection
                reply = await _on_unexpected(Request(scope, receive), exc)
                await reply(scope, receive, response.send)
            finally:
                self._record(scope, response.status, time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        method = scope["method"] if scope["method"] in _METHODS else "OTHER"
        route = getattr(scope.get("route"), "path_format", "unmatched")
        observe_http_request(self.service, method, route, status, seconds)
        # Kubernetes probes every few seconds; their lines would drown the real traffic.
        log = _log.debug if scope["path"] in _PROBE_PATHS else _log.info
        log(
            "http_request",
            http_method=scope["method"],
            path=scope["path"],
            route=route,
            status=status,
            duration_ms=round(seconds * 1000, 2),
        )


def _request_id(header: str | None) -> str:
    """The caller's `X-Request-ID` when it is safe to log and echo, else a fresh UUID."""
    if header is not None and _REQUEST_ID.fullmatch(header):
        return header
    return new_correlation_id()


class BodyTooLarge(StarletteHTTPException):
    """An HTTPException, because FastAPI re-raises those from body parsing (others become 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body exceeds the limit of {limit} bytes.")


class BodyLimitMiddleware:
    """413 problem+json for request bodies above `max_body_size` bytes.

    Not FastAPI's `max_body_size`: when Content-Length is too large, Starlette's limiter
    replaces the response with a text/plain 413 outside our middleware (no problem+json,
    no `X-Request-ID`).
    """

    def __init__(self, app: ASGIApp, max_body_size: int) -> None:
        self.app = app
        self.max_body_size = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_size:
            reply = await _on_http_error(Request(scope), BodyTooLarge(self.max_body_size))
            await reply(scope, receive, send)
            return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        """Counts streamed (chunked) bodies too; FastAPI routes re-raise the HTTPException."""
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_size:
                raise BodyTooLarge(self.max_body_size)
            return message

        return receive_within_limit


# --- health and metrics --------------------------------------------------------------------


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


# --- OpenAPI -------------------------------------------------------------------------------


def _document_problems(schema: dict[str, Any]) -> None:
    """Every error response is problem+json; secured routes document 401, bodies 413."""
    _, definitions = models_json_schema([(Problem, "serialization")], ref_template=_SCHEMA_REF)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(definitions["$defs"])
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            _problem_responses(operation)
    # FastAPI's own 422 models are replaced above; drop them so clients don't generate them.
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)


def _problem_responses(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    if "security" in operation:
        responses.setdefault("401", {"description": PROBLEM_RESPONSES[401]["description"]})
    if "requestBody" in operation:
        responses.setdefault("413", {"description": "The request body is too large."})
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _SCHEMA_REF.format(model="Problem")}}}
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            response["content"] = content


def _openapi_with_problems(app: FastAPI) -> Callable[[], dict[str, Any]]:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document_problems(generate())
        return generate()  # FastAPI caches the (now amended) schema

    return openapi


# --- the app factory -----------------------------------------------------------------------


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
    # Imported here because shared.auth raises this module's ProblemError.
    from shared.auth import verifier_from_settings

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        exception_handlers={
            ProblemError: _on_problem,
            RequestValidationError: _on_validation_error,
            StarletteHTTPException: _on_http_error,
            Exception: _on_unexpected,
        },
    )
    app.state.token_verifier = verifier_from_settings(settings)
    app.add_middleware(BodyLimitMiddleware, max_body_size=max_body_size)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)  # outermost
    app.include_router(health_router(readiness_checks or {}))
    app.openapi = _openapi_with_problems(app)  # type: ignore[method-assign]
    return app
