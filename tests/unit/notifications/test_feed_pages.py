"""Paged public feeds: newest first, ties by id, each page after the last of the one before
(an opaque keyset cursor), the filters kept in every next link, a forged cursor refused."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest

from services.notifications.domain.feed_pages import (
    FeedCursor,
    FeedPage,
    FeedSelection,
    InvalidCursorError,
)
from services.notifications.domain.notices import Notice, NoticeKind
from services.notifications.service.feeds import Feeds
from shared.events.vocabulary import Sector
from tests.unit.notifications.fakes import InMemoryNotices
from tests.unit.notifications.test_templates import renderer

AT = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
BASE = "https://thongbao.khcn.quangngai.gov.vn"


def notice(number: int, at: datetime, kind: NoticeKind = NoticeKind.OFFER) -> Notice:
    return Notice(
        event_id=f"evn_{number:02d}", event_type="stx.listing.published", kind=kind,
        occurred_at=at, subject_id=f"lst_{number:02d}", title=f"Sấy lạnh dược liệu số {number}",
        sector=Sector.MEDICINAL_HERBS, listing_ids=(f"lst_{number:02d}",),
    )  # fmt: skip


async def feeds_of(*notices: Notice, size: int = 3) -> Feeds:
    store = InMemoryNotices()
    for n in notices:
        await store.add(n, None)
    return Feeds(store, renderer, BASE, "Quảng Ngãi", size, lambda: AT)


def cursor_of(url: str) -> FeedCursor:
    [text] = parse_qs(urlsplit(url).query)["cursor"]
    return FeedCursor.decode(text)


# --- cursors ----------------------------------------------------------------------------------


def test_a_cursor_names_the_notice_a_page_starts_after() -> None:
    cursor = FeedCursor.after(notice(1, AT))
    assert FeedCursor.decode(cursor.encode()) == cursor
    assert cursor.precedes(notice(2, AT - timedelta(seconds=1)))
    assert cursor.precedes(notice(0, AT))  # same moment, smaller id
    assert not cursor.precedes(notice(2, AT))


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "forged",
    [
        "not-a-cursor!",
        b64("[1, 2]"),
        b64('{"published": "hôm qua", "notice_id": "evn_01"}'),
        b64('{"published": "2026-12-03T09:00:00", "notice_id": "evn_01"}'),  # no time zone
        b64('{"published": "2026-12-03T09:00:00Z", "notice_id": ""}'),
        b64('{"published": "2026-12-03T09:00:00Z", "notice_id": {"$gt": ""}}'),
        b64('{"published": "2026-12-03T09:00:00Z", "notice_id": "evn_01", "mode": "recent"}'),
        b64('{"published": "0001-01-01T00:00:00+14:00", "notice_id": "evn_01"}'),  # before UTC
    ],
)
def test_a_forged_cursor_is_refused_on_the_cursor_field(forged: str) -> None:
    with pytest.raises(InvalidCursorError) as refused:
        FeedCursor.decode(forged)
    assert refused.value.field == "cursor"


def test_a_page_has_a_next_cursor_only_when_more_notices_follow() -> None:
    three = [notice(n, AT - timedelta(hours=n)) for n in range(3)]
    assert FeedPage.of(three, 3).next is None
    assert FeedPage.of(three, 2) == FeedPage(three[:2], FeedCursor.after(three[1]))
    assert FeedPage.of([], 3) == FeedPage([], None)


def test_a_link_keeps_the_filters_and_adds_the_cursor() -> None:
    cursor = FeedCursor.after(notice(1, AT))
    selection = FeedSelection(sector=Sector.MEDICINAL_HERBS, kind=NoticeKind.DEMAND)
    assert selection.query() == "?sector=medicinal_herbs&kind=demand"
    assert (
        selection.query(cursor) == f"?sector=medicinal_herbs&kind=demand&cursor={cursor.encode()}"
    )
    assert FeedSelection().query() == ""


# --- the feeds, page by page ------------------------------------------------------------------


async def test_following_next_url_shows_every_notice_once_newest_first() -> None:
    # two notices of the same moment straddle a page boundary: the id breaks the tie
    moments = [
        AT,
        AT,
        AT - timedelta(minutes=1),
        AT - timedelta(minutes=1),
        AT - timedelta(hours=1),
    ]
    notices = [notice(n, at) for n, at in enumerate(moments, start=1)]
    notices += [notice(9, AT - timedelta(days=1), kind=NoticeKind.DEMAND)]
    feeds = await feeds_of(*notices, size=2)

    seen: list[str] = []
    page = await feeds.json_feed(FeedSelection(kind=NoticeKind.OFFER))
    while True:
        seen += [item["id"] for item in page["items"]]
        assert page["feed_url"] == f"{BASE}/feeds/feed.json?kind=offer"
        if "next_url" not in page:
            break
        assert parse_qs(urlsplit(page["next_url"]).query)["kind"] == ["offer"]
        page = await feeds.json_feed(
            FeedSelection(kind=NoticeKind.OFFER, after=cursor_of(page["next_url"]))
        )
    assert seen == [f"urn:stx:notice:evn_0{n}" for n in (2, 1, 4, 3, 5)]


async def test_each_json_item_says_when_it_was_published_and_last_modified() -> None:
    feeds = await feeds_of(notice(1, AT))
    [item] = (await feeds.json_feed(FeedSelection()))["items"]
    assert item["date_published"] == item["date_modified"] == AT.isoformat()


async def test_the_atom_page_links_itself_the_first_page_and_the_next() -> None:
    feeds = await feeds_of(*(notice(n, AT - timedelta(hours=n)) for n in range(1, 6)), size=2)
    first = feedparser.parse(await feeds.atom(FeedSelection(sector=Sector.MEDICINAL_HERBS)))
    assert not first.bozo
    links = {link.rel: link.href for link in first.feed.links}
    assert links["first"] == links["self"] == f"{BASE}/feeds/atom.xml?sector=medicinal_herbs"
    assert links["alternate"] == BASE
    second = feedparser.parse(
        await feeds.atom(
            FeedSelection(sector=Sector.MEDICINAL_HERBS, after=cursor_of(links["next"]))
        )
    )
    assert [e.id for e in second.entries] == ["urn:stx:notice:evn_03", "urn:stx:notice:evn_04"]
    assert {link.rel: link.href for link in second.feed.links}["self"] == links["next"]
    # the page's own `updated` is its newest entry's
    assert second.feed.updated_parsed == second.entries[0].updated_parsed
    assert second.entries[0].updated == (AT - timedelta(hours=3)).isoformat()


async def test_the_last_page_has_no_next_link() -> None:
    feeds = await feeds_of(notice(1, AT), notice(2, AT - timedelta(hours=1)), size=2)
    atom = feedparser.parse(await feeds.atom(FeedSelection()))
    assert "next" not in {link.rel for link in atom.feed.links}
    assert "next_url" not in await feeds.json_feed(FeedSelection())


async def test_the_rss_channel_carries_the_paging_links_as_atom_links() -> None:
    feeds = await feeds_of(*(notice(n, AT - timedelta(hours=n)) for n in range(1, 4)), size=2)
    rss = feedparser.parse(await feeds.rss(FeedSelection(kind=NoticeKind.OFFER)))
    assert not rss.bozo
    assert rss.version == "rss20"
    links = {link.rel: link.href for link in rss.feed.links}
    assert links["self"] == links["first"] == f"{BASE}/feeds/rss.xml?kind=offer"
    assert cursor_of(links["next"]) == FeedCursor.after(notice(2, AT - timedelta(hours=2)))
    assert rss.feed.link == BASE  # the channel's <link> stays the site's page
