"""The matching API's connection events on behalf of the signed-in visitor, as `EventDesk`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


def _event(event_id: str) -> str:
    return f"/v1/connection-events/{quote(event_id, safe='')}"


def _meeting(event_id: str, meeting_id: str) -> str:
    return f"{_event(event_id)}/meetings/{quote(meeting_id, safe='')}"


class EventDeskApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ sự kiện kết nối tạm thời không trả lời.",
            missing="Không tìm thấy sự kiện này.",
        )

    async def announce(self, body: Mapping[str, Any], token: str) -> str:
        created = await self._api.call("POST", "/v1/connection-events", token, json=dict(body))
        return str(created["event_id"])

    async def register(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        await self._api.call("POST", f"{_event(event_id)}/registrations", token, json=dict(body))

    async def participants(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(await self._api.call("GET", f"{_event(event_id)}/participants", token))

    async def generate_schedule(self, event_id: str, token: str) -> None:
        await self._api.call("POST", f"{_event(event_id)}/schedule", token)

    async def meetings(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(await self._api.call("GET", f"{_event(event_id)}/meetings", token))

    async def own_meetings(
        self, event_id: str, organization_id: str, token: str
    ) -> list[Mapping[str, Any]]:
        params = {"organization_id": organization_id}
        return list(
            await self._api.call("GET", f"{_event(event_id)}/meetings", token, params=params)
        )

    async def change(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        await self._api.call("PATCH", _event(event_id), token, json=dict(body))

    async def cancel_participant(self, event_id: str, organization_id: str, token: str) -> None:
        path = f"{_event(event_id)}/participants/{quote(organization_id, safe='')}/cancel"
        await self._api.call("POST", path, token)

    async def cancel(self, event_id: str, reason: str, token: str) -> None:
        await self._api.call("POST", f"{_event(event_id)}/cancel", token, json={"reason": reason})

    async def close(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        await self._api.call("POST", f"{_event(event_id)}/close", token, json=dict(body))

    async def pin(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None:
        await self._api.call(
            "POST", f"{_meeting(event_id, meeting_id)}/pin", token, json=dict(body)
        )

    async def swap(self, event_id: str, meeting_ids: list[str], token: str) -> None:
        body = {"meeting_ids": meeting_ids}
        await self._api.call("POST", f"{_event(event_id)}/meetings/swap", token, json=body)

    async def record_outcome(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None:
        path = f"{_meeting(event_id, meeting_id)}/outcomes"
        await self._api.call("POST", path, token, json=dict(body))

    async def meeting_requests(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(await self._api.call("GET", f"{_event(event_id)}/meeting-requests", token))

    async def send_request(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        path = f"{_event(event_id)}/meeting-requests"
        await self._api.call("POST", path, token, json=dict(body))

    async def answer_request(
        self, event_id: str, request_id: str, accept: bool, token: str
    ) -> None:
        answer = "accept" if accept else "decline"
        path = f"{_event(event_id)}/meeting-requests/{quote(request_id, safe='')}/{answer}"
        await self._api.call("POST", path, token)

    async def calendar(self, event_id: str, organization_id: str, token: str) -> bytes:
        path = f"{_event(event_id)}/participants/{quote(organization_id, safe='')}/schedule.ics"
        return await self._api.call_bytes("GET", path, token)
