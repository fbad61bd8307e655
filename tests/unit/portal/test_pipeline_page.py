"""The broker's pipeline board through the ASGI app: a column per stage, an introduction idle
for weeks flagged, a proposal made by hand (an unknown listing refused in Vietnamese), and
organisations kept out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from shared.clock import utc_now
from tests.unit.portal.fakes import (
    InMemoryListingsDirectory,
    anonymous_demand_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.fakes_parties import InMemoryMatchDesk, introduction_json, match_json
from tests.unit.portal.signing import sign_in

BOARD = "/moi-gioi/ket-noi"


@pytest.fixture
def desk() -> InMemoryMatchDesk:
    desk = InMemoryMatchDesk(match_json(proposed_at=utc_now().isoformat()))
    idle = introduction_json(match_json(match_id="mt_old"))
    idle["history"][0]["recorded_at"] = (utc_now() - timedelta(days=40)).isoformat()
    idle["opened_at"] = idle["history"][0]["recorded_at"]
    desk.opened.append(idle)
    return desk


@pytest.fixture
async def client(desk: InMemoryMatchDesk) -> AsyncIterator[httpx.AsyncClient]:
    listings = InMemoryListingsDirectory(offer_json(), anonymous_demand_json())
    async with portal_client(listings=listings, desk=desk) as client:
        yield client


async def test_the_board_shows_each_stage_and_flags_an_idle_introduction(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    page = await client.get(BOARD)
    assert page.status_code == 200
    assert "Đề xuất chờ trả lời <small>(1)</small>" in page.text
    assert "Đã giới thiệu hai bên <small>(1, 1 đứng yên)</small>" in page.text
    assert '<article class="stalled">' in page.text
    assert "Đứng yên 40 ngày" in page.text
    assert "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô" in page.text  # titles, not ids


async def test_a_broker_proposes_a_pair_by_hand_and_an_unknown_listing_is_refused(
    client: httpx.AsyncClient, desk: InMemoryMatchDesk
) -> None:
    token = await sign_in(client, "broker-01")
    unknown = {"csrf_token": token, "offer_id": "xyz", "demand_id": "lst_can_may_say"}
    refused = await client.post(f"{BOARD}/de-xuat", data=unknown)
    assert refused.status_code == 422
    assert "Không tìm thấy tin chào bán hoặc đặt hàng" in refused.text
    assert 'value="xyz"' in refused.text  # what was typed is kept
    pair = unknown | {"offer_id": "lst_sam_nuoi_cay_mo"}
    assert (await client.post(f"{BOARD}/de-xuat", data=pair)).status_code == 303
    assert len(desk.matches) == 2


async def test_an_organisation_cannot_open_the_board(client: httpx.AsyncClient) -> None:
    await sign_in(client, "htxmangden:giam-doc")
    assert (await client.get(BOARD)).status_code == 403
