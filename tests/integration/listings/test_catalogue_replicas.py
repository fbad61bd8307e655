"""Two replicas on one store: what one writes, the other's search shows at once (the catalogue
in memory catches up by `seq` before each read), on the real broker and store."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.listings.app import create_app
from tests.integration.listings.flows import (
    offer_body,
    publish,
    running,
    settings_for,
    verified_org,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def replicas(stack: Any) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Two apps on the same database and consumer group, each with its own catalogue."""
    settings = settings_for(stack)
    async with (
        running(create_app(settings)) as one,
        running(create_app(settings)) as two,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=one), base_url="http://a") as a,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=two), base_url="http://b") as b,
    ):
        yield a, b


def ids(page: httpx.Response) -> list[str]:
    assert page.status_code == 200, page.text
    return [item["listing_id"] for item in page.json()["items"]]


async def test_a_listing_approved_on_one_replica_is_found_on_the_other_and_leaves_with_it(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    a, b = replicas
    marker = uuid.uuid4().hex[:8]
    org_id, token = await verified_org(a)
    before = ids(await b.get("/v1/listings", params={"owner": org_id}))  # b's catalogue is warm

    body = offer_body(title=f"Máy sấy bơm nhiệt cho mắc ca {marker}", keywords=[marker])
    listing_id = await publish(a, token, body)
    found = await b.get("/v1/listings", params={"q": f"may say bom nhiet {marker}"})
    newest = await b.get("/v1/listings", params={"owner": org_id})

    assert (before, ids(found), ids(newest)) == ([], [listing_id], [listing_id])

    withdrawn = await a.post(
        f"/v1/listings/{listing_id}/withdraw", json={"reason": "Đã chuyển giao"}, headers=token
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert ids(await b.get("/v1/listings", params={"q": marker})) == []
    assert ids(await b.get("/v1/listings", params={"owner": org_id})) == []
