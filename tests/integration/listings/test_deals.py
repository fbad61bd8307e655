"""A closed deal on stx.connections.v1 fulfils both listings, exactly once."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY

from shared.events.connections import IntroductionDealClosed, IntroductionParties
from shared.events.envelope import to_record
from shared.topics import LISTINGS, dlq_topic
from tests.integration.listings.flows import (
    ce_type,
    demand_body,
    events_of,
    offer_body,
    publish,
    verified_org,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration


def deal(
    offer_id: str, demand_id: str, supplier: str, introduction_id: str
) -> IntroductionDealClosed:
    parties = IntroductionParties(
        offer_id=offer_id,
        demand_id=demand_id,
        sector="medicinal_herbs",
        supplier_organization_id=supplier,
        supplier_kind="enterprise",
        state_funded=True,
        ip_asset=False,
    )
    return IntroductionDealClosed(
        introduction_id=introduction_id,
        parties=parties,
        closed_on=date(2026, 12, 10),
        value_vnd=800_000_000,
    )


async def deliver(bootstrap: str, event: IntroductionDealClosed, times: int) -> None:
    """The same record (same ce_id) delivered `times` times, as a redelivery would."""
    record = to_record(event, source="/stx/quang-ngai/matching")
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for _ in range(times):
            await producer.send_and_wait(
                record.topic,
                record.value,
                key=record.key.encode(),
                headers=[(k, v.encode()) for k, v in record.headers.items()],
            )
    finally:
        await producer.stop()


def duplicates_skipped() -> float:
    labels = {
        "service": "listings",
        "event_type": IntroductionDealClosed.ce_type,
        "outcome": "duplicate",
    }
    return REGISTRY.get_sample_value("stx_events_handled_total", labels) or 0.0


async def status_of(client: httpx.AsyncClient, listing_id: str) -> str:
    return str((await client.get(f"/v1/listings/{listing_id}")).json()["status"])


async def test_a_deal_delivered_twice_fulfils_both_listings_once(
    client: httpx.AsyncClient, stack: Any
) -> None:
    supplier, supplier_token = await verified_org(client)
    _, seeker_token = await verified_org(client, name="Hợp tác xã Dược liệu Tu Mơ Rông")
    offer_id = await publish(client, supplier_token, offer_body())
    demand_id = await publish(client, seeker_token, demand_body())

    introduction_id = f"itr_{uuid.uuid4().hex[:12]}"
    skipped_before = duplicates_skipped()
    await deliver(stack.bootstrap_servers, deal(offer_id, demand_id, supplier, introduction_id), 2)

    async def both_fulfilled() -> bool:
        statuses = {await status_of(client, offer_id), await status_of(client, demand_id)}
        return statuses == {"fulfilled"}

    await eventually(both_fulfilled)

    async def second_delivery_skipped() -> bool:
        return duplicates_skipped() == skipped_before + 1

    await eventually(second_delivery_skipped)
    for listing_id in (offer_id, demand_id):
        records = await events_of(
            stack.bootstrap_servers, LISTINGS, listing_id, {"stx.listing.fulfilled"}
        )
        fulfilled = [r for r in records if ce_type(r) == "stx.listing.fulfilled"]
        assert len(fulfilled) == 1
        assert json.loads(fulfilled[0].value)["introduction_id"] == introduction_id
    offer = (await client.get(f"/v1/listings/{offer_id}", headers=supplier_token)).json()
    assert offer["private"]["deals"] == [introduction_id]


async def test_a_deal_on_an_unknown_listing_goes_to_the_dead_letter_topic(
    client: httpx.AsyncClient, stack: Any
) -> None:
    supplier, token = await verified_org(client)
    offer_id = await publish(client, token, offer_body())
    event = deal(offer_id, "lst_doesnotexist", supplier, f"itr_{uuid.uuid4().hex[:12]}")

    await deliver(stack.bootstrap_servers, event, 1)

    dead = await events_of(
        stack.bootstrap_servers, dlq_topic("listings"), event.subject, {event.ce_type}
    )
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert headers["x-error-class"] == "RejectedEventError"
    assert "lst_doesnotexist" in headers["x-error-message"]
    assert await status_of(client, offer_id) == "published"  # nothing half-applied
