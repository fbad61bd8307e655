"""Techmart attendance, as the awards service learns it from recorded B2B meeting outcomes on
the real broker, makes a nominee eligible where a programme asks for it — once per event."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.auth import Role
from shared.events.connection_events import MeetingOutcomeRecorded
from shared.events.vocabulary import OrganizationKind
from tests.integration.awards.conftest import Upstream
from tests.integration.awards.story import (
    CATEGORY,
    bearer,
    create_open_programme,
    new_id,
    registered,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration

ATTENDED_A_TECHMART: list[dict[str, Any]] = [
    {"kind": "nominee_kind", "allowed": ["enterprise", "cooperative"]},
    {
        "kind": "minimum_activity",
        "measure": "connection_events_attended",
        "at_least": 1,
        "applies_to": ["enterprise", "cooperative"],
    },
]


def outcome(event_id: str, coop: str, supplier: str, outcome: str) -> MeetingOutcomeRecorded:
    return MeetingOutcomeRecorded(
        meeting_id=new_id("mtg"),
        event_id=event_id,
        seeker_organization_id=coop,
        supplier_organization_id=supplier,
        organization_id=coop,
        outcome=outcome,
        recorded_by_broker=False,
    )


async def test_a_nominee_met_at_a_techmart_counts_as_having_attended_it_once(
    client: httpx.AsyncClient, upstream: Upstream
) -> None:
    coop, supplier, association = new_id("org"), new_id("org"), new_id("org")
    await upstream.publish(
        *registered(coop, "Hợp tác xã Cà phê Đăk Hà", OrganizationKind.COOPERATIVE),
        *registered(
            association, "Hiệp hội Doanh nghiệp tỉnh Quảng Ngãi", OrganizationKind.ASSOCIATION
        ),
    )
    programme_id = await create_open_programme(client, ATTENDED_A_TECHMART)
    nominator = bearer("hiep-hoi-01", Role.org, org_id=association)
    body = {
        "category_id": CATEGORY,
        "nominee_organization_id": coop,
        "narrative": "Hợp tác xã tham gia chợ công nghệ và kết nối cung cầu của tỉnh.",
    }
    response: httpx.Response | None = None

    async def nominated() -> bool:
        nonlocal response  # the organisations arrive through Kafka
        response = await client.post(
            f"/programmes/{programme_id}/nominations", json=body, headers=nominator
        )
        return response.status_code == 201

    await eventually(nominated, timeout=60)
    assert response is not None
    nomination_id = response.json()["nomination_id"]
    was_eligible = response.json()["eligible"]
    techmart = new_id("cev")
    await upstream.publish(
        outcome(techmart, coop, supplier, "held"),
        outcome(techmart, coop, new_id("org"), "no_show"),  # a second meeting, same techmart
    )

    async def evidence() -> dict[str, Any]:
        found = await client.get(f"/nominations/{nomination_id}", headers=nominator)
        view: dict[str, Any] = found.json()
        return view

    async def eligible() -> bool:
        return bool((await evidence())["eligible"])

    await eventually(eligible, timeout=60)
    assert not was_eligible
    assert (await evidence())["evidence"]["connection_events_attended"] == 1
