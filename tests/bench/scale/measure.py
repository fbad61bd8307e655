"""What the scale run measures on a loaded stack: the public reads beside a direct store query,
the year's indicators, published → proposed under a paced load, and each process's memory."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from pymongo import MongoClient

from services.listings.repository import LISTINGS
from services.listings.search import SearchCriteria, Viewer, by_one_token, mongo_filter
from services.listings.settings import ListingsSettings
from shared.events.envelope import OutgoingRecord, source_of, to_record
from shared.events.listings import ListingPublished
from shared.events.vocabulary import ListingKind
from shared.topics import MATCHES
from tests.bench.bench_pipeline import latencies
from tests.bench.bench_portal_pages import QUERIES, ok, timed
from tests.bench.pipeline.probe import Probe, produce
from tests.bench.pipeline.stack import BenchStack, memory_mib
from tests.bench.pipeline.store import wait_count
from tests.bench.scale.data import SEEKERS, SUPPLIERS, ScaleData, published_listing
from tests.bench.scale.texts import composed_text

REPEATS = 5
PAGES = 200
PACED_COUNT = 40
PACED_TIMEOUT = 600.0


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else float("nan")


def direct(run: Callable[[str], object], args: list[str]) -> list[float]:
    out = []
    for arg in args:
        started = time.perf_counter()
        run(arg)
        out.append(1000 * (time.perf_counter() - started))
    return out


def reads(stack: BenchStack, data: ScaleData, seed: int) -> dict[str, float]:
    """p95 (ms) of the public search and listing reads: the store queried directly (the filter
    the listings service builds, narrowed to one token as its repository does, first 20), the
    listings API and the portal page, in one run on the same store."""
    listings, portal = stack.services["listings"].url, stack.services["portal"].url
    searches = [q for q in QUERIES for _ in range(REPEATS)]
    ids = random.Random(seed).sample([x.listing_id for x in data.listings], PAGES)
    store: MongoClient[dict[str, object]] = MongoClient(stack.mongo_url)
    collection = store[ListingsSettings().database_name][LISTINGS]

    def search(text: str) -> object:
        query, _ = by_one_token(mongo_filter(SearchCriteria(text=text), Viewer()))
        return collection.find(query).limit(20).to_list()

    try:
        with (
            httpx.Client(base_url=listings, timeout=60) as api,
            httpx.Client(base_url=portal, timeout=60) as site,
        ):
            timed(site, ["/search?q=sấy", f"/listings/{ids[0]}"], ok)  # warm both up
            return {
                "search p95 ms: store direct": p95(direct(search, searches)),
                "search p95 ms: listings API": p95(
                    timed(api, [f"/v1/listings?q={q}&limit=20" for q in searches], ok)
                ),
                "search p95 ms: portal page": p95(
                    timed(site, [f"/search?q={q}" for q in searches], ok)
                ),
                "listing p95 ms: store direct": p95(
                    direct(lambda i: collection.find_one({"_id": i}), ids)
                ),
                "listing p95 ms: listings API": p95(
                    timed(api, [f"/v1/listings/{i}" for i in ids], ok)
                ),
                "listing p95 ms: portal page": p95(
                    timed(site, [f"/listings/{i}" for i in ids], ok)
                ),
            }
    finally:
        store.close()


def indicators(stack: BenchStack, year: int) -> dict[str, float]:
    """Time to answer `GET /v1/indicators?period=<year>`: first (computed) and second (cached)."""
    out = {}
    with httpx.Client(base_url=stack.services["matching"].url, timeout=600) as api:
        for label in ("first", "second"):
            started = time.perf_counter()
            response = api.get("/v1/indicators", params={"period": str(year)})
            out[f"indicators {year} ms: {label} answer"] = 1000 * (time.perf_counter() - started)
            ok(response)
    return out


def paced_records(data: ScaleData, seed: int) -> list[OutgoingRecord]:
    """New listings (texts never embedded before) as the listings service publishes them."""
    rng = random.Random(seed)
    owners = {
        ListingKind.OFFER: [o for o in data.organizations if o.details.kind in SUPPLIERS],
        ListingKind.DEMAND: [o for o in data.organizations if o.details.kind in SEEKERS],
    }
    records = []
    for number in range(PACED_COUNT):
        kind = ListingKind.OFFER if number % 2 == 0 else ListingKind.DEMAND
        owner = rng.choice(owners[kind])
        listing = published_listing(
            f"lst_scale_paced_{number:04d}", composed_text(rng, kind), owner, rng, datetime.now(UTC)
        )
        event = ListingPublished(listing_id=listing.listing_id, listing=listing.snapshot())
        records.append(to_record(event, source=source_of("bench", "listings")))
    return records


async def paced(stack: BenchStack, data: ScaleData, seed: int, rate: float) -> dict[str, float]:
    """`PACED_COUNT` listings at `rate` a second; p50/p95 of published → first proposed
    (send time → CreateTime of the first `stx.match.proposed` it caused)."""
    records = paced_records(data, seed)
    probe = Probe(stack.bootstrap, [MATCHES])
    await probe.start()
    sent = await produce(stack.bootstrap, records, interval=1 / rate)
    await wait_count(
        stack.mongo_url, "stx_matching", "processed_events",
        {"_id": {"$in": list(sent)}}, len(sent), PACED_TIMEOUT,
    )  # fmt: skip
    await asyncio.sleep(3.0)  # the outbox relay publishes the last proposals
    await probe.stop()
    lat, _ = latencies(sent, probe.seen.proposals)
    ms = sorted(1000 * x for x in lat)
    return {
        "paced listings with a proposal": float(len(ms)),
        "published → proposed p50 ms": statistics.median(ms) if ms else float("nan"),
        "published → proposed p95 ms": p95(ms),
    }


def memory(stack: BenchStack) -> dict[str, float]:
    out = {}
    for key, service in stack.services.items():
        rss, peak = memory_mib(service.pid)
        out[f"RSS MiB: {key}"], out[f"peak RSS MiB: {key}"] = rss, peak
    return out
