"""Portal pages at 10,000 listings: public search and listing pages, beside the bare API calls.

On an ephemeral local stack (Kafka + SecantusDB on free ports, the listings service and the
portal as real `python -m services.<name>` processes), 10,000 published listings of 40 verified
organisations are written straight into the listings store by the service's own domain and
repository code (publishing them through the API would take a quarter of an hour), then, in one
run, the same requests go to the listings API and to the portal page that calls it:

- search: 20 Vietnamese queries (with and without diacritics), each 10 times, 20 results;
- newest first (the home page's and a filter-only search's order): the listings API without a
  query, 200 times;
- listing: 200 listing pages picked at random (seeded).

Times are wall times of each request over loopback, the server's work plus a local HTTP round
trip on both rows. `STX_BENCH_PORTAL_LISTINGS` changes the size. Prints; never asserts.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from pymongo import AsyncMongoClient

from services.listings.domain.lifecycle import approve, submit
from services.listings.domain.listings import Listing, create_draft
from services.listings.domain.moderation import QualityScore
from services.listings.domain.organizations import (
    Organization,
    OrganizationDetails,
    register,
    verify,
)
from services.listings.domain.terms import ListingTerms
from services.listings.repository import (
    LISTINGS,
    LISTINGS_SEQ,
    OrganizationRepository,
    listing_document,
)
from services.listings.settings import ListingsSettings
from shared.events.vocabulary import ListingKind, TransferObject
from shared.sequence import COUNTERS
from tests.bench.bench_matching_engine import synthetic_listing
from tests.bench.pipeline.stack import BenchStack

SIZE = int(os.environ.get("STX_BENCH_PORTAL_LISTINGS", "10000"))
ORGANIZATIONS = 40
SEED = 20261203
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
QUERIES = (
    "sấy lạnh", "say lanh", "sâm Ngọc Linh", "sam ngoc linh", "cà phê", "ca phe", "chế biến",
    "mắc ca", "dược liệu", "duoc lieu", "bảo quản", "nuôi cấy mô", "xử lý nước thải", "chanh leo",
    "hồ tiêu", "ho tieu", "phân bón hữu cơ", "tinh bột sắn", "đóng gói", "truy xuất nguồn gốc",
)  # fmt: skip
REPEATS = 10
PAGES = 200
FILL_BATCH = 500


def organizations() -> list[Organization]:
    found = []
    for number in range(ORGANIZATIONS):
        details = OrganizationDetails(
            kind="research_institute", name=f"Viện Nghiên cứu Ứng dụng số {number}",
            province_code="51", contact_name="TS. Nguyễn Văn Bench",
            email=f"lienhe{number:03d}@bench-vien.vn",
        )  # fmt: skip
        org = register(f"org_bench_{number:03d}", details, NOW).organization
        found.append(verify(org, "broker-01", NOW).organization)
    return found


def published(number: int, rng: random.Random, owners: list[Organization]) -> Listing:
    kind = ListingKind.OFFER if rng.random() < 0.5 else ListingKind.DEMAND
    snapshot = synthetic_listing(rng, number, kind)
    offer = kind == ListingKind.OFFER
    terms = ListingTerms(
        kind=kind, title=snapshot.title, summary=snapshot.summary,
        description=snapshot.description, sector=snapshot.sector, keywords=snapshot.keywords,
        trl=snapshot.trl, min_trl=snapshot.min_trl, price_vnd=snapshot.price_vnd,
        price_negotiable=snapshot.price_negotiable or (offer and snapshot.price_vnd is None),
        budget_max_vnd=snapshot.budget_max_vnd, transfer_forms=snapshot.transfer_forms,
        transfer_objects=[TransferObject.PROCESS] if offer else [],
        desired_outcome=None if offer else "Ứng dụng được tại hợp tác xã trong một năm.",
    )  # fmt: skip
    owner = owners[rng.randrange(len(owners))]
    draft = create_draft(f"lst_bench_{number:05d}", terms, owner, NOW)
    sent = submit(draft, owner, [], NOW).listing
    score = QualityScore(clarity=4, completeness=4, commercial_relevance=4)
    return approve(sent, "broker-01", score, NOW).listing


async def fill(mongo_url: str, database: str) -> list[str]:
    """Write the organisations and listings as the service stores them; the listing ids."""
    rng = random.Random(SEED)
    owners = organizations()
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    try:
        db = client[database]
        for org in owners:
            await OrganizationRepository(db).add(org, None)
        ids, batch = [], []
        for number in range(SIZE):
            # In batches, each with the `seq` the service's own writes would have taken.
            batch.append(listing_document(published(number, rng, owners), seq=number + 1))
            ids.append(f"lst_bench_{number:05d}")
            if len(batch) == FILL_BATCH or number == SIZE - 1:
                await db[LISTINGS].insert_many(batch)
                batch = []
        await db[COUNTERS].insert_one({"_id": LISTINGS_SEQ, "seq": SIZE})
        return ids
    finally:
        await client.close()


def timed(
    client: httpx.Client, paths: list[str], check: Callable[[httpx.Response], None]
) -> list[float]:
    out = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        out.append(1000 * (time.perf_counter() - started))
        check(response)
    return out


def ok(response: httpx.Response) -> None:
    assert response.status_code == 200, (response.request.url, response.status_code)


def row(name: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"{name:38} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f}"


def main() -> None:
    stack = BenchStack.start([])
    try:
        database = ListingsSettings().database_name
        started = time.perf_counter()
        ids = asyncio.run(fill(stack.mongo_url, database))
        print(f"{len(ids)} published listings written in {time.perf_counter() - started:.0f} s")
        stack.start_services(["listings"], {})
        listings = stack.services["listings"].url
        portal = stack.start_portal(listings)
        searches = [q for q in QUERIES for _ in range(REPEATS)]
        pages = random.Random(SEED).sample(ids, PAGES)
        with (
            httpx.Client(base_url=listings, timeout=30) as api,
            httpx.Client(base_url=portal.url, timeout=30) as site,
        ):
            timed(site, ["/search?q=sấy", f"/listings/{ids[0]}"], ok)  # warm both up
            search = [f"?q={q}" for q in searches]
            rows = [
                ("API  GET /v1/listings?q=…&limit=20",
                 timed(api, [f"/v1/listings{q}&limit=20" for q in search], ok)),
                ("page GET /search?q=…", timed(site, [f"/search{q}" for q in search], ok)),
                ("API  GET /v1/listings?limit=20 (newest)",
                 timed(api, ["/v1/listings?limit=20"] * PAGES, ok)),
                ("API  GET /v1/listings/{id}",
                 timed(api, [f"/v1/listings/{i}" for i in pages], ok)),
                ("page GET /listings/{id}", timed(site, [f"/listings/{i}" for i in pages], ok)),
            ]  # fmt: skip
        title = f"ms per request, {len(ids)} listings"
        print(f"\n{title:38} {'p50':>8} {'p95':>8} {'max':>8}")
        for name, times in rows:
            print(row(name, times))
        print("target: a page's p95 ≤ 200 ms")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
