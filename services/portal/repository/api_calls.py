"""One way to call a service's API and read its answer, for every adapter of the portal.

- `read`: a public read (no token). 404 is "no such thing"; any other refusal is the portal's
  own mistake, so the visitor can only retry later: `UnavailableError`.
- `call`: an action on behalf of the signed-in visitor (their token), or of anyone (no token:
  a public form such as a subscription). Refusals of a form (400/409/422, and those the
  adapter adds, e.g. 429 for too many sign-ups) become `FormRefusedError` with the API's field
  errors, 401/403 `ForbiddenError`, 404 `NotFoundError`, anything else `UnavailableError`.

No answer at all is `UnavailableError` either way. The words are the adapter's: which service
does not answer, what could not be found.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import httpx

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
REFUSALS = frozenset({400, 409, 422})
MISSING = frozenset({404})


class ApiCalls:
    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        unavailable: str = "Dịch vụ tạm thời không trả lời.",
        missing: str = "Không tìm thấy.",
        refusals: Collection[int] = REFUSALS,
    ) -> None:
        self._client = client
        self._unavailable = unavailable
        self._missing = missing
        self._refusals = frozenset(refusals)

    async def read(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        missing_statuses: Collection[int] = MISSING,
    ) -> httpx.Response:
        """A public GET; the answer as it came (JSON, CSV or PDF)."""
        response = await self._send("GET", path, {}, params=params)
        if response.status_code in missing_statuses:
            raise NotFoundError(self._missing)
        if response.status_code != 200:
            log.warning("api_refused", status=response.status_code, path=path)
            raise UnavailableError(self._unavailable)
        return response

    async def call(self, method: str, path: str, token: str | None, **kwargs: Any) -> Any:
        """The JSON body of a successful answer (None when it has none)."""
        response = await self._answer(method, path, token, **kwargs)
        return response.json() if response.content else None

    async def call_bytes(self, method: str, path: str, token: str, **kwargs: Any) -> bytes:
        """The body of a successful answer as sent (a file: .ics, PDF)."""
        return (await self._answer(method, path, token, **kwargs)).content

    async def _answer(
        self, method: str, path: str, token: str | None, **kwargs: Any
    ) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = await self._send(method, path, headers, **kwargs)
        self._raise_for(response)
        return response

    async def _send(
        self, method: str, path: str, headers: Mapping[str, str], **kwargs: Any
    ) -> httpx.Response:
        try:
            return await self._client.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            log.warning("api_unreachable", path=path, error=type(exc).__name__)
            raise UnavailableError(self._unavailable) from exc

    def _raise_for(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        if status in self._refusals:
            problem = response.json()
            code = str(problem.get("type", "")).rsplit(":", 1)[-1]
            errors, detail = problem.get("errors") or [], str(problem.get("detail", ""))
            raise FormRefusedError(errors, detail, code)
        if status in {401, 403}:
            raise ForbiddenError("Tài khoản này không được làm việc đó.")
        if status in MISSING:
            raise NotFoundError(self._missing)
        log.warning("api_refused", status=status, path=response.request.url.path)
        raise UnavailableError(self._unavailable)
