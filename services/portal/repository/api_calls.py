"""One way to call a service's API on behalf of a signed-in visitor and read its answer:
refusals of a form (400/409/422) as `FormRefusedError` with the API's field errors, 401/403
as `ForbiddenError`, 404 as `NotFoundError`, anything else or no answer as `UnavailableError`."""

from __future__ import annotations

from typing import Any

import httpx

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
UNAVAILABLE = "Dịch vụ tạm thời không trả lời."
REFUSALS = frozenset({400, 409, 422})


class ApiCalls:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        """The JSON body of a successful answer (None when it has none)."""
        headers = {"Authorization": f"Bearer {token}"}
        try:
            response = await self._client.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            log.warning("api_unreachable", path=path, error=type(exc).__name__)
            raise UnavailableError(UNAVAILABLE) from exc
        _raise_for(response)
        return response.json() if response.content else None


def _raise_for(response: httpx.Response) -> None:
    status = response.status_code
    if status < 300:
        return
    if status in REFUSALS:
        problem = response.json()
        raise FormRefusedError(problem.get("errors") or [], str(problem.get("detail", "")))
    if status in {401, 403}:
        raise ForbiddenError("Tài khoản này không được làm việc đó.")
    if status == 404:
        raise NotFoundError("Không tìm thấy.")
    log.warning("api_refused", status=status, path=response.request.url.path)
    raise UnavailableError(UNAVAILABLE)
