"""From a proposal to a closed deal over HTTP: answers, the introduction and its steps,
declines with reasons, a broker's own proposal, expiry."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from services.matching.domain.ids import introduction_id_of, match_id_of
from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from shared.auth import Role
from shared.clock import utc_now
from shared.events.contacts import ListingOwnerRecorded
from shared.topics import CONNECTIONS, MATCHES
from tests.integration.matching.kit import (
    Replica,
    drying_demand,
    drying_offer,
    eventually_published,
    of_type,
    open_market,
    produce,
    published,
    published_record,
    record_of,
    running,
    software_demand,
)

pytestmark = pytest.mark.integration
SETTLE_SECONDS = 2.0
"""Time for a record that should not be published to have been, had it been."""


async def _proposed(replica: Replica, offer_owner: str, demand_owner: str | None, name: str) -> str:
    """Publish a state-funded offer and a demand; return the id of the proposal between them."""
    await open_market(name, replica)
    offer = drying_offer(f"lst_{name}_o", owner=offer_owner)
    demand = drying_demand(f"lst_{name}_d", owner=demand_owner)
    bootstrap = replica.settings.kafka_bootstrap_servers
    records = [published_record(offer), published_record(demand)]
    if demand_owner is None:  # anonymous: only the internal topic says who owns it
        owner = ListingOwnerRecorded(
            listing_id=demand.listing_id, owner_organization_id=f"org_{name}_htx"
        )
        records.insert(0, record_of(owner))
    await produce(bootstrap, *records)
    match_id = match_id_of(offer.listing_id, demand.listing_id)
    await eventually_published(bootstrap, MATCHES, of_type("stx.match.proposed", match_id=match_id))
    return match_id


async def _answer(replica: Replica, match_id: str, organization_id: str, **body: Any) -> Any:
    headers = replica.token(Role.org, organization_id)
    return await replica.http.post(f"/v1/matches/{match_id}/answers", json=body, headers=headers)


async def _step(
    replica: Replica, introduction_id: str, headers: dict[str, str], **body: Any
) -> Any:
    path = f"/v1/introductions/{introduction_id}/steps"
    return await replica.http.post(path, json=body, headers=headers)


async def _confirm(
    replica: Replica, introduction_id: str, headers: dict[str, str], confirmed: bool = True
) -> Any:
    path = f"/v1/introductions/{introduction_id}/claim"
    return await replica.http.post(path, json={"confirmed": confirmed}, headers=headers)


async def test_one_party_alone_cannot_record_a_deal_the_other_side_confirms_it(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    today = str(date.today())
    contract = {
        "step": "contract_signed",
        "transfer_form": "independent_transfer",
        "rights_mode": "non_exclusive_licence",
        "value_vnd": 700_000_000,
        "signed_on": today,
    }
    bootstrap = settings.kafka_bootstrap_servers
    async with running(settings, embedder) as replica:
        itr = await _introduced(replica, unique_name)
        supplier, seeker = (
            replica.token(Role.org, f"org_{unique_name}_{o}") for o in ("uni", "htx")
        )
        await _step(replica, itr, seeker, step="meeting_held", held_on=today, format="online")
        claimed = await _step(replica, itr, seeker, **contract)
        own = await _confirm(replica, itr, seeker)
        month = await replica.http.get("/v1/indicators", params={"period": today[:7]})
        signed = of_type("stx.introduction.contract_signed", introduction_id=itr)
        await asyncio.sleep(SETTLE_SECONDS)
        before = await published(bootstrap, CONNECTIONS, signed)
        confirmed = await _confirm(replica, itr, supplier)
        after = await eventually_published(bootstrap, CONNECTIONS, signed)
        counted = await replica.http.get("/v1/indicators", params={"period": today[:7]})

    assert claimed.status_code == 200, claimed.text
    assert (claimed.json()["stage"], claimed.json()["claim"]["step"]["value_vnd"]) == (
        "meeting_held",
        700_000_000,
    )
    assert own.status_code == 403
    assert (month.json()["totals"]["contracts"], before) == (0, [])
    assert confirmed.json()["stage"] == "contract_signed"
    assert confirmed.json()["claim"] is None
    assert len(after) == 1
    assert counted.json()["totals"]["contracts"] == 1


async def test_both_interested_open_an_introduction_without_unveiling_an_anonymous_demand(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    uni, htx = f"org_{unique_name}_uni", f"org_{unique_name}_htx"
    bootstrap = settings.kafka_bootstrap_servers
    async with running(settings, embedder) as replica:
        match_id = await _proposed(replica, uni, None, unique_name)  # the demand is anonymous
        stranger = await _answer(replica, match_id, "org_khac", interested=True)
        first = await _answer(replica, match_id, htx, interested=True)  # owner known internally
        second = await _answer(replica, match_id, uni, interested=True)
        itr = introduction_id_of(match_id)
        opened = await eventually_published(
            bootstrap, CONNECTIONS, of_type("stx.introduction.opened", introduction_id=itr)
        )
        about_match = await published(
            bootstrap, MATCHES, lambda p: p.data.get("match_id") == match_id
        )

    assert stranger.status_code == 403
    assert (first.json()["status"], second.json()["status"]) == ("proposed", "accepted")
    assert [p.type for p in about_match] == [
        "stx.match.proposed",
        "stx.match.interest_expressed",
        "stx.match.accepted",
    ]
    parties = opened[0].data["parties"]
    assert (parties["match_id"], parties["supplier_organization_id"]) == (match_id, uni)
    assert parties["seeker_organization_id"] is None
    assert (parties["state_funded"], parties["ip_asset"]) == (True, True)


async def _introduced(replica: Replica, name: str) -> str:
    uni, htx = f"org_{name}_uni", f"org_{name}_htx"
    match_id = await _proposed(replica, uni, htx, name)
    await _answer(replica, match_id, htx, interested=True)
    await _answer(replica, match_id, uni, interested=True)
    return introduction_id_of(match_id)


async def test_a_state_funded_introduction_steps_through_registration_to_a_closed_deal(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    today = str(date.today())
    contract = {
        "transfer_form": "independent_transfer",
        "rights_mode": "non_exclusive_licence",
        "value_vnd": 450_000_000,
        "signed_on": today,
    }
    registration = {"certificate_number": "45/GCN-SKHCN", "registered_on": today}
    async with running(settings, embedder) as replica:
        itr = await _introduced(replica, unique_name)
        broker = replica.token(Role.broker)
        supplier, seeker = (
            replica.token(Role.org, f"org_{unique_name}_{o}") for o in ("uni", "htx")
        )
        stepped = [
            await _step(replica, itr, broker, step="meeting_held", held_on=today, format="online"),
            await _step(replica, itr, supplier, step="mou_signed", signed_on=today),
            await _step(replica, itr, seeker, step="contract_signed", **contract),  # a claim
            await _confirm(replica, itr, supplier),
        ]
        too_early = await _step(replica, itr, broker, step="deal_closed", closed_on=today)
        stepped.append(
            await _step(replica, itr, broker, step="contract_registered", **registration)
        )
        stepped.append(await _step(replica, itr, broker, step="deal_closed", closed_on=today))
        history = await replica.http.get(f"/v1/introductions/{itr}", headers=seeker)
        hidden = await replica.http.get(
            f"/v1/introductions/{itr}", headers=replica.token(Role.org, "org_khac")
        )
        closed = await eventually_published(
            settings.kafka_bootstrap_servers,
            CONNECTIONS,
            of_type("stx.introduction.deal_closed", introduction_id=itr),
        )

    assert [r.status_code for r in stepped] == [200] * 6
    assert too_early.status_code == 409
    assert too_early.json()["errors"][0]["field"] == "introduction.registration"
    assert [m["stage"] for m in history.json()["history"]] == [
        "opened",
        "meeting_held",
        "mou_signed",
        "contract_signed",
        "contract_registered",
        "deal_closed",
    ]
    assert hidden.status_code == 403
    assert closed[0].data["value_vnd"] == 450_000_000


async def test_the_indicators_count_the_deal_of_this_month(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    today = str(date.today())
    contract = {
        "step": "contract_signed",
        "transfer_form": "ip_right_transfer_or_licence",
        "rights_mode": "exclusive_licence",
        "value_vnd": 900_000_000,
        "signed_on": today,
    }
    async with running(settings, embedder) as replica:
        itr = await _introduced(replica, unique_name)
        broker = replica.token(Role.broker)
        await _step(replica, itr, broker, step="meeting_held", held_on=today, format="in_person")
        await _step(replica, itr, broker, **contract)
        month = await replica.http.get("/v1/indicators", params={"period": today[:7]})
        # The background market may add proposals of its own (the gate proposes a listing's
        # best counterpart on thin evidence): the month counts every one made.
        proposals = await replica.app.state.runtime.db["matches"].count_documents({})

    totals = month.json()["totals"]
    assert (totals["introductions"], totals["mous"], totals["contracts"]) == (1, 0, 1)
    assert totals["contract_value_vnd"] == 900_000_000
    assert proposals >= 1
    assert (totals["proposals"], totals["answers"], totals["interest_rate"]) == (proposals, 2, 1.0)
    assert totals["academic_supplier_contract_share"] == 1.0
    assert totals["state_funded_transferred_share"] == 1.0
    assert totals["median_days_to_contract"] == 0.0


async def test_not_interested_declines_with_a_reason_aggregated_for_brokers_and_owners(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    uni, htx = f"org_{unique_name}_uni", f"org_{unique_name}_htx"
    bootstrap = settings.kafka_bootstrap_servers
    async with running(settings, embedder) as replica:
        match_id = await _proposed(replica, uni, htx, unique_name)
        owner, broker = replica.token(Role.org, htx), replica.token(Role.broker)
        reasonless = await replica.http.post(
            f"/v1/matches/{match_id}/answers", json={"interested": False}, headers=owner
        )
        declined = await replica.http.post(
            f"/v1/matches/{match_id}/answers",
            json={"interested": False, "reason": "price", "comment": "Giá cao hơn dự toán 2025."},
            headers=owner,
        )
        for_broker = await replica.http.get("/v1/matches/decline-reasons", headers=broker)
        for_owner = await replica.http.get("/v1/matches/decline-reasons", headers=owner)
        event = await eventually_published(
            bootstrap, MATCHES, of_type("stx.match.declined", match_id=match_id)
        )

    assert reasonless.status_code == 422
    assert reasonless.json()["errors"][0]["field"] == "reason"
    assert declined.json()["status"] == "declined"
    assert event[0].data == {**event[0].data, "side": "demand", "reason": "price"}
    assert "comment" not in event[0].data  # the comment stays internal
    assert for_broker.json()["by_reason"] == {"price": 1}
    assert for_broker.json()["comments"][0]["comment"] == "Giá cao hơn dự toán 2025."
    assert for_owner.json()["by_reason"] == {"price": 1}
    assert for_owner.json()["comments"] == []


async def test_a_broker_proposes_a_pair_by_hand_once(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    offer = drying_offer(f"lst_{unique_name}_o", owner=f"org_{unique_name}_uni")
    software = software_demand(f"lst_{unique_name}_d", owner=f"org_{unique_name}_bv")
    bootstrap = settings.kafka_bootstrap_servers
    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, published_record(offer), published_record(software))
        broker = replica.token(Role.broker)

        async def by_hand() -> Any:
            body = {"offer_id": offer.listing_id, "demand_id": software.listing_id}
            return await replica.http.post("/v1/matches", json=body, headers=broker)

        first = await _eventually_created(by_hand)
        again = await by_hand()
        match_id = first.json()["match_id"]
        event = await eventually_published(
            bootstrap, MATCHES, of_type("stx.match.proposed", match_id=match_id)
        )

    assert first.json()["proposed_by"] == "broker"
    assert first.json()["explanation"]["sentence_vi"].startswith("Cán bộ môi giới đề xuất")
    assert again.status_code == 409
    assert event[0].data["proposed_by"] == "broker"


async def _eventually_created(call: Any, attempts: int = 40) -> Any:
    """The listings reach matching through Kafka: retry while they are not projected yet."""
    for _ in range(attempts):
        response = await call()
        if response.status_code != 404:
            return response
        await asyncio.sleep(0.5)
    return response


async def test_an_unanswered_proposal_expires(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    later = {"by": timedelta(0)}

    def clock() -> datetime:
        return utc_now() + later["by"]

    fast_sweep = settings.model_copy(update={"expiry_sweep_seconds": 0.3})
    async with running(fast_sweep, embedder, clock=clock) as replica:
        match_id = await _proposed(
            replica, f"org_{unique_name}_uni", f"org_{unique_name}_htx", unique_name
        )
        later["by"] = timedelta(days=settings.proposal_ttl_days, minutes=1)
        expired = await eventually_published(
            settings.kafka_bootstrap_servers,
            MATCHES,
            of_type("stx.match.expired", match_id=match_id),
        )
        answer = await replica.http.post(
            f"/v1/matches/{match_id}/answers",
            json={"interested": True},
            headers=replica.token(Role.org, f"org_{unique_name}_htx"),
        )

    assert len(expired) == 1
    assert answer.status_code == 409
