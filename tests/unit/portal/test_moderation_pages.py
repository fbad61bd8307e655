"""The broker's moderation pages through the ASGI app: the queue, approve with a score, return
with reasons; refusals shown on the listing they concern; organisations kept out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import (
    InMemoryModerationQueue,
    InMemoryOwnListings,
    anonymous_demand_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.signing import sign_in

QUEUE = "/moi-gioi/kiem-duyet"


@pytest.fixture
def desk() -> InMemoryModerationQueue:
    submitted = {"submitted_at": "2026-12-02T20:00:00+00:00", "owner_name": "Viện Dược liệu"}
    return InMemoryModerationQueue(
        offer_json(status="submitted", private=submitted),
        anonymous_demand_json(status="submitted", private=submitted),
    )


@pytest.fixture
async def client(desk: InMemoryModerationQueue) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(
        own=InMemoryOwnListings(),
        moderation=desk,
    ) as client:
        yield client


async def test_a_broker_sees_the_queue_and_approves_with_a_score(
    client: httpx.AsyncClient, desk: InMemoryModerationQueue
) -> None:
    token = await sign_in(client, "broker-01")
    page = await client.get(QUEUE)
    assert page.status_code == 200
    assert "Quy trình nhân giống sâm Ngọc Linh" in page.text
    assert "gửi ngày 03/12/2026" in page.text

    marks = {"clarity": "4", "completeness": "3", "commercial_relevance": "5"}
    done = await client.post(
        f"{QUEUE}/lst_sam_nuoi_cay_mo/duyet", data={"csrf_token": token, **marks}
    )
    assert (done.status_code, done.headers["location"]) == (303, f"{QUEUE}?xong=duyet")
    assert desk.decisions == [
        (
            "approved",
            "lst_sam_nuoi_cay_mo",
            {"clarity": 4, "completeness": 3, "commercial_relevance": 5},
        )
    ]


async def test_a_return_needs_a_reason_and_says_so_on_that_listing(
    client: httpx.AsyncClient, desk: InMemoryModerationQueue
) -> None:
    token = await sign_in(client, "broker-01")
    refused = await client.post(
        f"{QUEUE}/lst_can_may_say/tra-lai", data={"csrf_token": token, "comment": "Bổ sung."}
    )
    assert refused.status_code == 422
    assert "Cần ít nhất 1 mục." in refused.text
    assert desk.decisions == []

    body = f"csrf_token={token}&reasons=incomplete&reasons=unclear_benefit&comment=B%E1%BB%95+sung"
    returned = await client.post(
        f"{QUEUE}/lst_can_may_say/tra-lai",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert returned.status_code == 303
    assert desk.decisions == [
        ("returned", "lst_can_may_say", (["incomplete", "unclear_benefit"], "Bổ sung"))
    ]


async def test_an_organisation_cannot_open_the_queue(client: httpx.AsyncClient) -> None:
    await sign_in(client, "htxmangden:giam-doc")
    response = await client.get(QUEUE)
    assert response.status_code == 403
    assert "cán bộ môi giới" in response.text
