"""The press digest for media partners and the public feeds."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest

from tests.integration.notifications.conftest import MovableClock, Notifications, html_of, text_of
from tests.integration.notifications.events import offer
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
