"""Validity over time (with a clock the test moves): expiry sweep, renewal, late approval."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.listings.app import create_app
from shared.clock import local_day, utc_now
from shared.topics import LISTINGS
from tests.integration.listings.flows import (
    BROKER,
    SCORE,
    create,
    events_of,
    offer_body,
    publish,
    running,
    settings_for,
    verified_org,
)

pytestmark = pytest.mark.integration


class TravelClock:
    def __init__(self) -> None:
        self.ahead = timedelta()

    def __call__(self) -> datetime:
        return utc_now() + self.ahead


@pytest.fixture(scope="module")
def clock() -> TravelClock:
    return TravelClock()


@pytest.fixture(scope="module")
async def listings_app(stack: Any, clock: TravelClock) -> AsyncIterator[FastAPI]:
    async with running(create_app(settings_for(stack), clock)) as app:
        yield app


@pytest.fixture(autouse=True)
def back_to_today(clock: TravelClock) -> None:
    clock.ahead = timedelta()


def in_days(days: int) -> str:
    return (local_day(utc_now()) + timedelta(days=days)).isoformat()


async def test_the_sweep_expires_a_listing_and_its_owner_renews_it(
    client: httpx.AsyncClient, listings_app: FastAPI, clock: TravelClock, stack: Any
) -> None:
    _, token = await verified_org(client)
    listing_id = await publish(client, token, offer_body(valid_until=in_days(3)))

    clock.ahead = timedelta(days=5)
    assert await listings_app.state.services.moderation.expire_due() >= 1
    assert (await client.get(f"/v1/listings/{listing_id}")).json()["status"] == "expired"
    assert await listings_app.state.services.moderation.expire_due() == 0  # idempotent sweep

    renewed = await client.post(
        f"/v1/listings/{listing_id}/renew", json={"valid_until": in_days(60)}, headers=token
    )
    assert renewed.json()["status"] == "published"
    wanted = {"stx.listing.expired", "stx.listing.renewed"}
    await events_of(stack.bootstrap_servers, LISTINGS, listing_id, wanted)


async def test_a_listing_whose_validity_passed_in_the_queue_is_not_published(
    client: httpx.AsyncClient, clock: TravelClock
) -> None:
    _, token = await verified_org(client)
    listing_id = await create(client, token, offer_body(valid_until=in_days(1)))
    await client.post(f"/v1/listings/{listing_id}/submit", headers=token)

    clock.ahead = timedelta(days=3)
    refused = await client.post(
        f"/v1/listings/{listing_id}/approve", json={"score": SCORE}, headers=BROKER
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "valid_until"
