"""A techmart over HTTP on the real broker and store: announce → register (with the waiting
list moving up) → ask to meet → schedule (pins kept) → .ics → follow-up wanted on both sides →
`stx.introduction.opened`; and the bad input a broker or an organisation may send."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar

from services.matching.domain.ids import introduction_id_of, match_id_of
from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from shared.auth import Role
from shared.clock import utc_now
from shared.events.listings import ListingSnapshot
from shared.topics import CONNECTIONS
from tests.integration.matching.kit import (
    AFTER_HARVEST_WORDING,
    HEAT_PUMP_WORDING,
    Published,
    Replica,
    drying_demand,
    drying_offer,
    eventually_published,
    of_type,
    open_market,
    produce,
    published,
    published_record,
    running,
)

pytestmark = pytest.mark.integration
KON_TUM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
PROBLEM = "application/problem+json"


@dataclass
class MovableClock:
    """Real time, moved forward when the test needs the event to have started."""

    ahead: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return utc_now() + self.ahead


@dataclass(frozen=True)
class Market:
    uni: str
    htx: str
    institute: str
    enterprise: str
    listings: dict[str, ListingSnapshot]

    def of(self, org: str) -> str:
        return next(
            i for i, listing in self.listings.items() if listing.owner_organization_id == org
        )


async def _market(replica: Replica, name: str) -> Market:
    """Two suppliers and two seekers of ginseng drying, projected (proposals follow, as the
    engine finds them)."""
    await open_market(name, replica)
    uni, htx, inst, ent = (f"org_{name}_{o}" for o in ("uni", "htx", "vien", "cty"))
    listings = [
        drying_offer(f"lst_{name}_o1", uni),
        drying_offer(f"lst_{name}_o2", inst, **HEAT_PUMP_WORDING, owner_name="Viện Dược liệu"),
        drying_demand(f"lst_{name}_d1", htx),
        drying_demand(f"lst_{name}_d2", ent, **AFTER_HARVEST_WORDING, owner_name="Cty Tu Mơ Rông"),
    ]
    await produce(replica.settings.kafka_bootstrap_servers, *map(published_record, listings))
    ids = [listing.listing_id for listing in listings]
    projected = replica.app.state.runtime.db["listings"]
    deadline = time.monotonic() + 60
    while await projected.count_documents({"_id": {"$in": ids}, "snapshot": {"$ne": None}}) < 4:
        assert time.monotonic() < deadline, "the market was not projected in 60 s"
        await asyncio.sleep(0.2)
    return Market(uni, htx, inst, ent, {listing.listing_id: listing for listing in listings})


def _plan(clock: MovableClock, **changes: Any) -> dict[str, Any]:
    start = (
        (clock() + timedelta(days=7))
        .astimezone(KON_TUM_TIME)
        .replace(hour=8, minute=0, second=0, microsecond=0)
    )
    return {
        "title": "Techmart sâm Ngọc Linh và dược liệu Kon Tum",
        "kind": "techmart",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=9)).isoformat(),
        "venue": "Trung tâm Hội nghị tỉnh, TP Kon Tum",
        "focus_sectors": ["medicinal_herbs"],
        "capacity": 3,
        "registration_deadline": (start - timedelta(days=2)).isoformat(),
        "slot_minutes": 20,
        "slot_count": 4,
        "tables": 2,
    } | changes


async def _announce(replica: Replica, clock: MovableClock, **changes: Any) -> str:
    response = await replica.http.post(
        "/v1/connection-events", json=_plan(clock, **changes), headers=replica.token(Role.broker)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["event_id"])


async def _register(
    replica: Replica, event_id: str, org: str, role: str, listing_id: str
) -> httpx.Response:
    body = {"role": role, "listing_ids": [listing_id], "max_meetings": 3}
    return await replica.http.post(
        f"/v1/connection-events/{event_id}/registrations",
        json=body,
        headers=replica.token(Role.org, org),
    )


async def _registrations(replica: Replica, event_id: str, market: Market) -> list[httpx.Response]:
    seats = [
        (market.uni, "supplier"),
        (market.htx, "seeker"),
        (market.institute, "supplier"),
        (market.enterprise, "seeker"),  # the fourth: the waiting list
    ]
    return [await _register(replica, event_id, org, role, market.of(org)) for org, role in seats]


def keyed_by_event(event_id: str) -> Callable[[Published], bool]:
    """The event's own records (one partition, in order); meetings are keyed by their id."""
    return lambda p: p.data.get("event_id") == event_id and "meeting_id" not in p.data


async def _outcome(
    replica: Replica, event_id: str, meeting_id: str, headers: dict[str, str], **body: Any
) -> httpx.Response:
    path = f"/v1/connection-events/{event_id}/meetings/{meeting_id}/outcomes"
    return await replica.http.post(path, json=body, headers=headers)


async def test_a_techmart_handshake_is_followed_to_an_introduction(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    clock = MovableClock()
    bootstrap = settings.kafka_bootstrap_servers
    async with running(settings, embedder, clock) as replica:
        market = await _market(replica, unique_name)
        broker = replica.token(Role.broker)
        htx, uni = (replica.token(Role.org, o) for o in (market.htx, market.uni))
        base = f"/v1/connection-events/{await _announce(replica, clock)}"
        event_id = base.rsplit("/", 1)[1]

        registered = await _registrations(replica, event_id, market)
        left = await replica.http.post(
            f"{base}/participants/{market.institute}/cancel",
            headers=replica.token(Role.org, market.institute),
        )
        participants = await replica.http.get(f"{base}/participants", headers=broker)
        as_htx = await replica.http.get(f"{base}/participants", headers=htx)

        asked, accepted = [], []
        for seeker in (market.enterprise, market.htx):
            asked.append(
                await replica.http.post(
                    f"{base}/meeting-requests",
                    json={"to_organization_id": market.uni, "reason": "Muốn xem máy sấy lạnh."},
                    headers=replica.token(Role.org, seeker),
                )
            )
            path = f"{base}/meeting-requests/{asked[-1].json()['request_id']}/accept"
            accepted.append(await replica.http.post(path, headers=uni))

        schedule = await replica.http.post(f"{base}/schedule", headers=broker)
        meetings = {
            frozenset((m["seeker_id"], m["supplier_id"])): m for m in schedule.json()["meetings"]
        }
        handshake = meetings[frozenset((market.htx, market.uni))]
        outside = await replica.http.post(
            f"{base}/meetings/{handshake['meeting_id']}/pin", json={"slot": 9}, headers=broker
        )
        pinned = await replica.http.post(
            f"{base}/meetings/{handshake['meeting_id']}/pin",
            json={"slot": 3, "table": 2},
            headers=broker,
        )
        rerun = await replica.http.post(f"{base}/schedule", headers=broker)
        ics = await replica.http.get(f"{base}/participants/{market.htx}/schedule.ics", headers=htx)
        stranger_ics = await replica.http.get(
            f"{base}/participants/{market.htx}/schedule.ics",
            headers=replica.token(Role.org, market.enterprise),
        )

        clock.ahead = timedelta(days=7, hours=12)  # the afternoon of the techmart
        first = await _outcome(
            replica, event_id, handshake["meeting_id"], htx, outcome="follow_up_wanted"
        )
        second = await _outcome(
            replica,
            event_id,
            handshake["meeting_id"],
            broker,
            outcome="follow_up_wanted",
            organization_id=market.uni,
        )
        closed = await replica.http.post(f"{base}/close", json={"mous_signed": 1}, headers=broker)

        introduction_id = introduction_id_of(
            match_id_of(handshake["offer_id"], handshake["demand_id"])
        )
        opened = await eventually_published(
            bootstrap,
            CONNECTIONS,
            of_type("stx.introduction.opened", introduction_id=introduction_id),
        )
        await eventually_published(
            bootstrap, CONNECTIONS, of_type("stx.connection_event.closed", event_id=event_id)
        )
        story = await published(bootstrap, CONNECTIONS, keyed_by_event(event_id))

    assert [r.status_code for r in registered] == [201, 201, 201, 201]
    assert [r.json()["status"] for r in registered] == ["registered"] * 3 + ["waitlisted"]
    assert left.status_code == 204
    statuses = {p["organization_id"]: p["status"] for p in participants.json()}
    seen_by_htx = {p["organization_id"]: p for p in as_htx.json()}
    assert seen_by_htx[market.htx]["listing_ids"] == [market.of(market.htx)]  # its own, in full
    assert seen_by_htx[market.htx]["max_meetings"] == 3
    assert seen_by_htx[market.enterprise]["listing_ids"] == []  # another seeker: no demand
    assert seen_by_htx[market.uni]["listing_ids"] == [market.of(market.uni)]  # an offer: public
    assert all(
        (p["unavailable_slots"], p["max_meetings"]) == (None, None)
        for org, p in seen_by_htx.items()
        if org != market.htx
    )
    assert participants.json()[0]["unavailable_slots"] is not None  # brokers see all
    assert statuses[market.enterprise] == "registered"  # moved up in the cancellation
    assert statuses[market.institute] == "cancelled"
    assert [(a.status_code, b.json()["status"]) for a, b in zip(asked, accepted, strict=True)] == [
        (201, "accepted")
    ] * 2

    assert schedule.status_code == 200, schedule.text
    requested = meetings[frozenset((market.enterprise, market.uni))]
    assert requested["requested"] is True
    assert outside.status_code == 422
    assert outside.headers["content-type"].startswith(PROBLEM)
    assert "slot 9 is outside" in outside.json()["errors"][0]["message"]
    assert pinned.status_code == 200, pinned.text
    kept = next(m for m in rerun.json()["meetings"] if m["meeting_id"] == handshake["meeting_id"])
    assert (kept["slot"], kept["table"], kept["pinned"]) == (3, 2, True)

    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == sum(
        market.htx in (m["seeker_id"], m["supplier_id"]) for m in rerun.json()["meetings"]
    )
    assert any("bàn 2" in str(v["summary"]) for v in vevents)
    assert stranger_ics.status_code == 403

    assert first.status_code == 200, first.text
    assert first.json()["introduction_id"] is None
    assert second.json()["introduction_id"] == introduction_id
    assert opened[0].data["parties"]["supplier_organization_id"] == market.uni
    summary = closed.json()["summary"]
    assert (summary["participants"], summary["follow_ups"], summary["introductions_opened"]) == (
        3,
        1,
        1,
    )
    assert summary["mous_signed"] == 1

    types = [p.type for p in story]
    assert types[0] == "stx.connection_event.announced"
    assert types.count("stx.participant.registered") == 4  # three seats, then the move up
    assert "stx.participant.waitlisted" in types
    assert "stx.meeting_request.accepted" in types
    assert types[-1] == "stx.connection_event.closed"
    moved_up = [
        p for p in story if p.type == "stx.participant.registered" and p.data["from_waitlist"]
    ]
    assert [p.data["organization_id"] for p in moved_up] == [market.enterprise]
    meeting_events = [
        p.type
        for p in await published(
            bootstrap, CONNECTIONS, lambda p: p.data.get("meeting_id") == handshake["meeting_id"]
        )
    ]
    assert meeting_events[0] == "stx.meeting.scheduled"
    assert meeting_events.count("stx.meeting.outcome_recorded") == 2


async def test_late_full_and_cancelled_events_answer_with_a_clear_problem(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    clock = MovableClock()
    async with running(settings, embedder, clock) as replica:
        market = await _market(replica, unique_name)
        broker = replica.token(Role.broker)
        no_waitlist = await _announce(replica, clock, capacity=1, waitlist=False)
        seated = await _register(
            replica, no_waitlist, market.uni, "supplier", market.of(market.uni)
        )
        full = await _register(replica, no_waitlist, market.htx, "seeker", market.of(market.htx))
        someone_elses = await _register(
            replica, no_waitlist, market.htx, "seeker", market.of(market.enterprise)
        )

        cancelled = await _announce(replica, clock)
        await replica.http.post(
            f"/v1/connection-events/{cancelled}/cancel",
            json={"reason": "Mưa lũ, hoãn sự kiện."},
            headers=broker,
        )
        schedule = await replica.http.post(
            f"/v1/connection-events/{cancelled}/schedule", headers=broker
        )

        clock.ahead = timedelta(days=6)  # past the deadline, before the event
        late = await _register(replica, no_waitlist, market.htx, "seeker", market.of(market.htx))

    assert seated.status_code == 201
    for response, status, rule in (
        (full, 409, "connection_event.capacity"),
        (someone_elses, 422, "body.listing_ids"),
        (schedule, 409, "connection_event.cancelled"),
        (late, 409, "registration.deadline"),
    ):
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["errors"][0]["field"] == rule
