"""Offline quality of the matching engine on a labelled Vietnamese set (printed, never asserted).

64 offers and 28 demands from the Central Highlands (`offers.json`, `demands.json`); each
demand grades the offers that fit it 1–3 (unlisted = 0). Some demands are typed without
diacritics, some in English, and several are traps (`cá` vs `cà phê` / `cà chua` /
`cà gai leo` / `mắc ca`). Compared on nDCG@10 and recall@10 (grade ≥ 1):

- BM25: tantivy's default tokenizer over the raw texts, every demand token a SHOULD term;
- engine, keywords only (no embeddings);
- E5 only: cosine of the real multilingual-e5-small embeddings;
- engine: keywords + E5 fused, then structured scoring (what proposals use).

Run: `OPENBLAS_NUM_THREADS=1 .venv/bin/python tests/bench/quality/bench_matching_quality.py`
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from services.matching.engine import E5Embedder, MatchingEngine, embed_listing
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit

HERE = Path(__file__).parent
K = 10
PROVINCES = {
    "01": "Hà Nội", "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Bình Định", "62": "Kon Tum",
    "64": "Gia Lai", "66": "Đắk Lắk", "68": "Lâm Đồng", "70": "Bình Phước", "79": "TP. Hồ Chí Minh",
}  # fmt: skip

Ranker = Callable[[ListingSnapshot], list[str]]


def _unit(code: str) -> AdministrativeUnit:
    if code == "62":  # stored before the merger: carries its successor
        return AdministrativeUnit(
            code="62",
            name="Kon Tum",
            level="province",
            valid_to=date(2025, 6, 30),
            successor_code="51",
        )
    return AdministrativeUnit(code=code, name=PROVINCES[code], level="province")


def _listing(raw: dict[str, Any], kind: str) -> ListingSnapshot:
    fields = {k: v for k, v in raw.items() if k not in {"id", "style", "relevant", "province"}}
    return ListingSnapshot(
        listing_id=raw["id"],
        kind=kind,
        status="published",
        version=1,
        description=fields.pop("description", ""),
        owner_kind=fields.pop("owner_kind", "enterprise"),
        location=_unit(raw["province"]),
        owner_organization_id=f"org-{raw['id']}",
        updated_at=datetime(2025, 9, 1, tzinfo=UTC),
        **fields,
    )


def load() -> tuple[list[ListingSnapshot], list[ListingSnapshot], list[dict[str, Any]]]:
    offers_raw = json.loads((HERE / "offers.json").read_text(encoding="utf-8"))
    demands_raw = json.loads((HERE / "demands.json").read_text(encoding="utf-8"))
    offers = [_listing(raw, "offer") for raw in offers_raw]
    demands = [_listing(raw, "demand") for raw in demands_raw]
    return offers, demands, demands_raw


def _text(listing: ListingSnapshot) -> str:
    parts = [listing.title, listing.title_en or "", " ".join(listing.keywords)]
    return " ".join([*parts, listing.summary, listing.description, listing.desired_outcome or ""])


def bm25_ranker(offers: list[ListingSnapshot]) -> Ranker:
    """Plain BM25: tantivy's default tokenizer on the raw texts, no folding, no bigrams."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", tokenizer_name="default")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for offer in offers:
        writer.add_document(tantivy.Document(id=offer.listing_id, body=_text(offer)))
    writer.commit()
    index.reload()
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .build()
    )

    def rank(demand: ListingSnapshot) -> list[str]:
        tokens = sorted(set(analyzer.analyze(_text(demand))))
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", t)) for t in tokens]
        )
        searcher = index.searcher()
        hits = searcher.search(query, limit=K).hits
        return [str(searcher.doc(address)["id"][0]) for _, address in hits]

    return rank


def engine_ranker(
    offers: list[ListingSnapshot], demands: list[ListingSnapshot], vectors: dict[str, Any] | None
) -> Ranker:
    engine = MatchingEngine()
    for listing in [*offers, *demands]:
        engine.index(listing, None if vectors is None else vectors[listing.listing_id])

    def rank(demand: ListingSnapshot) -> list[str]:
        return [p.offer_id for p in engine.candidates_for(demand, top_k=K, threshold=0.0)]

    return rank


def e5_ranker(offers: list[ListingSnapshot], vectors: dict[str, Any]) -> Ranker:
    matrix = np.stack([vectors[o.listing_id] for o in offers])

    def rank(demand: ListingSnapshot) -> list[str]:
        scores = matrix @ vectors[demand.listing_id]
        order = sorted(range(len(offers)), key=lambda i: (-float(scores[i]), offers[i].listing_id))
        return [offers[i].listing_id for i in order[:K]]

    return rank


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    dcg = sum((2 ** grades.get(oid, 0) - 1) / math.log2(i + 2) for i, oid in enumerate(ranked[:K]))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int]) -> float:
    relevant = {oid for oid, grade in grades.items() if grade >= 1}
    return len(relevant & set(ranked[:K])) / len(relevant) if relevant else 0.0


def evaluate(
    rank: Ranker, demands: list[ListingSnapshot], raw: list[dict[str, Any]]
) -> dict[str, tuple[float, float]]:
    """(nDCG@10, recall@10) averaged over all demands and per query style."""
    per_style: dict[str, list[tuple[float, float]]] = {}
    for demand, labels in zip(demands, raw, strict=True):
        ranked = rank(demand)
        scores = (ndcg(ranked, labels["relevant"]), recall(ranked, labels["relevant"]))
        per_style.setdefault("all", []).append(scores)
        per_style.setdefault(labels["style"], []).append(scores)
    return {
        style: (float(np.mean([s[0] for s in v])), float(np.mean([s[1] for s in v])))
        for style, v in per_style.items()
    }


def embed_all(listings: list[ListingSnapshot]) -> tuple[dict[str, Any], float]:
    embedder = E5Embedder()
    started = time.perf_counter()
    vectors = {listing.listing_id: embed_listing(embedder, listing) for listing in listings}
    return vectors, (time.perf_counter() - started) / len(listings)


def main() -> None:
    offers, demands, raw = load()
    vectors, per_listing = embed_all([*offers, *demands])
    styles = ["all", "vi", "no_diacritics", "en"]
    counts = {s: sum(1 for r in raw if s in ("all", r["style"])) for s in styles}
    rows = {
        "BM25 (tantivy default tokenizer)": bm25_ranker(offers),
        "engine, keywords only": engine_ranker(offers, demands, None),
        "E5 embeddings only": e5_ranker(offers, vectors),
        "engine (keywords + E5 + structured)": engine_ranker(offers, demands, vectors),
    }
    print(f"\nmatching quality — {len(offers)} offers, {len(demands)} demands, graded 0–3")
    print(f"E5 embedding of the labelled listings: {1000 * per_listing:.0f} ms per listing\n")
    header = "".join(f"{f'{s} (n={counts[s]})':>24}" for s in styles)
    print(f"{'nDCG@10 / recall@10':38}{header}")
    for name, ranker in rows.items():
        result = evaluate(ranker, demands, raw)
        cells = "".join(f"{result[s][0]:>13.3f} / {result[s][1]:.3f}" for s in styles)
        print(f"{name:38}{cells}")


if __name__ == "__main__":
    main()
