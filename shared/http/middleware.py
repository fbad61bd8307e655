"""Pure ASGI middleware: a correlation id, one `http_request` log line and metrics per
request, a last-resort 500, and the request-body size limit."""

from __future__ import annotations

import re
import time

from fastapi import Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.http.problems import on_http_error, on_unexpected
from shared.logging import bound, get_logger, new_correlation_id
from shared.metrics import observe_http_request

DEFAULT_MAX_BODY_SIZE = 1024 * 1024
_log = get_logger(__name__)
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


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
                reply = await on_unexpected(Request(scope, receive), exc)
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
            reply = await on_http_error(Request(scope), BodyTooLarge(self.max_body_size))
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
