"""Places after the 2025 reform on the real broker and store: today's units for new records,
former ones from imports kept and found, stored search fields refreshed at start-up."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from services.listings.app import create_app
from services.listings.search import QUERY_FIELDS_VERSION
from shared.auth import Role
from shared.mongo import create_client
from tests.integration.listings.flows import (
    BROKER,
    SCORE,
    bearer,
    new_org_id,
    offer_body,
    org_body,
    publish,
    running,
    settings_for,
    verified_org,
)

pytestmark = pytest.mark.integration


async def test_a_registration_today_in_a_former_district_is_refused_naming_its_successors(
    client: httpx.AsyncClient,
) -> None:
    org_id = new_org_id()
    token = bearer(f"user-{org_id}", Role.org, org_id=org_id)
    former = org_body(province_code="62", district_code="617", commune_code=None)
    refused = await client.post("/v1/organizations", json=former, headers=token)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    why = {error["field"]: error["message"] for error in refused.json()["errors"]}
    assert "Quảng Ngãi (51)" in why["body.province_code"]
    assert "Xã Tu Mơ Rông (23425)" in why["body.district_code"]


async def _imported_and_published(
    client: httpx.AsyncClient, token: dict[str, str], row: dict[str, Any]
) -> str:
    headers = token | {"Content-Type": "application/x-ndjson"}
    imported = await client.post(
        "/v1/listings/import", params={"format": "jsonl"}, content=json.dumps(row), headers=headers
    )
    assert imported.status_code == 201, imported.text
    (listing_id,) = imported.json()["listing_ids"]
    approved = await client.post(
        f"/v1/listings/{listing_id}/approve", json={"score": SCORE}, headers=BROKER
    )
    assert approved.status_code == 200, approved.text
    return str(listing_id)


async def _found(client: httpx.AsyncClient, place: str, owner: str) -> set[str]:
    found = await client.get("/v1/listings", params={"place": place, "owner": owner})
    assert found.status_code == 200, found.text
    return {item["listing_id"] for item in found.json()["items"]}


async def test_a_former_kon_tum_listing_is_found_by_a_search_for_quang_ngai(
    client: httpx.AsyncClient,
) -> None:
    org_id, token = await verified_org(client)
    brochure_row = offer_body(location_code="617", state_funded=False)
    row = {k: v for k, v in brochure_row.items() if k != "funding_task_code"}
    brochure = await _imported_and_published(client, token, row)
    listing = (await client.get(f"/v1/listings/{brochure}")).json()
    assert (listing["location"]["name"], listing["location"]["current_province_code"]) == (
        "Huyện Tu Mơ Rông",
        "51",
    )
    today = await publish(client, token, offer_body(title="Vườn ươm sâm Ngọc Linh Măng Ri"))
    gia_lai = await publish(client, token, offer_body(title="Cà phê Pleiku", location_code="52"))

    assert await _found(client, "51", org_id) == {brochure, today}  # today's Quảng Ngãi
    assert await _found(client, "62", org_id) == {brochure, today}  # former Kon Tum
    assert await _found(client, "617", org_id) == {brochure, today}  # former Tu Mơ Rông
    assert await _found(client, "23425", org_id) == {today}  # today's commune: not the district
    assert await _found(client, "52", org_id) == {gia_lai}


async def test_search_fields_stored_before_the_reform_are_refreshed_at_start_up(
    stack: Any,
) -> None:
    settings = settings_for(stack)
    async with running(create_app(settings)) as app:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://listings") as http:
            org_id, token = await verified_org(http)
            listing_id = await publish(http, token, offer_body())
    mongo = create_client(settings)
    docs = mongo[settings.mongodb_database]["listings"]
    old_fields = {"$set": {"q.area_codes": ["23425"]}, "$unset": {"q.version": ""}}
    await docs.update_one({"_id": listing_id}, old_fields)
    async with running(create_app(settings)) as app:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://listings") as http:
            assert await _found(http, "62", org_id) == {listing_id}
    refreshed = await docs.find_one({"_id": listing_id})
    await mongo.close()
    assert refreshed is not None
    assert refreshed["q"]["version"] == QUERY_FIELDS_VERSION
