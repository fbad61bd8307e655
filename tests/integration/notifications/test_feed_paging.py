"""The public feeds, paged, on the real broker and store: a real feed parser (feedparser) reads
every page of Atom and RSS without complaint and follows `next` to the end, JSON Feed pages
keep to version 1.1, every notice is seen exactly once, filters survive paging, a forged cursor
is refused on `cursor`, and a page on another origin may read them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import pytest

from tests.integration.notifications.conftest import PUBLIC_URL, Notifications
from tests.integration.notifications.events import offer
from tests.integration.notifications.json_feed_schema import check_json_feed
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
PAGE = 3
MONDAY = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


@pytest.fixture
def overrides() -> dict[str, Any]:
    return {"feed_max_entries": PAGE}


async def publish_eight(n: Notifications) -> None:
    """Seven offers and a demand, several published at the same moment (ties across pages)."""
    moments = [MONDAY, MONDAY, MONDAY, MONDAY + timedelta(hours=1), MONDAY + timedelta(hours=1),
               MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)]  # fmt: skip
    for number, moment in enumerate(moments, start=1):
        await n.produce(offer(n.unique, number, n.district), time=moment)
    demand = offer(n.unique, 8, n.district, kind="demand", title="Cần máy sấy lạnh dược liệu")
    await n.produce(demand, time=MONDAY + timedelta(hours=2))

    async def all_stored() -> bool:
        return await n.notices_stored() == 8

    await eventually(all_stored)


async def pages_of(n: Notifications, path: str, **params: str) -> list[bytes]:
    """Every page, following `rel="next"` as a feed reader does."""
    pages: list[bytes] = []
    url: str | None = path
    first = True
    while url is not None:
        reply = await n.client.get(url, params=params if first else None)
        assert reply.status_code == 200, reply.text
        assert reply.headers["access-control-allow-origin"] == "*"
        pages.append(reply.content)
        first = False
        parsed = feedparser.parse(reply.content)
        assert not parsed.bozo, parsed.bozo_exception
        following = [link.href for link in parsed.feed.links if link.rel == "next"]
        url = following[0].removeprefix(PUBLIC_URL) if following else None
    return pages


def ids_in(pages: list[bytes]) -> list[str]:
    return [entry.id for page in pages for entry in feedparser.parse(page).entries]


async def test_a_feed_reader_follows_the_atom_and_rss_pages_and_sees_every_notice_once(
    notifications: Notifications,
) -> None:
    n = notifications
    await publish_eight(n)
    atom = await pages_of(n, "/feeds/atom.xml")
    assert len(atom) == 3
    ids = ids_in(atom)
    assert len(ids) == len(set(ids)) == 8
    first = feedparser.parse(atom[0])
    assert first.version == "atom10"
    assert {link.rel for link in first.feed.links} >= {"self", "first", "next"}
    assert first.feed.updated_parsed == first.entries[0].updated_parsed
    for page in atom:
        for entry in feedparser.parse(page).entries:
            assert entry.updated_parsed == entry.published_parsed

    rss = await pages_of(n, "/feeds/rss.xml")
    assert feedparser.parse(rss[0]).version == "rss20"
    assert ids_in(rss) == ids


async def test_the_filters_stay_on_every_page(notifications: Notifications) -> None:
    n = notifications
    await publish_eight(n)
    offers = await pages_of(n, "/feeds/atom.xml", kind="offer", sector="medicinal_herbs")
    titles = [e.title for page in offers for e in feedparser.parse(page).entries]
    assert len(titles) == 7
    assert all(t.startswith("[Chào bán công nghệ]") for t in titles)
    # newest first: the offer of day three, then day two, then the four of Monday's two moments
    assert titles[0].endswith("số 7")
    assert titles[1].endswith("số 6")


async def test_json_feed_pages_keep_to_version_1_1_and_end(notifications: Notifications) -> None:
    n = notifications
    await publish_eight(n)
    seen: list[str] = []
    next_urls: list[str] = []
    reply = await n.client.get("/feeds/feed.json")
    while True:
        assert reply.status_code == 200, reply.text
        assert reply.headers["content-type"] == "application/feed+json"
        assert reply.headers["access-control-allow-origin"] == "*"
        page = reply.json()
        check_json_feed(page)
        assert page["feed_url"] == f"{PUBLIC_URL}/feeds/feed.json"
        seen += [item["id"] for item in page["items"]]
        if "next_url" not in page:
            break
        # the spec: next_url is neither feed_url nor one given before (no endless loops)
        assert page["next_url"] not in (page["feed_url"], *next_urls)
        next_urls.append(page["next_url"])
        reply = await n.client.get(page["next_url"].removeprefix(PUBLIC_URL))
    assert len(seen) == len(set(seen)) == 8
    assert len(next_urls) == 2


async def test_a_forged_cursor_is_refused_naming_the_cursor(notifications: Notifications) -> None:
    n = notifications
    for path in ("/feeds/atom.xml", "/feeds/rss.xml", "/feeds/feed.json"):
        reply = await n.client.get(path, params={"cursor": "eyJwdWJsaXNoZWQiOiAxfQ"})
        assert reply.status_code == 422
        assert reply.headers["content-type"] == "application/problem+json"
        [error] = reply.json()["errors"]
        assert error["field"] == "query.cursor"
        assert "start again without it" in error["message"]
