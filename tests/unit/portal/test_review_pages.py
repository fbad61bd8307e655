"""A reviewer's pages through the ASGI app: the queue of the programmes under review, a file
scored per criterion (a criterion left out is refused in Vietnamese, the marks typed kept), and
a reviewer who declares a conflict no longer sees or opens the file."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import portal_client
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json
from tests.unit.portal.fakes_parties import InMemoryReviewDesk
from tests.unit.portal.signing import sign_in

FILE = "/tham-dinh/ho-so/nom_1"
CRITERIA = [
    {"code": "hieu-qua", "name": "Hiệu quả chuyển giao công nghệ", "weight": 60},
    {"code": "lan-toa", "name": "Sức lan tỏa trong tỉnh", "weight": 40},
]


@pytest.fixture
def desk() -> InMemoryReviewDesk:
    return InMemoryReviewDesk()


@pytest.fixture
async def client(desk: InMemoryReviewDesk) -> AsyncIterator[httpx.AsyncClient]:
    category = {"category_id": "doanh-nghiep", "name": "Doanh nghiệp đổi mới công nghệ",
                "criteria": CRITERIA}  # fmt: skip
    awards = InMemoryAwards(programme_json(status="in_review", categories=[category]))
    async with portal_client(awards=awards, review_desk=desk) as client:
        yield client


async def test_a_reviewer_scores_every_criterion_of_a_file(
    client: httpx.AsyncClient, desk: InMemoryReviewDesk
) -> None:
    token = await sign_in(client, "reviewer-01")
    queue = await client.get("/tham-dinh")
    assert "Công ty TNHH Cà phê Đắk Hà" in queue.text
    assert "Doanh nghiệp đổi mới công nghệ" in queue.text
    file = await client.get(FILE)
    assert "Hiệu quả chuyển giao công nghệ (trọng số 60%)" in file.text

    half = {"csrf_token": token, "score-hieu-qua": "8"}
    refused = await client.post(f"{FILE}/cham-diem", data=half)
    assert refused.status_code == 422
    assert "Mỗi tiêu chí chấm một điểm nguyên từ 0 đến 10." in refused.text
    assert '<option value="8" selected>' in refused.text  # the mark typed is kept
    assert desk.scorecards == {}

    full = half | {"score-lan-toa": "6", "comment-lan-toa": "Lan tỏa ra ba huyện."}
    assert (await client.post(f"{FILE}/cham-diem", data=full)).status_code == 303
    assert desk.scorecards[("nom_1", "reviewer-01")]["scores"] == {"hieu-qua": 8, "lan-toa": 6}
    assert "Lan tỏa ra ba huyện." in (await client.get(FILE)).text


async def test_a_reviewer_who_declares_a_conflict_can_no_longer_open_the_file(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "reviewer-02")
    declared = await client.post(
        f"{FILE}/xung-dot", data={"csrf_token": token, "reason": "Tôi là cổ đông của công ty."}
    )
    assert declared.status_code == 303
    assert "Công ty TNHH Cà phê Đắk Hà" not in (await client.get("/tham-dinh")).text
    assert (await client.get(FILE)).status_code == 403


async def test_an_organisation_cannot_open_the_reviewers_pages(client: httpx.AsyncClient) -> None:
    await sign_in(client, "caphe-dakha:giam-doc")
    assert (await client.get("/tham-dinh")).status_code == 403
    assert (await client.get(FILE)).status_code == 403
