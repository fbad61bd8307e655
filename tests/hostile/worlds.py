"""Real resources to aim hostile requests and events at, built through each service's API
and the events it consumes (the way the other services would produce them)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from aiokafka import AIOKafkaProducer

from services.matching.domain.ids import introduction_id_of, match_id_of
from shared.auth import Role
from shared.events.base import Event
from shared.events.connections import IntroductionDealClosed, IntroductionParties
from shared.events.envelope import to_record
from shared.events.listings import ListingPublished
from shared.events.matches import MatchProposed
from shared.events.vocabulary import OrganizationKind
from tests.hostile.apps import Running
from tests.hostile.corpus import SOURCE, Sample, sample
from tests.hostile.probes import eventually
from tests.integration.awards.story import CATEGORY, programme_body, registered
from tests.integration.listings.flows import demand_body, offer_body, org_body
from tests.integration.matching.kit import drying_offer, software_demand

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
        found: int = await service.db.processed_events.count_documents({"_id": {"$in": ids}})
        return found == len(ids)

    await eventually(recorded, f"{service.name} applied {ids}", timeout)


async def outbox_drained(service: Running) -> None:
    async def drained() -> bool:
        pending: int = await service.db.outbox.count_documents({"pending": {"$exists": True}})
        return pending == 0

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


async def submitted(service: Running, owner: Org, body: dict[str, Any]) -> str:
    listing_id = await draft(service, owner, body)
    done = await service.http.post(f"/v1/listings/{listing_id}/submit", headers=owner.headers)
    assert done.status_code == 200, done.text
    return listing_id


# --- the worlds of the authorisation matrix --------------------------------------------------


class Who(StrEnum):
    """The callers of the authorisation matrix."""

    NONE = "none"
    OTHER_ORG = "org of another organisation"
    OWNER = "org owner"
    BROKER = "broker"
    REVIEWER = "reviewer"
    ADMIN = "admin"


@dataclass
class World:
    """Resources of one service and the headers each caller sends."""

    headers: dict[Who, dict[str, str]]
    ids: dict[str, str]


def callers(service: Running, owner: str, other: str, reviewer: str = "reviewer-hostile") -> dict[
    Who, dict[str, str]
]:  # fmt: skip
    return {
        Who.NONE: {},
        Who.OTHER_ORG: service.bearer(f"user-{other}", Role.org, org_id=other),
        Who.OWNER: service.bearer(f"user-{owner}", Role.org, org_id=owner),
        Who.BROKER: service.bearer("broker-hostile", Role.broker),
        Who.REVIEWER: service.bearer(reviewer, Role.reviewer),
        Who.ADMIN: service.bearer("admin-hostile", Role.admin),
    }


async def listings_world(service: Running, _: AIOKafkaProducer) -> World:
    """Organisations A (owner) and B (other), verified; a draft and a submitted listing of A."""
    owner, other = await verified_org(service), await verified_org(service, name="Công ty B")
    return World(
        callers(service, owner.organization_id, other.organization_id),
        {
            "org": owner.organization_id,
            "draft": await draft(service, owner, offer_body()),
            "submitted": await submitted(service, owner, demand_body()),
        },
    )


async def notifications_world(service: Running, producer: AIOKafkaProducer) -> World:
    """A pending e-mail subscription the owner asked for while signed in, and a delivery
    queued by a targeted message."""
    owner, other = new_id("org"), new_id("org")
    created = await service.http.post(
        "/subscriptions",
        json={"subscriber_name": "Báo Quảng Ngãi", "channel": "email", "email": "a@b.vn"},
        headers=service.bearer(f"user-{owner}", Role.org, org_id=owner),
    )
    assert created.status_code == 201, created.text
    proposed = sample(MatchProposed, f"{new_id('mx')}-")
    await send_samples(producer, proposed)
    await applied(service, proposed)
    delivery = await service.db.deliveries.find_one({})
    assert delivery is not None, "the targeted message queued no delivery"
    return World(
        callers(service, owner, other),
        {"subscription": created.json()["subscription_id"], "delivery": str(delivery["_id"])},
    )


async def awards_world(service: Running, producer: AIOKafkaProducer) -> World:
    """Organisations known from Kafka: a nominee, an association (owner: it nominates) and an
    enterprise (other). A programme in review with the association's nomination and a lead
    reviewer; an open one with another nomination (to withdraw); a draft one."""
    nominee, association, enterprise = new_id("org"), new_id("org"), new_id("org")
    for organization_id, kind in (
        (nominee, OrganizationKind.RESEARCH_INSTITUTE),
        (association, OrganizationKind.ASSOCIATION),
        (enterprise, OrganizationKind.ENTERPRISE),
    ):
        events = registered(organization_id, f"Tổ chức {organization_id}", kind)
        await send_samples(producer, *map(sample_of, events))
    headers = callers(service, association, enterprise, reviewer="rv-lead")
    admin = headers[Who.ADMIN]
    in_review = await open_programme(service, admin)
    reviewed = await nominate(service, in_review, nominee, headers[Who.OWNER])
    closed = await service.http.post(f"/programmes/{in_review}/close", headers=admin)
    assert closed.status_code == 200, closed.text
    lead = {"name": "GS.TS. Nguyễn Văn An", "duties": [DUTY | {"lead": True}]}
    assigned = await service.http.put(
        f"/programmes/{in_review}/reviewers/rv-lead", json=lead, headers=admin
    )
    assert assigned.status_code == 200, assigned.text
    still_open = await open_programme(service, admin)
    created = await service.http.post("/programmes", json=programme_body(rules=[]), headers=admin)
    assert created.status_code == 201, created.text
    return World(
        headers,
        {
            "nominee": nominee,
            "in_review": in_review,
            "reviewed": reviewed,
            "open": still_open,
            "to_withdraw": await nominate(service, still_open, nominee, headers[Who.OWNER]),
            "draft": created.json()["programme_id"],
        },
    )


DUTY = {"category_id": CATEGORY, "round_id": "so-tuyen"}


async def open_programme(service: Running, admin: dict[str, str]) -> str:
    created = await service.http.post("/programmes", json=programme_body(rules=[]), headers=admin)
    assert created.status_code == 201, created.text
    programme_id = str(created.json()["programme_id"])
    opened = await service.http.post(f"/programmes/{programme_id}/open", headers=admin)
    assert opened.status_code == 200, opened.text
    return programme_id


def nomination_body(nominee: str) -> dict[str, Any]:
    return {
        "category_id": CATEGORY,
        "nominee_organization_id": nominee,
        "narrative": "Viện đã chuyển giao quy trình trồng sâm Ngọc Linh dưới tán rừng.",
    }


async def nominate(
    service: Running, programme_id: str, nominee: str, nominator: dict[str, str]
) -> str:
    """Retried until the organisations, produced on Kafka, are known to the service."""
    url = f"/programmes/{programme_id}/nominations"
    response: list[Any] = []

    async def accepted() -> bool:
        response[:] = [
            await service.http.post(url, json=nomination_body(nominee), headers=nominator)
        ]
        return bool(response[0].status_code == 201)

    await eventually(accepted, "the nominee and the nominator are known to awards", 60)
    return str(response[0].json()["nomination_id"])


async def matching_world(service: Running, producer: AIOKafkaProducer) -> World:
    """An offer of A (owner) and two demands of B, published on Kafka; a broker's proposal for
    each pair; both answered interested on the first, which opened an introduction. Four more
    seekers with a demand each, and the connection events of `techmart`."""
    owner, seeker, other = new_id("org"), new_id("org"), new_id("org")
    offer = drying_offer(new_id("lst"), owner=owner)
    demands = [software_demand(new_id("lst"), owner=seeker) for _ in range(2)]
    more = [software_demand(new_id("lst"), owner=new_id("org")) for _ in range(4)]
    snapshots = (offer, *demands, *more)
    listings = [ListingPublished(listing_id=x.listing_id, listing=x) for x in snapshots]
    await send_samples(producer, *map(sample_of, listings))
    headers = callers(service, owner, other)
    proposed = [await propose(service, offer.listing_id, d.listing_id) for d in demands]
    for organization_id in (seeker, owner):
        answer = await service.http.post(
            f"/v1/matches/{proposed[0]}/answers",
            json={"interested": True},
            headers=service.bearer(f"user-{organization_id}", Role.org, org_id=organization_id),
        )
        assert answer.status_code == 200, answer.text
    await _owner_claims_a_contract(service, owner, introduction_id_of(proposed[0]))
    seekers = [(str(d.owner_organization_id), d.listing_id) for d in (demands[0], *more)]
    return World(
        headers,
        {
            "org": owner,
            "offer": offer.listing_id,
            "demand": demands[0].listing_id,
            "unanswered": proposed[1],
            "introduction": introduction_id_of(proposed[0]),
        }
        | await techmart(service, owner, offer.listing_id, seekers),
    )


async def propose(service: Running, offer_id: str, demand_id: str) -> str:
    """A broker's proposal, retried while the listings are not projected yet."""
    broker = service.bearer("broker-hostile", Role.broker)
    body = {"offer_id": offer_id, "demand_id": demand_id}
    response: list[Any] = []

    async def created() -> bool:
        response[:] = [await service.http.post("/v1/matches", json=body, headers=broker)]
        return response[0].status_code == 201 or _already_proposed(response[0])

    await eventually(created, "matching projected the listings", 60)
    # The engine may have proposed the pair itself first: the world needs a proposal, not
    # necessarily the broker's (a pair is proposed once, ever).
    return match_id_of(offer_id, demand_id)


async def _owner_claims_a_contract(service: Running, owner: str, introduction_id: str) -> None:
    """The owner records a meeting and claims a signed contract: a claim waiting for the other
    party or a broker."""
    token = service.bearer(f"user-{owner}", Role.org, org_id=owner)
    day = date.today().isoformat()
    contract = {
        "step": "contract_signed",
        "transfer_form": "independent_transfer",
        "rights_mode": "non_exclusive_licence",
        "value_vnd": 300_000_000,
        "signed_on": day,
    }
    for body in ({"step": "meeting_held", "held_on": day, "format": "online"}, contract):
        recorded = await service.http.post(
            f"/v1/introductions/{introduction_id}/steps", json=body, headers=token
        )
        assert recorded.status_code == 200, recorded.text


def _already_proposed(response: Any) -> bool:
    if response.status_code != 409:
        return False
    return any(e.get("field") == "match.unique" for e in response.json().get("errors", []))


KON_TUM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def event_plan(**changes: Any) -> dict[str, Any]:
    """A techmart a week ahead, 08:00 Kon Tum time; registrations close two days before."""
    start = (datetime.now(KON_TUM_TIME) + timedelta(days=7)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    return {
        "title": "Techmart sâm Ngọc Linh và dược liệu Kon Tum",
        "kind": "techmart",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=9)).isoformat(),
        "venue": "Trung tâm Hội nghị tỉnh, TP Kon Tum",
        "focus_sectors": ["medicinal_herbs"],
        "capacity": 10,
        "registration_deadline": (start - timedelta(days=2)).isoformat(),
        "slot_minutes": 20,
        "slot_count": 4,
        "tables": 2,
    } | changes


async def techmart(
    service: Running, owner: str, offer_id: str, seekers: list[tuple[str, str]]
) -> dict[str, str]:
    """Announced connection events. `event`: A (supplier) and the five seekers registered; the
    first two asked A, A accepted, the schedule placed both meetings (`meeting`, `meeting_2`);
    the next two asked A and wait (`to_accept`, `to_decline`); the last (`unasked`) has no
    request with A. `spare`: A registered (to leave). `fresh`: nobody registered. `doomed`: to
    be cancelled."""
    event, spare, fresh, doomed = [await announce(service) for _ in range(4)]
    await register(service, event, owner, "supplier", offer_id)
    await register(service, spare, owner, "supplier", offer_id)
    for organization_id, demand_id in seekers:
        await register(service, event, organization_id, "seeker", demand_id)
    (first, _), (second, _), (third, _), (fourth, _), (fifth, _) = seekers
    for organization_id in (first, second):
        await answer(service, event, await ask(service, event, organization_id, owner), owner)
    broker = service.bearer("broker-hostile", Role.broker)
    scheduled = await service.http.post(f"/v1/connection-events/{event}/schedule", headers=broker)
    assert scheduled.status_code == 200, scheduled.text
    meetings = {m["seeker_id"]: m["meeting_id"] for m in scheduled.json()["meetings"]}
    assert {first, second} <= meetings.keys(), f"requested meetings not placed: {meetings}"
    return {
        "event": event,
        "spare": spare,
        "fresh": fresh,
        "doomed": doomed,
        "unasked": fifth,
        "meeting": meetings[first],
        "meeting_2": meetings[second],
        "to_accept": await ask(service, event, third, owner),
        "to_decline": await ask(service, event, fourth, owner),
    }


async def announce(service: Running) -> str:
    broker = service.bearer("broker-hostile", Role.broker)
    announced = await service.http.post("/v1/connection-events", json=event_plan(), headers=broker)
    assert announced.status_code == 201, announced.text
    return str(announced.json()["event_id"])


async def register(
    service: Running, event_id: str, organization_id: str, role: str, listing_id: str
) -> None:
    """Retried while the listing is not projected yet (422 `body.listing_ids`)."""
    url = f"/v1/connection-events/{event_id}/registrations"
    body = {"role": role, "listing_ids": [listing_id], "max_meetings": 6}
    headers = service.bearer(f"user-{organization_id}", Role.org, org_id=organization_id)

    async def registered() -> bool:
        response = await service.http.post(url, json=body, headers=headers)
        assert response.status_code in (201, 422), response.text
        return bool(response.status_code == 201)

    await eventually(registered, f"{organization_id} registered for {event_id}", 60)


async def ask(service: Running, event_id: str, sender: str, to: str) -> str:
    """A meeting request from `sender` to `to`; its id."""
    sent = await service.http.post(
        f"/v1/connection-events/{event_id}/meeting-requests",
        json={"to_organization_id": to, "reason": "Muốn tìm hiểu quy trình sấy lạnh sâm."},
        headers=service.bearer(f"user-{sender}", Role.org, org_id=sender),
    )
    assert sent.status_code == 201, sent.text
    return str(sent.json()["request_id"])


async def answer(service: Running, event_id: str, request_id: str, asked: str) -> None:
    accepted = await service.http.post(
        f"/v1/connection-events/{event_id}/meeting-requests/{request_id}/accept",
        headers=service.bearer(f"user-{asked}", Role.org, org_id=asked),
    )
    assert accepted.status_code == 200, accepted.text


WORLDS = {
    "listings": listings_world,
    "notifications": notifications_world,
    "awards": awards_world,
    "matching": matching_world,
}
