"""A broker enters a listing from an organisation's paper dossier, over HTTP on the real store:
the draft is the organisation's, records the broker for the owner and brokers only, and anyone
else naming another organisation is refused (403 problem+json)."""

from __future__ import annotations

import httpx
import pytest

from shared.auth import Role
from tests.integration.listings.flows import (
    BROKER,
    bearer,
    new_org_id,
    offer_body,
    org_body,
    verified_org,
)

pytestmark = pytest.mark.integration


async def test_a_broker_enters_a_paper_dossier_that_the_organisation_then_sends(
    client: httpx.AsyncClient,
) -> None:
    org_id, token = await verified_org(client)
    body = offer_body(title="Quy trình sấy lạnh sâm dây từ hồ sơ giấy", on_behalf_of=org_id)
    entered = await client.post("/v1/listings", json=body, headers=BROKER)
    assert entered.status_code == 201, entered.text
    listing = entered.json()
    assert (listing["status"], listing["owner_organization_id"]) == ("draft", org_id)
    assert listing["private"]["entered_by"] == "broker-01"

    drafts = await client.get(
        "/v1/listings", params={"owner": org_id, "status": "draft"}, headers=token
    )
    [mine] = drafts.json()["items"]
    assert (mine["listing_id"], mine["private"]["entered_by"]) == (
        listing["listing_id"],
        "broker-01",
    )
    sent = await client.post(f"/v1/listings/{listing['listing_id']}/submit", headers=token)
    assert sent.status_code == 200, sent.text


async def test_an_organisation_cannot_enter_a_listing_for_another(
    client: httpx.AsyncClient,
) -> None:
    org_id, _ = await verified_org(client)
    _, other = await verified_org(client)
    refused = await client.post("/v1/listings", json=offer_body(on_behalf_of=org_id), headers=other)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["field"] == "on_behalf_of"


async def test_a_broker_enters_nothing_for_an_unverified_organisation(
    client: httpx.AsyncClient,
) -> None:
    org_id = new_org_id()
    own = bearer(f"user-{org_id}", Role.org, org_id=org_id)

    assert (await client.post("/v1/organizations", json=org_body(), headers=own)).status_code == 201
    refused = await client.post(
        "/v1/listings", json=offer_body(on_behalf_of=org_id), headers=BROKER
    )
    assert refused.status_code == 422
    assert refused.json()["type"] == "urn:stx:problem:organization-unverified"
    no_org = await client.post("/v1/listings", json=offer_body(), headers=BROKER)
    assert no_org.status_code == 403


async def test_an_edit_cannot_move_a_listing_to_another_organisation(
    client: httpx.AsyncClient,
) -> None:
    _, token = await verified_org(client)
    created = await client.post("/v1/listings", json=offer_body(), headers=token)
    listing_id = created.json()["listing_id"]
    moved = await client.put(
        f"/v1/listings/{listing_id}",
        json=offer_body(on_behalf_of="org_other", version=1),
        headers=token,
    )
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["field"] == "body.on_behalf_of"
