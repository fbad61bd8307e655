"""The ceiling: the least work any correct implementation of "listing published → proposals"
must do, on raw aiokafka + pymongo, run as its own process (like the service) by the benchmark.

Per batch of what the broker has ready (at most the service's `consumer_batch_max_records`),
as the service: parse the JSON into the typed snapshots, embed them with the same E5 embedder
in one call per kind; then per record, in the service's order: ask the same `MatchingEngine`
for candidates (top 50 above the threshold, the first 10 proposed), write the same projection
document (one upsert) and each proposal (one `$setOnInsert` upsert per pair), produce each
`stx.match.proposed` (acks=all, idempotent, sent together then awaited together); commit the
offsets once per batch. Left out on purpose: the CloudEvents envelope (only `ce_type` and
`ce_causationid` headers, the latter so the probe can attribute the record), the
`processed_events` check/record, the MongoDB transaction, the global `seq` counter and the
index catch-up query, the outbox insert + relay read/mark, the existing-match and
other-listing reads (kept in memory), faststream, metrics and logging.

`python -m tests.bench.pipeline.ceiling BOOTSTRAP MONGO_URL IN_TOPIC OUT_TOPIC DB N` prints
`READY` once subscribed, then one JSON line of per-step CPU/wall seconds when N are done.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import asyncio
import json
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime

import numpy as np
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from bson import Binary
from pymongo import AsyncMongoClient

from services.matching.domain import matches as rules
from services.matching.engine import E5Embedder, MatchingEngine, embedding_text
from services.matching.engine.vector_index import Vector
from services.matching.repository.matches import _to_doc as match_doc
from services.matching.service.proposals import scoring_of
from services.matching.service.vectors import text_hash
from services.matching.settings import MatchingSettings
from shared.events.listings import ListingPublished, ListingSnapshot
from shared.events.matches import ProposedBy
from shared.events.vocabulary import ListingKind


async def run(
    bootstrap: str, url: str, in_topic: str, out_topic: str, db_name: str, n: int
) -> dict:
    settings = MatchingSettings()
    embedder = E5Embedder()
    embedder.embed_query("khởi động mô hình")  # the service warms the model before consuming too
    engine = MatchingEngine(settings.engine_config())
    search_k = max(settings.top_k, settings.rescore_top_k)
    client: AsyncMongoClient = AsyncMongoClient(url)
    db = client[db_name]
    listings, matches = db["listings"], db["matches"]
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5
    )
    consumer = AIOKafkaConsumer(
        in_topic,
        bootstrap_servers=bootstrap,
        group_id=f"bench-ceiling-{db_name}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await producer.start()
    await consumer.start()
    while not consumer.assignment():  # noqa: ASYNC110 - aiokafka exposes no assignment event
        await asyncio.sleep(0.05)
    print("READY", flush=True)
    snapshots: dict[str, ListingSnapshot] = {}
    spent: dict[str, float] = defaultdict(float)
    seq, done, proposals = 0, 0, 0
    cpu0, wall0 = time.process_time(), None
    while done < n:
        batch = await consumer.getmany(
            timeout_ms=200, max_records=settings.consumer_batch_max_records
        )
        if not batch:
            continue
        wall0 = wall0 or time.perf_counter()
        t = time.perf_counter()
        records = [rec for recs in batch.values() for rec in recs]
        snaps = [ListingPublished.model_validate_json(rec.value).listing for rec in records]
        t1 = time.perf_counter()
        spent["parse"] += t1 - t
        texts = [embedding_text(snap) for snap in snaps]
        vectors = await asyncio.to_thread(embed_batch, embedder, snaps, texts)  # as the service
        spent["embed"] += time.perf_counter() - t1
        for rec, snap, text, vector in zip(records, snaps, texts, vectors, strict=True):
            t2 = time.perf_counter()
            found = engine.candidates_for(
                snap, top_k=search_k, threshold=settings.threshold, vector=vector
            )[: settings.top_k]
            engine.index(snap, vector)
            t3 = time.perf_counter()
            spent["engine"] += t3 - t2
            seq += 1
            doc = {
                "seq": seq,
                "kind": snap.kind.value,
                "status": snap.status.value,
                "snapshot": snap.model_dump(mode="json"),
                "vector": Binary(np.asarray(vector, "<f4").tobytes()),
                "text_hash": text_hash(snap, text),
            }
            await listings.update_one({"_id": snap.listing_id}, {"$set": doc}, upsert=True)
            t4 = time.perf_counter()
            spent["mongo_projection"] += t4 - t3
            events = []
            now = datetime.now(UTC)
            for c in found:
                other = snapshots.get(c.demand_id if c.offer_id == snap.listing_id else c.offer_id)
                if other is None:
                    continue
                offer, demand = (snap, other) if snap.kind == ListingKind.OFFER else (other, snap)
                match, event = rules.propose(
                    offer,
                    demand,
                    offer.owner_organization_id or "",
                    scoring_of(c),
                    ProposedBy.ENGINE,
                    now,
                    settings.proposal_ttl,
                )
                result = await matches.update_one(
                    {"_id": match.match_id}, {"$setOnInsert": match_doc(match)}, upsert=True
                )
                if result.upserted_id is not None:
                    events.append(event)
            t5 = time.perf_counter()
            spent["mongo_matches+propose"] += t5 - t4
            ce_id = dict(rec.headers).get("ce_id", b"")
            futures = [
                await producer.send(
                    out_topic,
                    e.model_dump_json().encode(),
                    key=e.match_id.encode(),
                    headers=[("ce_type", e.ce_type.encode()), ("ce_causationid", ce_id)],
                )
                for e in events
            ]
            await asyncio.gather(*futures)
            spent["produce"] += time.perf_counter() - t5
            snapshots[snap.listing_id] = snap
            proposals += len(events)
            done += 1
        t6 = time.perf_counter()
        await consumer.commit()  # once per batch, as the service
        spent["commit"] += time.perf_counter() - t6
    wall = time.perf_counter() - (wall0 or time.perf_counter())
    cpu = time.process_time() - cpu0
    await consumer.stop()
    await producer.stop()
    await client.close()
    return {
        "done": done,
        "proposals": proposals,
        "wall_s": wall,
        "cpu_s": cpu,
        "steps_s": dict(spent),
        "rss_hwm_mib": _hwm_mib(),
    }


def embed_batch(
    embedder: E5Embedder, snaps: list[ListingSnapshot], texts: list[str]
) -> list[Vector]:
    """Demands in one call of the model, offers in another, back in the batch's order."""
    vectors: list[Vector | None] = [None] * len(snaps)
    for as_queries in (True, False):
        rows = [
            i for i, snap in enumerate(snaps) if (snap.kind == ListingKind.DEMAND) == as_queries
        ]
        found = embedder.embed_many([texts[i] for i in rows], as_queries)
        for i, vector in zip(rows, found, strict=True):
            vectors[i] = vector
    return [vector for vector in vectors if vector is not None]


def _hwm_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    bootstrap, url, in_topic, out_topic, db_name, n = sys.argv[1:7]
    stats = asyncio.run(run(bootstrap, url, in_topic, out_topic, db_name, int(n)))
    print("RESULT " + json.dumps(stats), flush=True)


if __name__ == "__main__":
    main()
