"""The public pages in English through the whole ASGI app, the services' APIs faked in memory:
once a visitor follows the header's switch, no Vietnamese word of the portal's own remains
(only the owners' text, names and places), dates and money are written the English way, and the
switch never sends anyone to another site."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx
import pytest
from markupsafe import escape

from services.portal.settings import DEMO_USERS
from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryIndicators,
    InMemoryListingsDirectory,
    anonymous_demand_json,
    event_json,
    indicators_json,
    institute_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json, results_json

OFFER = offer_json(
    title_en="Tissue-culture propagation of Ngoc Linh ginseng",
    description_en="Five stages from callus to hardened plantlets.",
    ocop_products=[{"name": "Sâm Ngọc Linh Măng Đen", "stars": 4}],
)
DEMAND = anonymous_demand_json()
INSTITUTE = institute_json()
EVENTS = (
    event_json(),
    event_json(event_id="evt_x", status="closed"),
    event_json(event_id="evt_huy", status="cancelled", cancelled_reason="Hoãn vì mưa bão"),
)
SEEKER, SUPPLIER = "org_htx_mangden", "org_ttsam_ngoclinh"
PARTIES = (
    institute_json(organization_id=SEEKER, name="HTX Dược liệu Măng Đen"),
    institute_json(organization_id=SUPPLIER, name="Trung tâm Sâm Ngọc Linh"),
)
DEMO_NAMES = tuple(user.name for user in DEMO_USERS)
PROGRAMME = programme_json()
RESULTS = results_json()
OWNERS_TEXT = (OFFER, DEMAND, INSTITUTE, *EVENTS, PROGRAMME, RESULTS, *PARTIES, DEMO_NAMES)
"""Everything the fakes answer, and the demo users' names on the sign-in page, is someone's own
text: shown as written, never translated."""

PLACES_AND_SWITCH = ("Quảng Ngãi", "Tiếng Việt")
VIETNAMESE_LETTER = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
PUBLIC_PAGES = (
    "/",
    "/search?q=sam+ngoc+linh",
    "/search?kind=sale",
    "/listings/lst_sam_nuoi_cay_mo",
    "/listings/lst_can_may_say",
    "/don-vi/org_vien_duoc_lieu",
    "/su-kien",
    "/su-kien/evt_techmart_2026",
    "/su-kien/evt_huy",
    "/dang-nhap",
    "/ton-vinh",
    "/ton-vinh/prg_2026",
    "/chi-so?ky=2026-Q4",
    "/chi-so?ky=quy-4",
    "/nhan-tin",
    "/khong-co-trang-nay",
)
VIETNAMESE_CHROME = (
    "Trang chủ",
    "Tìm công nghệ",
    "Sự kiện",
    "Tôn vinh",
    "Chỉ số thị trường",
    "Bỏ qua, đến nội dung chính",
    "Điều hướng chính",
    "Đăng ký nhận tin",
    "Sở Khoa học và Công nghệ",
    "Giờ Việt Nam",
)
ENGLISH_CHROME = (
    "Home",
    "Find technology",
    "Events",
    "Awards",
    "Market indicators",
    "Skip to the main content",
    'aria-label="Main navigation"',
    "Subscribe to the news by e-mail",
    "Department of Science and Technology of Quảng Ngãi province",
    "Vietnam time (UTC+7)",
)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(
        listings=InMemoryListingsDirectory(OFFER, DEMAND, organizations=(INSTITUTE,)),
        events=InMemoryEvents(*EVENTS),
        awards=InMemoryAwards(PROGRAMME, results={"prg_2026": RESULTS}),
        indicators=InMemoryIndicators(indicators_json()),
    ) as client:
        yield client


async def in_english(client: httpx.AsyncClient) -> None:
    switched = await client.get("/ngon-ngu/en", params={"tiep": "/"})
    assert switched.status_code == 303


def texts_of(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from texts_of(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_of(item)


def portal_words(html: str) -> str:
    """The page without what the owners wrote, the place names and the switch back."""
    owners = sorted({t for raw in OWNERS_TEXT for t in texts_of(raw)}, key=len, reverse=True)
    for text in (*owners, *PLACES_AND_SWITCH):
        html = html.replace(str(escape(text)), "").replace(text, "")
    return html


@pytest.mark.parametrize("path", PUBLIC_PAGES)
async def test_a_public_page_in_english_keeps_no_vietnamese_word_of_the_portal(
    client: httpx.AsyncClient, path: str
) -> None:
    await in_english(client)
    response = await client.get(path)
    assert '<html lang="en">' in response.text
    left = VIETNAMESE_LETTER.findall(portal_words(response.text))
    assert left == [], f"{path}: {''.join(left)}"
    for vietnamese in VIETNAMESE_CHROME:
        assert vietnamese not in portal_words(response.text)
    for english in ENGLISH_CHROME:
        assert english in response.text
    assert 'href="/ngon-ngu/vi?tiep=' in response.text


async def test_english_dates_money_readiness_and_the_owner_s_english_title(
    client: httpx.AsyncClient,
) -> None:
    await in_english(client)
    offer = (await client.get("/listings/lst_sam_nuoi_cay_mo")).text
    assert "<h1>Tissue-culture propagation of Ngoc Linh ginseng</h1>" in offer
    assert '<p lang="vi">Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô</p>' in offer
    assert "Five stages from callus to hardened plantlets." in offer
    assert "<dd>1,200,000,000 VND</dd>" in offer
    assert "<dd>3 Dec 2026</dd>" in offer  # 20:00 UTC on the 2nd is the 3rd in the province
    assert "<dd>TRL 7/9</dd>" in offer
    assert "Sâm Ngọc Linh Măng Đen (OCOP 4 stars)" in offer
    assert "Research institute or centre" in offer
    assert "Medicinal herbs" in offer
    demand = (await client.get("/listings/lst_can_may_say")).text
    assert "Anonymous demander" in demand
    assert "<dd>up to 500,000,000 VND</dd>" in demand
    assert "<dd>TRL 6 or higher</dd>" in demand
    assert "<dd>30 Jun 2027</dd>" in demand
    calendar = (await client.get("/su-kien")).text
    assert "08:00–17:00 10 Dec 2026" in calendar  # 01:00–10:00 UTC in Asia/Ho_Chi_Minh
    indicators = (await client.get("/chi-so?ky=2026-Q4")).text
    assert "1 Oct 2026 – 31 Dec 2026" in indicators
    assert "<strong>1,200,000,000 VND</strong>" in indicators


async def test_vietnamese_is_the_default_and_the_switch_brings_it_back(
    client: httpx.AsyncClient,
) -> None:
    home = await client.get("/")
    assert '<html lang="vi">' in home.text
    assert "Trang chủ" in home.text
    assert "1.200.000.000 ₫" not in home.text
    assert 'href="/ngon-ngu/en?tiep=/" lang="en" hreflang="en" data-switch="en">English</a>' in (
        home.text
    )
    offer = (await client.get("/listings/lst_sam_nuoi_cay_mo")).text
    assert "<h1>Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô</h1>" in offer
    assert "<dd>1.200.000.000 ₫</dd>" in offer
    assert "<dd>03/12/2026</dd>" in offer
    await in_english(client)
    back = await client.get("/ngon-ngu/vi", params={"tiep": "/search?q=sâm&kind=offer"})
    assert back.headers["location"] == "/search?q=s%C3%A2m&kind=offer"
    assert '<html lang="vi">' in (await client.get(back.headers["location"])).text


async def test_the_switch_is_a_year_long_lax_http_only_cookie_and_returns_to_the_page(
    client: httpx.AsyncClient,
) -> None:
    search = await client.get("/search", params={"q": "sam", "kind": "offer"})
    assert 'href="/ngon-ngu/en?tiep=/search%3Fq%3Dsam%26kind%3Doffer"' in search.text
    switched = await client.get("/ngon-ngu/en", params={"tiep": "/search?q=sam&kind=offer"})
    assert switched.status_code == 303
    assert switched.headers["location"] == "/search?q=sam&kind=offer"
    cookie = switched.headers["set-cookie"]
    assert cookie.startswith("stx_lang=en;")
    assert "Max-Age=31536000" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/",
        "//evil.example/search",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\r\nSet-Cookie: x=1",
        "/\tevil",
        "",
    ],
)
async def test_the_switch_never_returns_to_another_site(
    client: httpx.AsyncClient, elsewhere: str
) -> None:
    switched = await client.get("/ngon-ngu/en", params={"tiep": elsewhere})
    assert switched.status_code == 303
    assert switched.headers["location"] == "/"


async def test_an_unknown_or_forged_language_is_vietnamese(client: httpx.AsyncClient) -> None:
    assert (await client.get("/ngon-ngu/fr")).status_code == 404
    client.cookies.set("stx_lang", "<script>")
    assert '<html lang="vi">' in (await client.get("/")).text
