"""The techmart's page and the sign-in page in English through the ASGI app, the services'
APIs faked in memory: for an anonymous visitor, a broker and an organisation seated at the event
(with its own B2B schedule), no Vietnamese word of the portal's own remains; the owners' text and
names stay as written, and Vietnamese stays the default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import jwt
import pytest

from services.portal.settings import PortalSettings
from tests.unit.portal.fakes import InMemoryEvents, InMemoryListingsDirectory, portal_client
from tests.unit.portal.fakes_event_desk import InMemoryEventDesk
from tests.unit.portal.signing import sign_in
from tests.unit.portal.test_english_pages import (
    EVENTS,
    PARTIES,
    SEEKER,
    SUPPLIER,
    VIETNAMESE_LETTER,
    in_english,
    portal_words,
)


@pytest.fixture
async def public() -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(events=InMemoryEvents(*EVENTS)) as client:
        yield client


async def test_the_event_page_in_english_keeps_owners_text_and_writes_days_the_english_way(
    public: httpx.AsyncClient,
) -> None:
    await in_english(public)
    event = (await public.get("/su-kien/evt_techmart_2026")).text
    assert "<h1>Techmart Quảng Ngãi 2026</h1>" in event
    assert "Trung tâm Hội nghị tỉnh" in event
    assert 'Techmart</span> <span class="badge">Upcoming</span>' in event
    assert "<dt>When</dt><dd>08:00–17:00 10 Dec 2026</dd>" in event
    assert "<dt>Registration deadline</dt><dd>17:00 5 Dec 2026</dd>" in event
    assert "Medicinal herbs" in event
    cancelled = (await public.get("/su-kien/evt_huy")).text
    assert "Event cancelled: Hoãn vì mưa bão" in cancelled
    sign_in_page = (await public.get("/dang-nhap")).text
    assert "<h1>Sign in</h1>" in sign_in_page
    assert "Sign in and register a new organisation" in sign_in_page
    assert "Cán bộ Sở KH&amp;CN (môi giới)" in sign_in_page  # a demo user's name, as written


async def test_the_event_page_and_sign_in_page_stay_vietnamese_by_default(
    public: httpx.AsyncClient,
) -> None:
    event = (await public.get("/su-kien/evt_techmart_2026")).text
    assert '<html lang="vi">' in event
    assert "<dt>Thời gian</dt><dd>08:00–17:00 10/12/2026</dd>" in event
    assert "Chợ công nghệ (techmart)" in event
    assert 'href="/ngon-ngu/en?tiep=/su-kien/evt_techmart_2026"' in event
    sign_in_page = (await public.get("/dang-nhap")).text
    assert "Đăng nhập và đăng ký tổ chức mới" in sign_in_page
    assert '<html lang="vi">' in sign_in_page


@pytest.fixture
async def organisation() -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in as an organisation seated at the techmart, its B2B schedule drawn."""
    desk = InMemoryEventDesk()
    for org, role in ((SEEKER, "seeker"), (SUPPLIER, "supplier")):
        token = jwt.encode({"org_id": org, "roles": ["org"]}, "k" * 32, algorithm="HS256")
        await desk.register(EVENTS[0]["event_id"], {"role": role, "listing_ids": ["l"]}, token)
    broker = jwt.encode({"roles": ["broker"]}, "k" * 32, algorithm="HS256")
    await desk.generate_schedule(EVENTS[0]["event_id"], broker)
    async with portal_client(
        listings=InMemoryListingsDirectory(organizations=PARTIES),
        events=InMemoryEvents(*EVENTS),
        event_desk=desk,
    ) as client:
        await sign_in(client, "htxmangden:giam-doc")
        yield client


async def test_an_organisation_reads_its_own_b2b_schedule_in_english(
    organisation: httpx.AsyncClient,
) -> None:
    await in_english(organisation)
    response = await organisation.get("/su-kien/evt_techmart_2026?da-dang-ky=1")
    assert '<html lang="en">' in response.text
    left = VIETNAMESE_LETTER.findall(portal_words(response.text))
    assert left == [], "".join(left)
    schedule = response.text.split('id="my-schedule"')[1].split("</table>")[0]
    assert '<th scope="col">Time (Vietnam time)</th>' in schedule
    assert "<td>09:00 10 Dec 2026</td><td>1</td><td>Trung tâm Sâm Ngọc Linh</td>" in schedule
    assert "Your organisation is registered for the event." in response.text
    assert "Download your B2B schedule (.ics)" in response.text


async def test_a_broker_reads_the_event_page_and_its_navigation_in_english(
    public: httpx.AsyncClient,
) -> None:
    await sign_in(public, "broker-01")
    await in_english(public)
    response = await public.get("/su-kien/evt_techmart_2026")
    left = VIETNAMESE_LETTER.findall(portal_words(response.text))
    assert left == [], "".join(left)
    assert "Run the event: participants, waiting list, B2B schedule, results" in response.text
    assert "Organisation directory" in response.text


async def test_a_page_not_translated_stays_vietnamese_and_offers_no_switch(
    tmp_path: Path,
) -> None:
    """The development mail pages, for the local stack's developers only, stay Vietnamese."""
    settings = PortalSettings(log_format="console", mail_dir=tmp_path)
    async with portal_client(settings) as client:
        await in_english(client)
        inbox = (await client.get("/dev/mail")).text
    assert '<html lang="vi">' in inbox
    assert "Trang chủ" in inbox
    assert "/ngon-ngu/" not in inbox
