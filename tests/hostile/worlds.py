"""Real resources to aim hostile requests and events at, built through each service's API
and the events it consumes (the way the other services would produce them)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.auth import Role
from shared.events.base import Event
from shared.events.connections import IntroductionDealClosed, IntroductionParties
from shared.events.envelope import to_record
from tests.hostile.apps import Running
from tests.hostile.corpus import SOURCE, Sample
from tests.hostile.probes import eventually
from tests.integration.listings.flows import demand_body, offer_body, org_body

SCORE = {"clarity": 4, "completeness": 4, "commercial_relevance": 5}


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def sample_of(event: Event, ce_id: str | None = None) -> Sample:
    """An exact event (ids kept) as a corpus `Sample`."""
    record = to_record(event, source=SOURCE, event_id=ce_id)
    return Sample(type(event), json.loads(record.value), record.headers)


async def send_samples(producer: AIOKafkaProducer, *samples: Sample) -> None:
    for each in samples:
        headers = [(k, v.encode()) for k, v in each.headers.items()]
        key = each.headers["ce_subject"].encode()
        await producer.send_and_wait(each.model.topic, each.value, key=key, headers=headers)


async def applied(service: Running, *samples: Sample, timeout: float = 30.0) -> None:
    """Until the service recorded each event as applied (`processed_events`, same transaction)."""
    ids = [s.headers["ce_id"] for s in samples]

    async def recorded() -> bool:
        return await service.db.processed_events.count_documents({"_id": {"$in": ids}}) == len(ids)

    await eventually(recorded, f"{service.name} applied {ids}", timeout)


async def outbox_drained(service: Running) -> None:
    async def drained() -> bool:
        return await service.db.outbox.count_documents({"pending": {"$exists": True}}) == 0

    await eventually(drained, f"{service.name} relayed its outbox")


# --- listings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    organization_id: str
    headers: dict[str, str]


async def verified_org(service: Running, **overrides: Any) -> Org:
    organization_id = new_id("org")
    headers = service.bearer(f"user-{organization_id}", Role.org, org_id=organization_id)
    http, broker = service.http, service.bearer("broker-hostile", Role.broker)
    registered = await http.post("/v1/organizations", json=org_body(**overrides), headers=headers)
    assert registered.status_code == 201, registered.text
    verified = await http.post(f"/v1/organizations/{organization_id}/verify", headers=broker)
    assert verified.status_code == 200, verified.text
    return Org(organization_id, headers)


async def draft(service: Running, owner: Org, body: dict[str, Any]) -> str:
    created = await service.http.post("/v1/listings", json=body, headers=owner.headers)
    assert created.status_code == 201, created.text
    return str(created.json()["listing_id"])


async def published(service: Running, owner: Org, body: dict[str, Any]) -> str:
    listing_id = await draft(service, owner, body)
    http, broker = service.http, service.bearer("broker-hostile", Role.broker)
    submitted = await http.post(f"/v1/listings/{listing_id}/submit", headers=owner.headers)
    assert submitted.status_code == 200, submitted.text
    approved = await http.post(
        f"/v1/listings/{listing_id}/approve", json={"score": SCORE}, headers=broker
    )
    assert approved.status_code == 200, approved.text
    return listing_id


async def closed_deal(service: Running) -> Sample:
    """A deal between two listings published on this listings service: it will be applied."""
    supplier = await verified_org(service)
    seeker = await verified_org(service, name="Hợp tác xã Dược liệu Tu Mơ Rông")
    offer_id = await published(service, supplier, offer_body())
    demand_id = await published(service, seeker, demand_body())
    parties = IntroductionParties(
        offer_id=offer_id,
        demand_id=demand_id,
        sector="medicinal_herbs",
        supplier_organization_id=supplier.organization_id,
        supplier_kind="enterprise",
        state_funded=True,
        ip_asset=False,
    )
    event = IntroductionDealClosed(
        introduction_id=new_id("itr"),
        parties=parties,
        closed_on=date(2026, 12, 10),
        value_vnd=800_000_000,
    )
    return sample_of(event)
