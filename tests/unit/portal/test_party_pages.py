"""Sign-up and verification, proposals and introductions through the ASGI app: refusals worded
in Vietnamese beside their field, each side answering, the introduction shown to both."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import (
    InMemoryListingsDirectory,
    anonymous_demand_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.fakes_parties import InMemoryMatchDesk, InMemoryRegistry, match_json
from tests.unit.portal.signing import sign_in


@pytest.fixture
def registry() -> InMemoryRegistry:
    return InMemoryRegistry()


@pytest.fixture
def desk() -> InMemoryMatchDesk:
    return InMemoryMatchDesk(match_json())


@pytest.fixture
async def client(
    registry: InMemoryRegistry, desk: InMemoryMatchDesk
) -> AsyncIterator[httpx.AsyncClient]:
    listings = InMemoryListingsDirectory(offer_json(), anonymous_demand_json())
    async with portal_client(listings=listings, registry=registry, desk=desk) as client:
        yield client


def sign_up_form(token: str, **changes: str) -> dict[str, str]:
    return {
        "csrf_token": token, "kind": "cooperative", "name": "HTX Dược liệu Tu Mơ Rông",
        "tax_code": "6101234567", "province_code": "51", "commune_code": "23425",
        "contact_name": "Bà Y Lan", "email": "ylan@htx.vn", "language": "vi",
    } | changes  # fmt: skip


async def test_a_newcomer_signs_up_fixes_a_field_and_a_broker_verifies_the_organisation(
    client: httpx.AsyncClient, registry: InMemoryRegistry
) -> None:
    token = await sign_in(client, "nguoi-dung-moi", name="Y Lan")
    form = await client.get("/dang-ky")
    assert form.status_code == 200
    assert 'value="23425"' in form.text  # the home province's communes are offered
    assert "Xã Tu Mơ Rông" in form.text

    refused = await client.post("/dang-ky", data=sign_up_form(token, tax_code="61-ABC"))
    assert refused.status_code == 422
    assert 'id="tax_code-error" class="field-error">Mã số thuế gồm 10 chữ số' in refused.text
    assert 'value="HTX Dược liệu Tu Mơ Rông"' in refused.text  # what was typed is kept
    assert registry.items == {}

    sent = await client.post("/dang-ky", data=sign_up_form(token))
    assert sent.status_code == 200
    assert "Cán bộ Sở sẽ xác minh" in sent.text
    (organization_id,) = registry.items
    assert organization_id.startswith("org_moi_")

    await client.post("/dang-xuat", data={"csrf_token": token})
    await sign_in(client, "broker-01")
    queue = await client.get("/moi-gioi/to-chuc")
    assert "HTX Dược liệu Tu Mơ Rông" in queue.text
    assert "ylan@htx.vn" in queue.text
    verified = await client.post(
        f"/moi-gioi/to-chuc/{organization_id}/xac-minh", data={"csrf_token": token}
    )
    assert verified.status_code == 303
    assert registry.items[organization_id]["verified"] is True
    assert "HTX Dược liệu Tu Mơ Rông" not in (await client.get("/moi-gioi/to-chuc")).text


async def test_a_broker_finds_a_verified_organisation_in_the_directory_without_diacritics(
    client: httpx.AsyncClient, registry: InMemoryRegistry
) -> None:
    token = await sign_in(client, "nguoi-dung-moi", name="Bà Y Lan")
    await client.post("/dang-ky", data=sign_up_form(token))
    (organization_id,) = registry.items
    await client.post("/dang-xuat", data={"csrf_token": token})
    token = await sign_in(client, "broker-01")
    assert "HTX Dược liệu Tu Mơ Rông" not in (await client.get("/moi-gioi/danh-ba")).text

    await client.post(f"/moi-gioi/to-chuc/{organization_id}/xac-minh", data={"csrf_token": token})
    found = await client.get("/moi-gioi/danh-ba", params={"q": "htx duoc lieu"})
    missed = await client.get("/moi-gioi/danh-ba", params={"q": "ca phe"})

    assert found.status_code == 200
    assert f'<a href="/don-vi/{organization_id}">HTX Dược liệu Tu Mơ Rông</a>' in found.text
    assert "ylan@htx.vn" in found.text
    assert "HTX Dược liệu Tu Mơ Rông" not in missed.text
    assert "0 tổ chức khớp với “ca phe”" in missed.text


async def test_an_organisation_cannot_open_the_verification_queue(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "htxmangden:giam-doc")
    assert (await client.get("/moi-gioi/to-chuc")).status_code == 403
    assert (await client.get("/moi-gioi/danh-ba")).status_code == 403


async def test_a_decline_needs_a_reason_and_both_interested_open_an_introduction(
    client: httpx.AsyncClient, desk: InMemoryMatchDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")  # owns the demand
    page = await client.get("/to-chuc/de-xuat")
    assert "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô" in page.text  # the offer
    assert "Cùng lĩnh vực · Trùng từ khóa: dược liệu" in page.text  # why it was proposed

    answer = "/to-chuc/de-xuat/mt_1/tra-loi"
    refused = await client.post(answer, data={"csrf_token": token, "interested": "no"})
    assert refused.status_code == 422
    assert "Chọn lý do không quan tâm." in refused.text
    interested = await client.post(answer, data={"csrf_token": token, "interested": "yes"})
    assert interested.status_code == 303
    assert "Đang chờ bên kia trả lời" in (await client.get("/to-chuc/de-xuat")).text
    assert "Chưa có kết nối nào" in (await client.get("/to-chuc/ket-noi")).text

    await client.post("/dang-xuat", data={"csrf_token": token})
    token = await sign_in(client, "ttsam:vien-truong")
    desk.matches["mt_1"]["offer_owner_organization_id"] = "org_ttsam_ngoclinh"
    await client.post(answer, data={"csrf_token": token, "interested": "yes"})
    introductions = await client.get("/to-chuc/ket-noi")
    assert "Đã giới thiệu hai bên" in introductions.text
    assert "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất" in introductions.text
    assert "Bước tiếp theo: Hẹn gặp" in introductions.text


async def test_another_organisations_proposal_cannot_be_answered(
    client: httpx.AsyncClient, desk: InMemoryMatchDesk
) -> None:
    token = await sign_in(client, "caphe-dakha:giam-doc")
    assert "Chưa có đề xuất nào" in (await client.get("/to-chuc/de-xuat")).text
    data = {"csrf_token": token, "interested": "yes"}
    answered = await client.post("/to-chuc/de-xuat/mt_1/tra-loi", data=data)
    assert answered.status_code == 404
    assert desk.matches["mt_1"]["demand_answer"] is None
