"""By date: a programme opens and closes on its own, and results appear at the announced time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from shared.auth import Role
from shared.events.awards import AwardProgrammeClosed, AwardProgrammeOpened
from shared.events.nominations import AwardGranted
from shared.events.vocabulary import OrganizationKind
from tests.integration.awards.conftest import Upstream
from tests.integration.awards.story import (
    ADMIN,
    CATEGORY,
    awards_events,
    bearer,
    new_id,
    programme_body,
    registered,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
CLOCK_SECONDS = 0.3


async def status_of(client: httpx.AsyncClient, programme_id: str) -> str:
    response = await client.get(f"/programmes/{programme_id}", headers=ADMIN)
    status: str = response.json()["status"]
    return status


async def test_a_programme_runs_on_its_dates_and_announces_results_when_due(
    client: httpx.AsyncClient, upstream: Upstream, stack: Any
) -> None:
    expert = new_id("org")
    await upstream.publish(
        *registered(expert, "TS. Y Bhăm Niê", OrganizationKind.INDIVIDUAL_EXPERT),
    )
    now = datetime.now(UTC)
    body = programme_body(rules=[]) | {
        "nominations_open_at": (now - timedelta(minutes=1)).isoformat(),
        "nominations_close_at": (now + timedelta(seconds=6)).isoformat(),
    }
    programme_id = (await client.post("/programmes", json=body, headers=ADMIN)).json()[
        "programme_id"
    ]

    async def is_open() -> bool:
        return await status_of(client, programme_id) == "open"

    await eventually(is_open, timeout=10)
    self_nomination = bearer("y-bham", Role.org, org_id=expert)
    nominated: httpx.Response | None = None

    async def submitted() -> bool:
        nonlocal nominated
        nominated = await client.post(
            f"/programmes/{programme_id}/nominations",
            json={
                "category_id": CATEGORY,
                "nominee_organization_id": expert,
                "narrative": "Chuyên gia đã chuyển giao kỹ thuật trồng sâm dưới tán rừng.",
            },
            headers=self_nomination,
        )
        return nominated.status_code == 201

    await eventually(submitted, timeout=30)
    assert nominated is not None
    nomination_id = nominated.json()["nomination_id"]

    async def is_in_review() -> bool:
        return await status_of(client, programme_id) == "in_review"

    await eventually(is_in_review, timeout=20)
    for round_id in ("so-tuyen", "chung-khao"):
        url = f"/programmes/{programme_id}/categories/{CATEGORY}/rounds/{round_id}/close"
        assert (await client.post(url, json={}, headers=ADMIN)).status_code == 200
    decision = {
        "outcome": "merit",
        "justification": "Đóng góp bền bỉ cho địa phương.",
        "citation": "Đã chuyển giao kỹ thuật trồng sâm dưới tán rừng cho đồng bào.",
    }
    assert (
        await client.put(f"/nominations/{nomination_id}/decision", json=decision, headers=ADMIN)
    ).status_code == 200

    at = datetime.now(UTC) + timedelta(seconds=2)
    scheduled = await client.post(
        f"/programmes/{programme_id}/results", json={"announce_at": at.isoformat()}, headers=ADMIN
    )
    assert scheduled.json()["status"] == "in_review"
    assert (await client.get(f"/programmes/{programme_id}/results")).json()["awards"] == []

    async def is_published() -> bool:
        return await status_of(client, programme_id) == "published"

    await eventually(is_published, timeout=20)
    events = await awards_events(stack.bootstrap_servers, {programme_id, nomination_id})
    kinds = [type(e.data) for e in events]
    assert kinds.count(AwardProgrammeOpened) == kinds.count(AwardProgrammeClosed) == 1
    [opened] = [e.data for e in events if isinstance(e.data, AwardProgrammeOpened)]
    assert not opened.by_hand
    [granted] = [e.data for e in events if isinstance(e.data, AwardGranted)]
    assert (granted.level, granted.nominee_name) == ("merit", "TS. Y Bhăm Niê")
    assert granted.announced_at >= at
