"""The broker's paper-dossier desk: a verified organisation chosen, the listing refused in
Vietnamese next to its field, then saved as the organisation's draft, marked as entered by the
Department on the organisation's own list; nobody else may use the desk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.unit.portal.fakes import InMemoryOwnListings, portal_client
from tests.unit.portal.fakes_parties import InMemoryRegistry
from tests.unit.portal.test_organization_pages import TOKEN, signed_in

ORG = "org_htx_mangden"
DESK = "/moi-gioi/ho-so-giay"


@pytest.fixture
def own() -> InMemoryOwnListings:
    return InMemoryOwnListings()


@pytest.fixture
def registry() -> InMemoryRegistry:
    registry = InMemoryRegistry()
    for organization_id, name, verified in (
        (ORG, "Hợp tác xã Nông nghiệp Dược liệu Măng Đen", True),
        ("org_caphe_dakha", "Công ty TNHH Cà phê Đắk Hà", True),
        ("org_moi", "Công ty mới đăng ký", False),
    ):
        registry.items[organization_id] = {
            "organization_id": organization_id, "name": name, "verified": verified
        }  # fmt: skip
    return registry


@pytest.fixture
async def client(
    own: InMemoryOwnListings, registry: InMemoryRegistry
) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(own=own, registry=registry) as client:
        yield client


async def broker_signed_in(client: httpx.AsyncClient) -> str:
    match = TOKEN.search((await client.get("/dang-nhap")).text)
    assert match
    token = match.group(1)
    response = await client.post("/dang-nhap", data={"csrf_token": token, "subject": "broker-01"})
    assert response.status_code == 303
    return token


def dossier(token: str, **changes: Any) -> dict[str, Any]:
    return {
        "csrf_token": token, "kind": "demand", "on_behalf_of": ORG,
        "title": "Cần công nghệ chiết xuất saponin từ lá sâm",
        "summary": "Ngắn",
        "description": "Hồ sơ giấy nộp tại Sở ngày 02/12/2026.",
        "desired_outcome": "Cao chiết đạt 8% saponin.", "sector": "medicinal_herbs",
    } | changes  # fmt: skip


async def test_a_broker_enters_a_dossier_for_a_verified_organisation_which_then_sees_it(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await broker_signed_in(client)
    desk = await client.get(f"{DESK}?kind=demand")
    assert '<option value="org_caphe_dakha"' in desk.text
    assert "org_moi" not in desk.text  # only verified organisations are offered

    unchosen = await client.post(DESK, data=dossier(token, on_behalf_of=""))
    assert 'id="on_behalf_of-error" class="field-error">Chọn tổ chức đã nộp hồ sơ giấy.' in (
        unchosen.text
    )
    refused = await client.post(DESK, data=dossier(token))
    assert refused.status_code == 422
    assert 'id="summary-error" class="field-error">Quá ngắn: tối thiểu 10 ký tự.' in refused.text
    assert f'<option value="{ORG}" selected>' in refused.text  # the choice stays
    assert own.items == {}

    fixed = dossier(token, summary="Hợp tác xã cần chiết xuất saponin từ lá sâm Ngọc Linh.")
    saved = await client.post(DESK, data=fixed)
    assert saved.status_code == 303
    [(listing_id, item)] = own.items.items()
    assert (item["owner"], item["entered_by"], item["status"]) == (ORG, "broker-01", "draft")
    shown = await client.get(saved.headers["location"])
    assert "Đã lưu bản nháp cho Hợp tác xã Nông nghiệp Dược liệu Măng Đen" in shown.text

    await client.post("/dang-xuat", data={"csrf_token": token})
    await signed_in(client)
    listed = await client.get("/to-chuc/tin")
    assert f'data-listing="{listing_id}"' in listed.text
    assert "Sở KH&amp;CN nhập từ hồ sơ giấy" in listed.text


async def test_an_organisation_cannot_use_the_broker_s_desk(client: httpx.AsyncClient) -> None:
    token = await signed_in(client)
    assert (await client.get(DESK)).status_code == 403
    assert (await client.post(DESK, data=dossier(token))).status_code == 403
