"""Bad input gets a clear 4xx problem+json: the rule broken, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
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
    programme_body,
    registered,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class InReview:
    """A programme whose window closed with one nomination in its first round."""

    programme_id: str
    nomination_id: str
    nominee: str
    association: dict[str, str]
    nominee_token: dict[str, str]
    rival: dict[str, str]


def nomination_body(nominee: str) -> dict[str, Any]:
    return {
        "category_id": CATEGORY,
        "nominee_organization_id": nominee,
        "narrative": "Viện đã chuyển giao quy trình trồng sâm Ngọc Linh dưới tán rừng.",
    }


@pytest.fixture(scope="module")
async def in_review(client: httpx.AsyncClient, upstream: Upstream) -> InReview:
    nominee, association, rival = new_id("org"), new_id("org"), new_id("org")
    await upstream.publish(
        *registered(
            nominee, "Trung tâm Nghiên cứu Dược liệu Kon Tum", OrganizationKind.RESEARCH_INSTITUTE
        ),
        *registered(
            association, "Hội Doanh nhân trẻ tỉnh Quảng Ngãi", OrganizationKind.ASSOCIATION
        ),
        *registered(rival, "Công ty TNHH Nông sản Sa Thầy", OrganizationKind.ENTERPRISE),
    )
    programme_id = await create_open_programme(client, rules=[])  # every known nominee is eligible
    token = bearer("hoi-dntt-01", Role.org, org_id=association)
    submitted: httpx.Response | None = None

    async def accepted() -> bool:
        nonlocal submitted
        submitted = await client.post(
            f"/programmes/{programme_id}/nominations", json=nomination_body(nominee), headers=token
        )
        return submitted.status_code == 201

    await eventually(accepted, timeout=60)
    assert submitted is not None
    await client.post(f"/programmes/{programme_id}/close", headers=ADMIN)
    reviewer = {
        "name": "TS. Lê Văn Bình",
        "organization_id": nominee,
        "duties": [{"category_id": CATEGORY, "round_id": "so-tuyen"}],
    }
    await client.put(f"/programmes/{programme_id}/reviewers/ts-binh", json=reviewer, headers=ADMIN)
    independent = reviewer | {"name": "GS.TS. Nguyễn Văn An", "organization_id": None}
    await client.put(f"/programmes/{programme_id}/reviewers/gs-an", json=independent, headers=ADMIN)
    return InReview(
        programme_id=programme_id,
        nomination_id=submitted.json()["nomination_id"],
        nominee=nominee,
        association=token,
        nominee_token=bearer("tt-duoc-lieu", Role.org, org_id=nominee),
        rival=bearer("sa-thay", Role.org, org_id=rival),
    )


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = response.json()
    assert problem["type"] == f"urn:stx:problem:{code}"
    assert problem["detail"]
    return problem


async def test_a_nomination_outside_the_window_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    # The programme of `in_review` is closed; a second one was never opened.
    draft = await client.post("/programmes", json=programme_body(rules=[]), headers=ADMIN)
    for programme_id in (in_review.programme_id, draft.json()["programme_id"]):
        response = await client.post(
            f"/programmes/{programme_id}/nominations",
            json=nomination_body(in_review.nominee),
            headers=in_review.association,
        )
        problem = assert_problem(response, 409, "nomination-window-closed")
        assert "accepted from" in problem["detail"]


async def test_a_duplicate_nomination_is_refused(
    client: httpx.AsyncClient, upstream: Upstream, in_review: InReview
) -> None:
    programme_id = await create_open_programme(client, rules=[])
    url = f"/programmes/{programme_id}/nominations"
    first = await client.post(
        url, json=nomination_body(in_review.nominee), headers=in_review.association
    )
    assert first.status_code == 201, first.text

    again = await client.post(
        url, json=nomination_body(in_review.nominee), headers=in_review.nominee_token
    )

    problem = assert_problem(again, 409, "duplicate-nomination")
    assert "Trung tâm Nghiên cứu Dược liệu Kon Tum is already nominated" in problem["detail"]


async def test_a_nominee_unknown_to_the_exchange_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    programme_id = await create_open_programme(client, rules=[])
    response = await client.post(
        f"/programmes/{programme_id}/nominations",
        json=nomination_body("org_khong_ton_tai"),
        headers=in_review.association,
    )
    problem = assert_problem(response, 422, "nominee-unknown")
    assert problem["errors"][0]["field"] == "nominee_organization_id"


async def test_an_enterprise_cannot_nominate_another_organisation(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    programme_id = await create_open_programme(client, rules=[])
    response: httpx.Response | None = None

    async def rival_is_known() -> bool:
        # The rival's registration travels on another partition than the nominee's.
        nonlocal response
        response = await client.post(
            f"/programmes/{programme_id}/nominations",
            json=nomination_body(in_review.nominee),
            headers=in_review.rival,
        )
        return "nominator-unknown" not in response.text

    await eventually(rival_is_known, timeout=60)
    assert response is not None
    assert_problem(response, 403, "nominator-not-allowed")


async def test_a_score_outside_zero_to_ten_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    body = {"scores": {"hieu-qua-chuyen-giao": 11, "lan-toa": 5}}
    response = await client.put(
        f"/nominations/{in_review.nomination_id}/scorecard",
        json=body,
        headers=bearer("gs-an", Role.reviewer),
    )

    problem = assert_problem(response, 422, "validation-failed")
    assert problem["errors"][0]["field"] == "body.scores.hieu-qua-chuyen-giao"
    assert "less than or equal to 10" in problem["errors"][0]["message"]


async def test_an_unknown_criterion_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    body = {"scores": {"hieu-qua-chuyen-giao": 8, "lan-toa": 5, "thai-do": 9}}
    response = await client.put(
        f"/nominations/{in_review.nomination_id}/scorecard",
        json=body,
        headers=bearer("gs-an", Role.reviewer),
    )
    assert_problem(response, 422, "unknown-criterion")


async def test_a_recused_reviewer_can_neither_score_nor_see_the_nomination(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    colleague = bearer("ts-binh", Role.reviewer)
    body = {"scores": {"hieu-qua-chuyen-giao": 10, "lan-toa": 10}}

    scored = await client.put(
        f"/nominations/{in_review.nomination_id}/scorecard", json=body, headers=colleague
    )
    seen = await client.get(f"/nominations/{in_review.nomination_id}", headers=colleague)

    assert_problem(scored, 403, "recused")
    assert_problem(seen, 403, "recused")


async def test_a_reviewer_who_declares_a_conflict_is_recused_from_then_on(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    reviewer = bearer("gs-an", Role.reviewer)
    url = f"/nominations/{in_review.nomination_id}"
    assert (await client.get(url, headers=reviewer)).status_code == 200

    declared = await client.post(
        f"{url}/conflict", json={"reason": "Tôi từng cố vấn cho trung tâm."}, headers=reviewer
    )

    assert declared.status_code == 204
    assert_problem(await client.get(url, headers=reviewer), 403, "recused")


async def test_an_org_role_cannot_decide(client: httpx.AsyncClient, in_review: InReview) -> None:
    body = {
        "outcome": "awarded",
        "justification": "Tự quyết định khen thưởng.",
        "citation": "Xuất sắc.",
    }
    response = await client.put(
        f"/nominations/{in_review.nomination_id}/decision", json=body, headers=in_review.association
    )
    problem = assert_problem(response, 403, "missing-role")
    assert "admin" in problem["detail"]


async def test_deciding_before_the_last_round_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    body = {
        "outcome": "awarded",
        "justification": "Quyết định trước khi chấm xong.",
        "citation": "Xuất sắc.",
    }
    response = await client.put(
        f"/nominations/{in_review.nomination_id}/decision", json=body, headers=ADMIN
    )
    assert_problem(response, 409, "not-finalist")


async def test_withdrawal_after_review_started_is_refused(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    response = await client.post(
        f"/nominations/{in_review.nomination_id}/withdraw",
        json={"reason": "Rút hồ sơ."},
        headers=in_review.association,
    )
    problem = assert_problem(response, 409, "review-started")
    assert "before review starts" in problem["detail"]


async def test_only_the_nominator_withdraws(client: httpx.AsyncClient, in_review: InReview) -> None:
    response = await client.post(
        f"/nominations/{in_review.nomination_id}/withdraw", json={}, headers=in_review.rival
    )
    assert_problem(response, 403, "not-the-nominator")


async def test_a_nomination_is_invisible_to_an_unrelated_organisation(
    client: httpx.AsyncClient, in_review: InReview
) -> None:
    response = await client.get(f"/nominations/{in_review.nomination_id}", headers=in_review.rival)
    assert_problem(response, 404, "nomination-not-found")


async def test_a_programme_with_inconsistent_dates_is_refused(client: httpx.AsyncClient) -> None:
    body = programme_body(rules=[]) | {"period_start": "2026-12-31", "period_end": "2026-01-01"}
    response = await client.post("/programmes", json=body, headers=ADMIN)
    problem = assert_problem(response, 422, "validation-failed")
    assert "period_end must not be before period_start" in problem["errors"][0]["message"]


async def test_a_draft_programme_is_visible_to_admins_only(client: httpx.AsyncClient) -> None:
    draft = await client.post("/programmes", json=programme_body(rules=[]), headers=ADMIN)
    url = f"/programmes/{draft.json()['programme_id']}"

    assert_problem(await client.get(url), 404, "programme-not-found")
    assert (await client.get(url, headers=ADMIN)).json()["status"] == "draft"
    listed = (await client.get("/programmes")).json()
    assert draft.json()["programme_id"] not in [p["programme_id"] for p in listed]
