"""A reviewer recused from a nominee learns nothing of its standing, even as the round's lead."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.auth import Role
from shared.events.vocabulary import OrganizationKind
from tests.integration.awards.conftest import Upstream
from tests.integration.awards.story import (
    ADMIN,
    CATEGORY,
    bearer,
    create_open_programme,
    new_id,
    registered,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
ROUND = "so-tuyen"


async def _nominate(
    client: httpx.AsyncClient, programme_id: str, nominee: str, nominator: dict[str, str]
) -> str:
    body = {
        "category_id": CATEGORY,
        "nominee_organization_id": nominee,
        "narrative": "Đã chuyển giao quy trình sơ chế sâm Ngọc Linh cho hợp tác xã.",
    }
    done: list[httpx.Response] = []

    async def accepted() -> bool:
        done[:] = [
            await client.post(
                f"/programmes/{programme_id}/nominations", json=body, headers=nominator
            )
        ]
        return done[0].status_code == 201

    await eventually(accepted, timeout=60)
    return str(done[0].json()["nomination_id"])


async def _reviewer(
    client: httpx.AsyncClient, programme_id: str, subject: str, org: str | None, lead: bool
) -> None:
    body = {
        "name": subject,
        "organization_id": org,
        "duties": [{"category_id": CATEGORY, "round_id": ROUND, "lead": lead}],
    }
    response = await client.put(
        f"/programmes/{programme_id}/reviewers/{subject}", json=body, headers=ADMIN
    )
    assert response.status_code == 200, response.text


async def test_a_recused_lead_closes_the_round_without_seeing_totals_or_places(
    client: httpx.AsyncClient, upstream: Upstream
) -> None:
    own, other, association = new_id("org"), new_id("org"), new_id("org")
    await upstream.publish(
        *registered(own, "Viện Dược liệu Măng Đen", OrganizationKind.RESEARCH_INSTITUTE),
        *registered(other, "Hợp tác xã Sâm Tu Mơ Rông", OrganizationKind.COOPERATIVE),
        *registered(association, "Hội Nông dân tỉnh Quảng Ngãi", OrganizationKind.ASSOCIATION),
    )
    programme_id = await create_open_programme(client, rules=[])
    nominator = bearer(f"hoi-{association}", Role.org, org_id=association)
    recused_from = await _nominate(client, programme_id, own, nominator)
    visible = await _nominate(client, programme_id, other, nominator)
    await client.post(f"/programmes/{programme_id}/close", headers=ADMIN)
    await _reviewer(client, programme_id, "lead-of-own", own, lead=True)  # works for `own`
    await _reviewer(client, programme_id, "independent", None, lead=False)
    independent = bearer("independent", Role.reviewer)
    scores: dict[str, Any] = {"scores": {"hieu-qua-chuyen-giao": 9, "lan-toa": 9}}
    for nomination_id, value in ((recused_from, 9), (visible, 6)):
        scores["scores"] = {"hieu-qua-chuyen-giao": value, "lan-toa": value}
        scored = await client.put(
            f"/nominations/{nomination_id}/scorecard", json=scores, headers=independent
        )
        assert scored.status_code == 200, scored.text

    lead = bearer("lead-of-own", Role.reviewer)
    base = f"/programmes/{programme_id}/categories/{CATEGORY}/rounds/{ROUND}"
    ranking = await client.get(f"{base}/ranking", headers=lead)
    as_admin = await client.get(f"{base}/ranking", headers=ADMIN)
    closed = await client.post(f"{base}/close", json={}, headers=lead)

    assert closed.status_code == 200, closed.text
    for seen in (ranking.json()["entries"], closed.json()["entries"]):
        assert [e["nomination_id"] for e in seen] == [visible, recused_from]  # not by standing
        assert (seen[0]["rank"], seen[0]["total"]) == (1, 6.0)  # first of what it may see
        assert (seen[1]["rank"], seen[1]["total"], seen[1]["recused"]) == (None, None, True)
    ranks = {e["nomination_id"]: e["rank"] for e in as_admin.json()["entries"]}
    assert ranks == {recused_from: 1, visible: 2}
