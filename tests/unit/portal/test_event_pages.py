"""The techmart calendar and an event's page: times in the province, upcoming soonest first,
past ones apart, a cancellation said, and the broker's pinned pairs never shown."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import (
    InMemoryEvents,
    event_json,
    portal_client,
)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    events = InMemoryEvents(
        event_json(),
        event_json(event_id="evt_demo_day", title="Ngày trình diễn máy sấy", kind="demo_day",
                   starts_at="2026-12-08T01:00:00+00:00", ends_at="2026-12-09T09:00:00+00:00"),
        event_json(event_id="evt_old", title="Techmart 2025", status="cancelled",
                   cancelled_reason="Bão số 13", starts_at="2025-11-06T01:00:00+00:00",
                   ends_at="2025-11-06T09:00:00+00:00"),
    )  # fmt: skip
    async with portal_client(events=events) as client:
        yield client


async def test_the_calendar_lists_upcoming_soonest_first_and_past_apart(
    client: httpx.AsyncClient,
) -> None:
    text = (await client.get("/su-kien")).text
    upcoming, past = text.split('id="past-heading"')
    assert upcoming.index("Ngày trình diễn máy sấy") < upcoming.index("Techmart Quảng Ngãi 2026")
    assert "08:00 08/12/2026 – 16:00 09/12/2026" in upcoming
    assert "Techmart 2025" in past
    assert "Đã hủy" in past


async def test_an_events_page_in_the_provinces_time_and_without_its_pins(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/su-kien/evt_techmart_2026")
    assert response.status_code == 200
    assert "08:00–17:00 10/12/2026" in response.text
    assert "17:00 05/12/2026" in response.text
    assert "Dược liệu, Nông nghiệp công nghệ cao" in response.text
    assert "org_bi_mat" not in response.text


async def test_a_cancelled_event_says_why_and_an_unknown_one_is_404(
    client: httpx.AsyncClient,
) -> None:
    assert "Sự kiện đã hủy: Bão số 13" in (await client.get("/su-kien/evt_old")).text
    assert (await client.get("/su-kien/evt_khong_co")).status_code == 404
