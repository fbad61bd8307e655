"""An organisation's pages through the ASGI app: development sign-in, a new draft refused in
Vietnamese next to its field, saved once fixed, sent to review; CSRF and sessions enforced."""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator

import httpx
import pytest

from services.portal.settings import PortalSettings
from tests.unit.portal.fakes import (
    InMemoryOwnListings,
    portal_client,
)

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ORG = "org_htx_mangden"
SUBJECT = "htxmangden:giam-doc"


@pytest.fixture
def own() -> InMemoryOwnListings:
    return InMemoryOwnListings()


@pytest.fixture
async def client(own: InMemoryOwnListings) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(own=own) as client:
        yield client


async def csrf(client: httpx.AsyncClient, path: str) -> str:
    match = TOKEN.search((await client.get(path)).text)
    assert match, path
    return match.group(1)


async def signed_in(client: httpx.AsyncClient) -> str:
    token = await csrf(client, "/dang-nhap")
    response = await client.post("/dang-nhap", data={"csrf_token": token, "subject": SUBJECT})
    assert response.status_code == 303
    assert "httponly" in response.headers["set-cookie"].lower()
    return token


def demand(token: str, **changes: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "kind": "demand",
        "title": "Cần máy sấy lạnh dược liệu",
        "summary": "Hợp tác xã cần sấy đảng sâm giữ hoạt chất.",
        "description": "Hiện sấy bằng lò củi.",
        "sector": "medicinal_herbs",
    } | changes


async def test_my_listings_ask_for_sign_in_first(client: httpx.AsyncClient) -> None:
    response = await client.get("/to-chuc/tin")
    assert (response.status_code, response.headers["location"]) == (303, "/dang-nhap")


async def test_a_draft_is_refused_next_to_its_field_then_saved_and_sent_to_review(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)

    refused = await client.post("/to-chuc/tin/moi", data=demand(token, summary="Ngắn"))
    assert refused.status_code == 422
    assert '<small id="summary-error" class="field-error">Quá ngắn: tối thiểu 10 ký tự.' in (
        refused.text
    )
    assert 'value="Cần máy sấy lạnh dược liệu"' in refused.text  # what was typed stays
    assert own.items == {}

    saved = await client.post("/to-chuc/tin/moi", data=demand(token))
    assert saved.status_code == 303
    [(listing_id, item)] = own.items.items()
    assert (item["owner"], item["status"]) == (ORG, "draft")
    listed = await client.get(saved.headers["location"])
    assert "Bản nháp" in listed.text
    assert f'action="/to-chuc/tin/{listing_id}/gui"' in listed.text

    sent = await client.post(f"/to-chuc/tin/{listing_id}/gui", data={"csrf_token": token})
    assert sent.status_code == 303
    assert own.items[listing_id]["status"] == "submitted"
    assert "Chờ duyệt" in (await client.get("/to-chuc/tin")).text


async def test_a_form_without_the_csrf_token_is_refused(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    forged = demand(token)
    del forged["csrf_token"]
    response = await client.post("/to-chuc/tin/moi", data=forged)
    assert response.status_code == 403
    assert "Không được phép" in response.text
    other = await client.post("/to-chuc/tin/moi", data=demand("someone-elses-token"))
    assert other.status_code == 403
    assert own.items == {}


async def test_a_tampered_session_is_signed_out(client: httpx.AsyncClient) -> None:
    await signed_in(client)
    cookie = client.cookies["stx_session"].strip('"')
    assert ORG not in cookie  # encrypted: nothing to read, nothing to edit
    raw = bytearray(base64.urlsafe_b64decode(cookie + "=" * (-len(cookie) % 4)))
    raw[-1] ^= 1
    client.cookies.set("stx_session", base64.urlsafe_b64encode(bytes(raw)).decode())
    response = await client.get("/to-chuc/tin")
    assert (response.status_code, response.headers["location"]) == (303, "/dang-nhap")


async def test_there_is_no_development_sign_in_in_production(own: InMemoryOwnListings) -> None:
    settings = PortalSettings(
        log_format="console",
        environment="prod",
        jwt_secret="j" * 40,
        session_secret="p" * 40,
    )
    async with portal_client(settings, own=own) as client:
        assert (await client.get("/dang-nhap")).status_code == 404
        home = await client.get("/")
    assert home.status_code == 200
    assert 'href="/dang-nhap"' not in home.text


async def test_a_published_listing_is_renewed_then_withdrawn_with_a_reason(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    own.items["lst_p"] = {"listing_id": "lst_p", "owner": "org_htx_mangden", "kind": "offer",
                          "status": "published", "title": "Máy sấy bơm nhiệt"}  # fmt: skip
    page = await client.get("/to-chuc/tin")
    assert 'action="/to-chuc/tin/lst_p/gia-han"' in page.text
    assert 'action="/to-chuc/tin/lst_p/rut"' in page.text

    past = await client.post(
        "/to-chuc/tin/lst_p/gia-han", data={"csrf_token": token, "valid_until": "2026-01-01"}
    )
    assert past.status_code == 422
    assert "Chọn ngày hết hạn mới, sau hôm nay." in past.text
    renewed = await client.post(
        "/to-chuc/tin/lst_p/gia-han", data={"csrf_token": token, "valid_until": "2027-12-31"}
    )
    assert renewed.status_code == 303
    assert own.items["lst_p"]["valid_until"] == "2027-12-31"

    silent = await client.post("/to-chuc/tin/lst_p/rut", data={"csrf_token": token})
    assert silent.status_code == 422
    assert "Nêu lý do rút tin" in silent.text
    reason = {"csrf_token": token, "reason": "Đã chuyển giao ngoài sàn."}
    assert (await client.post("/to-chuc/tin/lst_p/rut", data=reason)).status_code == 303
    assert own.items["lst_p"]["status"] == "withdrawn"
