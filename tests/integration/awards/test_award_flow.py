"""A nominee whose deal closes becomes eligible, is reviewed in two rounds and is awarded."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from shared.auth import Role
from shared.events.nominations import AwardGranted, NominationRejected
from shared.events.vocabulary import OrganizationKind
from tests.integration.awards.conftest import Upstream
from tests.integration.awards.story import (
    ADMIN,
    CATEGORY,
    NEEDS_A_CLOSED_DEAL,
    awards_events,
    bearer,
    closed_deal,
    create_open_programme,
    new_id,
    registered,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration


class Cast:
    """Who takes part: fresh ids per run, since the topics are shared by every test."""

    def __init__(self) -> None:
        self.coop = new_id("org")  # the nominee that will be awarded
        self.company = new_id("org")  # a second nominee, stopped in the first round
        self.supplier = new_id("org")
        self.association = new_id("org")
        self.university = new_id("org")  # employs an independent reviewer
        self.association_token = bearer("hiep-hoi-01", Role.org, org_id=self.association)
        self.lead = bearer("gs-an", Role.reviewer)
        self.second = bearer("pgs-hoa", Role.reviewer)
        self.colleague = bearer("ts-binh", Role.reviewer)  # works for the coop: recused

    def organisations(self) -> list[Any]:
        return [
            *registered(
                self.coop, "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông", OrganizationKind.COOPERATIVE
            ),
            *registered(
                self.company, "Công ty Cổ phần Dược liệu Măng Đen", OrganizationKind.ENTERPRISE
            ),
            *registered(
                self.supplier,
                "Công ty TNHH Công nghệ Sấy Lạnh Miền Trung",
                OrganizationKind.ENTERPRISE,
            ),
            *registered(
                self.association,
                "Hiệp hội Doanh nghiệp tỉnh Quảng Ngãi",
                OrganizationKind.ASSOCIATION,
            ),
        ]


async def nominate(
    client: httpx.AsyncClient, cast: Cast, programme_id: str, nominee: str
) -> dict[str, Any]:
    body = {
        "category_id": CATEGORY,
        "nominee_organization_id": nominee,
        "narrative": "Đơn vị đã ứng dụng công nghệ sấy lạnh dược liệu qua sàn giao dịch.",
        "links": ["https://sokhcn.quangngai.gov.vn/tin-tuc/say-lanh-duoc-lieu"],
    }
    response: httpx.Response | None = None

    async def known_to_awards() -> bool:
        nonlocal response  # the organisations arrive through Kafka; retry until they have
        response = await client.post(
            f"/programmes/{programme_id}/nominations", json=body, headers=cast.association_token
        )
        return not any(code in response.text for code in ("nominee-unknown", "nominator-unknown"))

    await eventually(known_to_awards, timeout=60)
    assert response is not None
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def score(
    client: httpx.AsyncClient, nomination_id: str, who: dict[str, str], effect: int, reach: int
) -> httpx.Response:
    body = {
        "scores": {"hieu-qua-chuyen-giao": effect, "lan-toa": reach},
        "comments": {"lan-toa": "Tốt."},
    }
    return await client.put(f"/nominations/{nomination_id}/scorecard", json=body, headers=who)


async def assign(
    client: httpx.AsyncClient,
    programme_id: str,
    subject: str,
    name: str,
    org: str,
    duties: list[dict[str, Any]],
) -> None:
    body = {"name": name, "organization_id": org, "duties": duties}
    response = await client.put(
        f"/programmes/{programme_id}/reviewers/{subject}", json=body, headers=ADMIN
    )
    assert response.status_code == 200, response.text


def duty(round_id: str, lead: bool = False) -> dict[str, Any]:
    return {"category_id": CATEGORY, "round_id": round_id, "lead": lead}


async def test_a_nominee_whose_deal_closes_is_reviewed_in_two_rounds_and_awarded_once(
    client: httpx.AsyncClient, upstream: Upstream, stack: Any
) -> None:
    cast = Cast()
    await upstream.publish(*cast.organisations())
    programme_id = await create_open_programme(client, NEEDS_A_CLOSED_DEAL)

    # Nominated before any deal: not eligible yet, and told why.
    coop = await nominate(client, cast, programme_id, cast.coop)
    company = await nominate(client, cast, programme_id, cast.company)
    assert not coop["eligible"]
    assert (
        "needs at least 1 closed deal in the period (has 0)" in coop["eligibility"][1]["reason_en"]
    )

    # Matching reports a deal between the supplier and the company, and one with the coop
    # on an anonymous demand whose owner only the internal contacts topic reveals.
    await upstream.publish(*closed_deal(cast.supplier, cast.company, value_vnd=650_000_000))
    await upstream.publish(*closed_deal(cast.supplier, cast.coop))

    async def both_eligible_with_all_evidence() -> bool:
        """Deals, matches and introductions come on different topics, in any order."""
        views = [
            await nomination_as(client, n["nomination_id"], cast.association_token)
            for n in (coop, company)
        ]
        counted = views[0]["evidence"]
        complete = counted["matches_accepted"] == counted["introductions_opened"] == 1
        return complete and all(v["eligible"] for v in views)

    await eventually(both_eligible_with_all_evidence, timeout=60)
    evidence = (await nomination_as(client, coop["nomination_id"], cast.association_token))[
        "evidence"
    ]
    assert (evidence["deals_closed"], evidence["contracts_signed"]) == (1, 1)
    assert evidence["deal_value_vnd"] == 1_200_000_000
    assert evidence["matches_accepted"] == evidence["introductions_opened"] == 1

    closed = await client.post(f"/programmes/{programme_id}/close", headers=ADMIN)
    assert closed.json()["status"] == "in_review"

    # Reviewers: a lead for both rounds, an independent second, and one from the coop itself.
    await assign(
        client,
        programme_id,
        "gs-an",
        "GS.TS. Nguyễn Văn An",
        cast.university,
        [duty("so-tuyen", lead=True), duty("chung-khao", lead=True)],
    )
    await assign(
        client,
        programme_id,
        "pgs-hoa",
        "PGS.TS. Trần Thị Hoa",
        cast.university,
        [duty("so-tuyen"), duty("chung-khao")],
    )
    await assign(client, programme_id, "ts-binh", "TS. Lê Văn Bình", cast.coop, [duty("so-tuyen")])

    queue = await client.get(f"/programmes/{programme_id}/review-queue", headers=cast.colleague)
    assert [n["nomination_id"] for n in queue.json()] == [company["nomination_id"]]
    recused = await score(client, coop["nomination_id"], cast.colleague, 10, 10)
    assert recused.status_code == 403
    assert recused.json()["type"] == "urn:stx:problem:recused"

    # Round 1: the coop ranks first and is the one advanced.
    for who in (cast.lead, cast.second):
        assert (await score(client, coop["nomination_id"], who, 9, 8)).status_code == 200
        assert (await score(client, company["nomination_id"], who, 6, 7)).status_code == 200
    assert (
        await score(client, company["nomination_id"], cast.colleague, 10, 10)
    ).status_code == 200

    not_lead = await client.post(
        f"/programmes/{programme_id}/categories/{CATEGORY}/rounds/so-tuyen/close",
        json={},
        headers=cast.second,
    )
    assert not_lead.status_code == 403
    first = await client.post(
        f"/programmes/{programme_id}/categories/{CATEGORY}/rounds/so-tuyen/close",
        json={},
        headers=cast.lead,
    )
    assert first.status_code == 200, first.text
    ranking = first.json()["entries"]
    assert [e["nomination_id"] for e in ranking] == [
        coop["nomination_id"],
        company["nomination_id"],
    ]
    assert ranking[0]["total"] == 8.6  # (60×9 + 40×8) / 100 from both independent reviewers

    # Round 2, then the decision.
    for who in (cast.lead, cast.second):
        assert (await score(client, coop["nomination_id"], who, 10, 9)).status_code == 200
    own = await nomination_as(client, coop["nomination_id"], cast.lead)
    assert own["my_scorecard"]["scores"] == {"hieu-qua-chuyen-giao": 10, "lan-toa": 9}
    assert "scorecards" not in own  # only admins see every scorecard
    full = await nomination_as(client, company["nomination_id"], ADMIN)
    assert sorted(c["reviewer_name"] for c in full["scorecards"]) == [
        "GS.TS. Nguyễn Văn An",
        "PGS.TS. Trần Thị Hoa",
        "TS. Lê Văn Bình",
    ]
    final = await client.post(
        f"/programmes/{programme_id}/categories/{CATEGORY}/rounds/chung-khao/close",
        json={},
        headers=cast.lead,
    )
    assert final.status_code == 200, final.text

    decided = await client.put(
        f"/nominations/{coop['nomination_id']}/decision",
        json={
            "outcome": "awarded",
            "justification": "Dẫn đầu cả hai vòng, hợp đồng chuyển giao có giá trị cao.",
            "citation": "Đã ứng dụng thành công công nghệ sấy lạnh dược liệu, giữ saponin.",
        },
        headers=ADMIN,
    )
    assert decided.status_code == 200, decided.text

    # The nominator sees the status at every step, never the reviewers or their scores.
    before = await client.get(
        f"/nominations/{coop['nomination_id']}", headers=cast.association_token
    )
    assert before.json()["status"] == "finalist"
    for secret in ("gs-an", "Nguyễn Văn An", "scorecard", "decision", "awarded"):
        assert secret not in before.text

    announced = await client.post(f"/programmes/{programme_id}/results", json={}, headers=ADMIN)
    assert announced.json()["status"] == "published"

    await assert_granted_exactly_once(stack, coop["nomination_id"], company["nomination_id"])
    await assert_results_and_certificate(client, programme_id, coop["nomination_id"])
    after = await nomination_as(client, coop["nomination_id"], cast.association_token)
    assert after["status"] == "awarded"


async def nomination_as(
    client: httpx.AsyncClient, nomination_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    response = await client.get(f"/nominations/{nomination_id}", headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def assert_granted_exactly_once(stack: Any, awarded: str, stopped: str) -> None:
    async def granted() -> bool:
        events = await awards_events(stack.bootstrap_servers, {awarded})
        return any(isinstance(e.data, AwardGranted) for e in events)

    await eventually(granted, timeout=30)
    events = await awards_events(stack.bootstrap_servers, {awarded, stopped})
    grants = [e.data for e in events if isinstance(e.data, AwardGranted)]
    assert len(grants) == 1
    assert grants[0].nominee_name == "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông"
    assert grants[0].category_name == "Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ"
    assert grants[0].citation.startswith("Đã ứng dụng thành công công nghệ sấy lạnh")
    rejected = [e.data for e in events if isinstance(e.data, NominationRejected)]
    assert [(r.nomination_id, r.stage, r.round_id) for r in rejected] == [
        (stopped, "review", "so-tuyen")
    ]
    published = b"".join(e.data.model_dump_json().encode() for e in events)
    for secret in (b"gs-an", b"pgs-hoa", b"ts-binh", "Nguyễn Văn An".encode()):
        assert secret not in published  # reviewer identities never leave the service


async def assert_results_and_certificate(
    client: httpx.AsyncClient, programme_id: str, awarded: str
) -> None:
    results = (await client.get(f"/programmes/{programme_id}/results")).json()
    assert [a["nomination_id"] for a in results["awards"]] == [awarded]
    pdf = await client.get(results["awards"][0]["certificate_path"])
    assert pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "BẰNG KHEN" in text
    assert "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông" in text
