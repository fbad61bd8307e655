"""The press digest for media partners and the public feeds."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest

from shared.events.connection_events import ConnectionEventCancelled
from tests.integration.notifications.conftest import MovableClock, Notifications, html_of, text_of
from tests.integration.notifications.events import offer, programme_opened, techmart_announced
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(start=MORNING)


async def test_the_daily_digest_renders_the_days_events(
    notifications: Notifications, clock: MovableClock
) -> None:
    n = notifications
    address = f"toasoan.{n.unique}@baoquangngai.vn"
    await n.subscribe_email(
        address, kind="media_partner", frequency="daily", filters={"districts": [n.district]}
    )
    await n.produce(
        offer(n.unique, 1, n.district),
        offer(n.unique, 2, n.district, kind="demand", title="Cần công nghệ sấy lạnh dược liệu"),
        offer(n.unique, 3, n.district, sector="healthcare", title="Bộ xét nghiệm nhanh"),
        time=MORNING + timedelta(hours=1),
    )
    await n.produce(
        offer(n.unique, 4, n.district, title="Tin của ngày mai"), time=MORNING + timedelta(days=1)
    )

    async def all_four_stored() -> bool:
        return await n.notices_stored() == 4

    await eventually(all_four_stored)
    clock.offset = timedelta(hours=22, minutes=5)  # 07:05 the next morning
    [_, digest] = await n.mail_to(address, 2)
    assert digest["Subject"] == "Bản tin ngày Sàn giao dịch công nghệ Quảng Ngãi – 20/11/2026"
    text = text_of(digest)
    assert "CÔNG NGHỆ MỚI CHÀO BÁN" in text
    assert text.index("Dược liệu") < text.index("Y tế")
    assert "Cần công nghệ sấy lạnh dược liệu" in text
    assert "Tin của ngày mai" not in text
    assert "Bộ xét nghiệm nhanh" in html_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


async def test_the_public_feeds_parse(notifications: Notifications) -> None:
    n = notifications
    await n.produce(offer(n.unique, 1, n.district, title=f"Sấy thăng hoa {n.unique}"))

    async def listed() -> bool:
        reply = await n.client.get("/feeds/atom.xml", params={"sector": "medicinal_herbs"})
        return any(n.unique in e.title for e in feedparser.parse(reply.content).entries)

    await eventually(listed)
    atom = feedparser.parse((await n.client.get("/feeds/atom.xml")).content)
    assert not atom.bozo
    assert atom.version == "atom10"
    [entry] = [e for e in atom.entries if n.unique in e.title]
    assert entry.title == f"[Chào bán công nghệ] Sấy thăng hoa {n.unique}"
    assert entry.link.endswith(f"/lst_{n.unique}_1")
    rss = feedparser.parse((await n.client.get("/feeds/rss.xml")).content)
    assert not rss.bozo
    assert rss.version == "rss20"
    json_feed = (await n.client.get("/feeds/feed.json")).json()
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert any(n.unique in item["title"] for item in json_feed["items"])


async def test_techmarts_and_awards_reach_the_feeds_linking_the_portals_pages(
    notifications: Notifications,
) -> None:
    n = notifications
    event_id = f"evt_{n.unique}"
    await n.produce(techmart_announced(event_id, f"Techmart sấy lạnh {n.unique}"))
    await n.produce(ConnectionEventCancelled(event_id=event_id, reason="Lũ lớn, hoãn sự kiện."))
    await n.produce(programme_opened(n.unique))

    async def both_in_the_event_feed() -> bool:
        reply = await n.client.get("/feeds/atom.xml", params={"kind": "event"})
        entries = feedparser.parse(reply.content).entries
        return sum(n.unique in e.title for e in entries) == 2

    await eventually(both_in_the_event_feed)
    atom = feedparser.parse(
        (await n.client.get("/feeds/atom.xml", params={"kind": "event"})).content
    )
    assert not atom.bozo
    mine = [e for e in atom.entries if n.unique in e.title]
    assert {e.title for e in mine} == {f"[Sự kiện kết nối] Techmart sấy lạnh {n.unique}"}
    assert {e.link for e in mine} == {f"{n.settings.portal_url}/su-kien/{event_id}"}
    assert any("Sự kiện bị hủy: Lũ lớn" in e.summary for e in mine)

    async def award_listed() -> bool:
        reply = (await n.client.get("/feeds/feed.json", params={"kind": "award"})).json()
        return any(item["url"].endswith(f"/ton-vinh/awp_{n.unique}") for item in reply["items"])

    await eventually(award_listed)
