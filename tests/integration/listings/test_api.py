"""The HTTP API on the real store: search, idempotency, bad input, authorisation, moderation."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from shared.auth import Role
from tests.integration.listings.flows import (
    BROKER,
    bearer,
    create,
    demand_body,
    new_org_id,
    offer_body,
    org_body,
    publish,
    valid_tax_code,
    verified_org,
)

pytestmark = pytest.mark.integration


async def test_search_ignores_accents_and_case(client: httpx.AsyncClient) -> None:
    _, token = await verified_org(client)
    marker = uuid.uuid4().hex[:8]  # the store is shared by this module's tests
    title = f"Chế biến Sâm Ngọc Linh thành trà túi lọc {marker}"
    listing_id = await publish(client, token, offer_body(title=title, keywords=[marker]))
    macadamia = offer_body(
        title=f"Máy bóc vỏ mắc ca {marker}",
        summary="Bóc vỏ cứng hạt mắc ca, tỷ lệ nhân nguyên trên 90%.",
        keywords=[marker],
    )
    await publish(client, token, macadamia)

    found = await client.get("/v1/listings", params={"q": f"SAM ngoc linh {marker}"})
    assert found.status_code == 200
    assert [item["listing_id"] for item in found.json()["items"]] == [listing_id]
    assert found.json()["items"][0]["private"] is None


async def test_search_pages_with_an_opaque_cursor(client: httpx.AsyncClient) -> None:
    org_id, token = await verified_org(client)
    ids = {
        await publish(client, token, offer_body(title=f"Quy trình số {n} sấy cà phê"))
        for n in range(3)
    }
    seen: list[str] = []
    cursor = None
    for _ in range(3):
        params = {"owner": org_id, "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/listings", params=params)).json()
        seen += [item["listing_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids)


@pytest.mark.parametrize(
    "hostile", ['{"$ne": null}', "$where: 1 == 1", "{'$gt': ''}", '{"$regex": ".*"}']
)
async def test_operator_strings_in_filters_are_plain_text(
    client: httpx.AsyncClient, hostile: str
) -> None:
    found = await client.get("/v1/listings", params={"q": hostile, "status": "published"})
    assert found.status_code == 200
    assert found.json()["items"] == []
    rejected = await client.get("/v1/listings", params={"owner": hostile})
    assert rejected.status_code == 422
    assert rejected.json()["errors"][0]["field"] == "query.owner"


async def test_a_retried_create_with_the_same_key_returns_the_first_response(
    client: httpx.AsyncClient,
) -> None:
    _, token = await verified_org(client)
    headers = token | {"Idempotency-Key": f"catalogue-{uuid.uuid4()}"}
    first = await client.post("/v1/listings", json=offer_body(), headers=headers)
    again = await client.post("/v1/listings", json=offer_body(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    other = await client.post("/v1/listings", json=offer_body(trl=8), headers=headers)
    assert other.status_code == 422
    assert other.json()["type"] == "urn:stx:problem:idempotency-key-reused"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"trl": 0}, "body.trl"),
        ({"trl": 10}, "body.trl"),
        ({"price_vnd": -1}, "body.price_vnd"),
        ({"sector": "du_lich"}, "body.sector"),
        ({"title": "S" * 1_000_000}, "body.title"),
        ({"title": {"$gt": ""}}, "body.title"),
        ({"valid_until": "2020-01-01"}, "body.valid_until"),
        ({"min_trl": 5}, "body.min_trl"),
        ({"location_code": "99999"}, "body.location_code"),
        ({"owner": "org_other"}, "body.owner"),
    ],
)
async def test_bad_listings_are_refused_naming_the_field(
    client: httpx.AsyncClient, overrides: dict[str, Any], field: str
) -> None:
    _, token = await verified_org(client)
    refused = await client.post("/v1/listings", json=offer_body(**overrides), headers=token)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert field in [error["field"] for error in refused.json()["errors"]]


async def test_a_budget_range_upside_down_is_refused(client: httpx.AsyncClient) -> None:
    _, token = await verified_org(client)
    body = demand_body(budget_min_vnd=2_000_000_000)
    refused = await client.post("/v1/listings", json=body, headers=token)
    assert refused.json()["errors"][0]["field"] == "body.budget_min_vnd"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"tax_code": "61001234"}, "body.tax_code"), ({"phone": "12345"}, "body.phone")],
)
async def test_bad_organisations_are_refused_naming_the_field(
    client: httpx.AsyncClient, overrides: dict[str, Any], field: str
) -> None:
    token = bearer("user-x", Role.org, org_id="org_badinput")
    refused = await client.post("/v1/organizations", json=org_body(**overrides), headers=token)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == field


async def test_a_quality_score_above_five_is_refused(client: httpx.AsyncClient) -> None:
    _, token = await verified_org(client)
    listing_id = await create(client, token, offer_body())
    await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    refused = await client.post(
        f"/v1/listings/{listing_id}/approve", json={"score": {"clarity": 6}}, headers=BROKER
    )
    assert refused.status_code == 422
    assert "body.score.clarity" in [e["field"] for e in refused.json()["errors"]]


async def test_only_the_owner_changes_a_listing_and_only_brokers_moderate(
    client: httpx.AsyncClient,
) -> None:
    _, owner = await verified_org(client)
    _, stranger = await verified_org(client)
    listing_id = await create(client, owner, offer_body())
    update = offer_body(price_vnd=1) | {"version": 1}
    assert (
        await client.put(f"/v1/listings/{listing_id}", json=update, headers=stranger)
    ).status_code == 403
    assert (
        await client.post(f"/v1/listings/{listing_id}/submit", headers=stranger)
    ).status_code == 403
    approve = await client.post(
        f"/v1/listings/{listing_id}/approve",
        json={"score": {"clarity": 1, "completeness": 1, "commercial_relevance": 1}},
        headers=owner,
    )
    assert approve.status_code == 403
    assert (await client.post("/v1/listings", json=offer_body())).status_code == 401
    assert (await client.get(f"/v1/listings/{listing_id}")).status_code == 404  # a draft is private
    assert (await client.get("/v1/listings/lst_unknown", headers=BROKER)).status_code == 404


async def test_an_org_token_registers_only_its_own_organisation(client: httpx.AsyncClient) -> None:
    token = bearer("user-y", Role.org, org_id="org_mine_only")
    body = org_body() | {"organization_id": "org_someone_else"}
    assert (await client.post("/v1/organizations", json=body, headers=token)).status_code == 403


async def test_a_stale_update_conflicts(client: httpx.AsyncClient) -> None:
    _, token = await verified_org(client)
    listing_id = await create(client, token, offer_body())
    first = await client.put(
        f"/v1/listings/{listing_id}",
        json=offer_body(price_vnd=900_000_000) | {"version": 1},
        headers=token,
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = await client.put(
        f"/v1/listings/{listing_id}", json=offer_body(price_vnd=1) | {"version": 1}, headers=token
    )
    assert stale.status_code == 409
    assert stale.headers["content-type"] == "application/problem+json"


async def test_a_returned_listing_carries_feedback_and_can_be_resubmitted(
    client: httpx.AsyncClient,
) -> None:
    _, token = await verified_org(client)
    listing_id = await create(client, token, offer_body())
    await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    feedback = {"reasons": ["incomplete"], "comment": "Bổ sung số liệu thử nghiệm."}
    returned = await client.post(
        f"/v1/listings/{listing_id}/return", json={"feedback": feedback}, headers=BROKER
    )
    assert returned.json()["status"] == "returned"
    assert returned.json()["private"]["moderation"][0]["feedback"] == feedback
    again = await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    assert again.json()["status"] == "submitted"


async def test_the_moderation_queue_flags_possible_duplicates(client: httpx.AsyncClient) -> None:
    _, token = await verified_org(client)
    first = await create(client, token, offer_body())
    second = await create(
        client, token, offer_body(title="Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô.")
    )
    for listing_id in (first, second):
        await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    queue = (await client.get("/v1/moderation/queue", params={"limit": 200}, headers=BROKER)).json()
    entry = next(e for e in queue if e["listing"]["listing_id"] == second)
    assert [d["listing_id"] for d in entry["possible_duplicates"]] == [first]
    assert (await client.get("/v1/moderation/queue", headers=token)).status_code == 403


async def test_a_catalogue_with_a_bad_row_imports_nothing(client: httpx.AsyncClient) -> None:
    org_id, token = await verified_org(client)
    header = "kind,title,summary,description,sector,trl,transfer_objects,price_vnd,valid_until\n"
    row = (
        "offer,Máy sấy cà phê năng lượng mặt trời,Sấy 2 tấn cà phê mỗi mẻ,"
        "Nhà sấy kính cho nông hộ Đắk Hà,agro_forestry_fishery_processing,"
        "8,know_how,450000000,2030-12-31\n"
    )
    csv_headers = token | {"Content-Type": "text/csv"}
    bad = await client.post(
        "/v1/listings/import", content=header + row + row.replace(",8,", ",0,"), headers=csv_headers
    )
    assert bad.status_code == 422
    (error,) = bad.json()["errors"]
    assert (error["field"], error["code"], error["limit"]) == (
        "rows.3.trl",
        "greater_than_equal",
        1,
    )
    mine = {"owner": org_id, "status": "submitted"}
    assert (await client.get("/v1/listings", params=mine, headers=token)).json()["items"] == []

    good = await client.post("/v1/listings/import", content=header + row + row, headers=csv_headers)
    assert good.status_code == 201
    assert good.json()["imported"] == 2
    submitted = (await client.get("/v1/listings", params=mine, headers=token)).json()["items"]
    assert {item["listing_id"] for item in submitted} == set(good.json()["listing_ids"])


async def test_an_organisation_that_renames_itself_must_be_verified_again(
    client: httpx.AsyncClient,
) -> None:
    tax_code = valid_tax_code()
    org_id, token = await verified_org(client, tax_code=tax_code)
    current = (await client.get(f"/v1/organizations/{org_id}", headers=token)).json()
    renamed = await client.put(
        f"/v1/organizations/{org_id}",
        json=org_body(tax_code=tax_code, name="Công ty CP Sâm Măng Đen")
        | {"version": current["version"]},
        headers=token,
    )
    listing_id = await create(client, token, offer_body())
    refused = await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    again = await client.post(f"/v1/organizations/{org_id}/verify", headers=BROKER)
    accepted = await client.post(f"/v1/listings/{listing_id}/submit", headers=token)

    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["verified"] is False
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "organization.verified"
    assert again.status_code == 200
    assert accepted.status_code == 200, accepted.text


async def test_brokers_see_the_verification_queue_and_everyone_the_directory(
    client: httpx.AsyncClient,
) -> None:
    waiting = new_org_id()
    token = bearer(f"user-{waiting}", Role.org, org_id=waiting)
    body = org_body(name="Hợp tác xã Chờ Xác Minh")
    assert (await client.post("/v1/organizations", json=body, headers=token)).status_code == 201
    verified_id, _ = await verified_org(client, name="Công ty Đã Xác Minh")

    queue = await client.get("/v1/organizations", params={"verified": "false"}, headers=BROKER)
    assert queue.status_code == 200
    queued = {org["organization_id"]: org for org in queue.json()}
    assert waiting in queued
    assert verified_id not in queued
    assert queued[waiting]["contact"]["email"] == body["email"]  # the broker calls them back
    refused = await client.get("/v1/organizations", params={"verified": "false"}, headers=token)
    assert refused.status_code == 403

    directory = (await client.get("/v1/organizations")).json()
    ids = {org["organization_id"] for org in directory}
    assert verified_id in ids
    assert waiting not in ids
    assert all(org["contact"] is None for org in directory)  # a visitor sees no contact
