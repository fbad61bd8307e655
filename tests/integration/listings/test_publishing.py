"""register → verify → create → submit → approve publishes a public snapshot without PII."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from shared.topics import CONTACTS, LISTINGS, MODERATION, ORGANIZATIONS
from tests.integration.listings.flows import (
    BROKER,
    SCORE,
    create,
    demand_body,
    events_of,
    offer_body,
    publish,
    verified_org,
)

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[3] / "docs" / "schemas"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\w])(?:\+?84|0)(?:[\s.]?\d){9,10}(?![\w])")


def schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / name).read_text()))


def assert_no_pii(records: list[Any]) -> None:
    for record in records:
        text = record.value.decode()
        assert not EMAIL.search(text), text
        assert not PHONE.search(text), text


async def test_an_approved_offer_is_published_with_a_valid_public_snapshot(
    client: httpx.AsyncClient, stack: Any
) -> None:
    org_id, token = await verified_org(client)
    listing_id = await publish(client, token, offer_body())

    wanted = {"stx.listing.published"}
    records = await events_of(stack.bootstrap_servers, LISTINGS, listing_id, wanted)
    published = next(r for r in records if dict(r.headers)["ce_type"] == b"stx.listing.published")
    payload = json.loads(published.value)
    schema("listing.published.v1.json").validate(payload)
    assert payload["listing"]["owner_organization_id"] == org_id
    assert payload["listing"]["title"] == "Quy trình nhân giống Sâm Ngọc Linh bằng nuôi cấy mô"
    assert dict(published.headers)["ce_source"] == b"/stx/quang-ngai/listings"
    assert_no_pii(records)

    org_records = await events_of(
        stack.bootstrap_servers,
        ORGANIZATIONS,
        org_id,
        {"stx.organization.registered", "stx.organization.verified"},
    )
    assert_no_pii(org_records)
    contacts = await events_of(stack.bootstrap_servers, CONTACTS, org_id, {"stx.contact.updated"})
    assert json.loads(contacts[0].value)["email"] == "avuong@duoclieumangden.vn"


async def test_an_anonymous_demand_is_published_without_its_owner(
    client: httpx.AsyncClient, stack: Any
) -> None:
    org_id, token = await verified_org(client)
    listing_id = await publish(client, token, demand_body())

    records = await events_of(
        stack.bootstrap_servers, LISTINGS, listing_id, {"stx.listing.published"}
    )
    for record in records:
        snapshot = json.loads(record.value)["listing"]
        assert (snapshot["owner_organization_id"], snapshot["owner_name"]) == (None, None)
        assert org_id.encode() not in record.value
    owner = await events_of(
        stack.bootstrap_servers, CONTACTS, listing_id, {"stx.listing_owner.recorded"}
    )
    assert json.loads(owner[0].value)["owner_organization_id"] == org_id

    public = (await client.get(f"/v1/listings/{listing_id}")).json()
    assert (public["owner_name"], public["private"]) == (None, None)
    own = (await client.get(f"/v1/listings/{listing_id}", headers=token)).json()
    assert own["private"]["owner_organization_id"] == org_id


async def test_moderation_stays_internal_and_the_public_sees_only_the_approved_listing(
    client: httpx.AsyncClient, stack: Any
) -> None:
    _, token = await verified_org(client)
    listing_id = await create(client, token, offer_body())
    comment = f"Bổ sung số liệu thử nghiệm {listing_id}."
    feedback = {"reasons": ["incomplete"], "comment": comment}
    for step in ("submit", "return", "submit", "approve"):
        body = {"return": {"feedback": feedback}, "approve": {"score": SCORE}}.get(step)
        headers = token if step == "submit" else BROKER
        done = await client.post(f"/v1/listings/{listing_id}/{step}", json=body, headers=headers)
        assert done.status_code == 200, done.text

    moderation = await events_of(
        stack.bootstrap_servers,
        MODERATION,
        listing_id,
        {"stx.listing.submitted", "stx.listing.returned"},
    )
    public = await events_of(
        stack.bootstrap_servers, LISTINGS, listing_id, {"stx.listing.published"}
    )

    returned = [r for r in moderation if dict(r.headers)["ce_type"] == b"stx.listing.returned"]
    assert json.loads(returned[0].value)["feedback"]["comment"] == comment
    assert [dict(r.headers)["ce_type"] for r in public] == [b"stx.listing.published"]
    assert all(comment.encode() not in r.value for r in public)


async def test_a_material_edit_after_approval_goes_public_only_once_a_broker_approves_it(
    client: httpx.AsyncClient, stack: Any
) -> None:
    _, token = await verified_org(client)
    listing_id = await publish(client, token, offer_body())
    current = (await client.get(f"/v1/listings/{listing_id}", headers=token)).json()
    edit = offer_body(title="Quy trình nhân giống sâm Ngọc Linh — giá khuyến mãi 90 triệu")
    edited = await client.put(
        f"/v1/listings/{listing_id}", json=edit | {"version": current["version"]}, headers=token
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["private"]["pending_revision"]["title"] == edit["title"]

    public = (await client.get(f"/v1/listings/{listing_id}")).json()
    assert public["title"] == offer_body()["title"]
    assert public["private"] is None
    queue = (await client.get("/v1/moderation/queue", headers=BROKER)).json()
    assert listing_id in [item["listing"]["listing_id"] for item in queue]
    before = await events_of(
        stack.bootstrap_servers, LISTINGS, listing_id, {"stx.listing.published"}
    )
    assert all(edit["title"] not in r.value.decode() for r in before)

    approved = await client.post(
        f"/v1/listings/{listing_id}/approve", json={"score": SCORE}, headers=BROKER
    )
    assert approved.status_code == 200, approved.text
    assert (await client.get(f"/v1/listings/{listing_id}")).json()["title"] == edit["title"]
    after = await events_of(stack.bootstrap_servers, LISTINGS, listing_id, {"stx.listing.updated"})
    updated = [r for r in after if dict(r.headers)["ce_type"] == b"stx.listing.updated"]
    assert [json.loads(r.value)["listing"]["title"] for r in updated] == [edit["title"]]
    queue = (await client.get("/v1/moderation/queue", headers=BROKER)).json()
    assert listing_id not in [item["listing"]["listing_id"] for item in queue]
