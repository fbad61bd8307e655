"""The public pages through the whole ASGI app, with the listings API faked in memory."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryListingsDirectory,
    anonymous_demand_json,
    event_json,
    institute_json,
    offer_json,
    portal_client,
)


@pytest.fixture
def directory() -> InMemoryListingsDirectory:
    return InMemoryListingsDirectory(
        offer_json(),
        anonymous_demand_json(),
        organizations=(institute_json(),),
    )


@pytest.fixture
async def client(directory: InMemoryListingsDirectory) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(
        listings=directory,
        events=InMemoryEvents(event_json(), event_json(event_id="evt_x", status="closed")),
    ) as client:
        yield client


async def test_the_home_page_lists_the_latest_offers_and_demands(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Quy trình nhân giống sâm Ngọc Linh" in response.text
    assert "Cần công nghệ sấy lạnh dược liệu" in response.text
    assert 'href="/su-kien/evt_techmart_2026"' in response.text  # upcoming, not the closed one
    assert "/su-kien/evt_x" not in response.text
    assert 'href="http://127.0.0.1:8003/feeds/atom.xml"' in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


async def test_a_search_typed_without_diacritics_is_passed_on_as_typed(
    client: httpx.AsyncClient, directory: InMemoryListingsDirectory
) -> None:
    response = await client.get("/search", params={"q": "sam ngoc linh", "kind": "offer"})
    assert response.status_code == 200
    assert directory.asked[-1] == {"q": "sam ngoc linh", "kind": "offer"}
    assert 'href="/listings/lst_sam_nuoi_cay_mo"' in response.text


async def test_a_bad_filter_is_shown_next_to_its_field_and_nothing_is_asked(
    client: httpx.AsyncClient, directory: InMemoryListingsDirectory
) -> None:
    response = await client.get("/search", params={"kind": "sale"})
    assert response.status_code == 422
    assert 'id="kind-error"' in response.text
    assert "chào bán hoặc đặt hàng" in response.text
    assert directory.asked == []


async def test_an_anonymous_demand_page_names_no_owner(client: httpx.AsyncClient) -> None:
    response = await client.get("/listings/lst_can_may_say")
    assert response.status_code == 200
    assert "Bên đặt hàng ẩn danh" in response.text
    assert "Hợp tác xã</dd>" not in response.text


async def test_text_from_a_listing_is_escaped(directory: InMemoryListingsDirectory) -> None:
    directory.items["lst_x"] = offer_json(listing_id="lst_x", title="<script>alert(1)</script>")
    async with portal_client(listings=directory) as client:
        response = await client.get("/listings/lst_x")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize("path", ["/listings/khong-co", "/listings/..%2F..%2Fetc", "/khong-co"])
async def test_what_does_not_exist_is_a_vietnamese_404_page(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.text
    assert response.headers["content-type"].startswith("text/html")


async def test_a_listings_outage_is_a_503_page_not_a_crash() -> None:
    async with portal_client(listings=InMemoryListingsDirectory(down=True)) as client:
        response = await client.get("/")
    assert response.status_code == 503
    assert "tạm thời" in response.text


async def test_the_home_shows_the_market_when_the_events_calendar_does_not_answer() -> None:
    listings = InMemoryListingsDirectory(offer_json())
    async with portal_client(listings=listings, events=InMemoryEvents(down=True)) as client:
        response = await client.get("/")
    assert response.status_code == 200
    assert "Lịch sự kiện tạm thời không tải được" in response.text
    assert offer_json()["title"] in response.text


async def test_an_owner_links_to_its_profile_which_lists_what_it_published(
    client: httpx.AsyncClient,
) -> None:
    listing = await client.get("/listings/lst_sam_nuoi_cay_mo")
    assert '<a href="/don-vi/org_vien_duoc_lieu">Viện Dược liệu</a>' in listing.text
    profile = await client.get("/don-vi/org_vien_duoc_lieu")
    assert profile.status_code == 200
    assert "Xã Măng Đen, Quảng Ngãi" in profile.text
    assert "Đã được Sở KH&amp;CN xác minh" in profile.text
    assert 'href="/listings/lst_sam_nuoi_cay_mo"' in profile.text


async def test_an_anonymous_demand_links_to_no_profile(client: httpx.AsyncClient) -> None:
    response = await client.get("/listings/lst_can_may_say")
    assert "/don-vi/" not in response.text
    assert (await client.get("/don-vi/org_khong_co")).status_code == 404
