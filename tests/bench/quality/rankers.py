"""What each row of the quality benchmark ranks: baselines, the engine, and what is served.

`served_lists` replays the service's own decision path: listings are published one by one in
a seeded order; each is indexed and then gets `MatchingEngine.proposals_for` (candidates,
scoring, the serving gate, top-k, same-owner exclusion) exactly as `services/matching` calls
it, one proposal per pair ever. A demand's list is every proposal it took part in — made when
it was published or when a later offer was — best score first, as `GET /v1/matches` shows it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt
import tantivy

from services.matching.engine import EngineConfig, MatchingEngine
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind
from shared.text import fold
from tests.bench.quality.metrics import K

Ranker = Callable[[ListingSnapshot], list[str]]
Vectors = Mapping[str, npt.NDArray[np.float32]]
TOP_K = 10
"""Most proposals the service makes for one published listing (its default `top_k`)."""


def text_of(listing: ListingSnapshot) -> str:
    parts = [listing.title, listing.title_en or "", " ".join(listing.keywords)]
    return " ".join([*parts, listing.summary, listing.description, listing.desired_outcome or ""])


def bm25_ranker(offers: list[ListingSnapshot], folded: bool) -> Ranker:
    """Plain BM25 (tantivy's default tokenizer, every demand token a SHOULD term), over the raw
    texts or over a diacritic-folded copy of them."""
    prepare = fold if folded else (lambda text: text)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", tokenizer_name="default")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for offer in offers:
        writer.add_document(tantivy.Document(id=offer.listing_id, body=prepare(text_of(offer))))
    writer.commit()
    index.reload()
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .build()
    )

    def rank(demand: ListingSnapshot) -> list[str]:
        tokens = sorted(set(analyzer.analyze(prepare(text_of(demand)))))
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", t)) for t in tokens]
        )
        searcher = index.searcher()
        hits = searcher.search(query, limit=K).hits
        return [str(searcher.doc(address)["id"][0]) for _, address in hits]

    return rank


def e5_ranker(offers: list[ListingSnapshot], vectors: Vectors) -> Ranker:
    matrix = np.stack([vectors[o.listing_id] for o in offers])

    def rank(demand: ListingSnapshot) -> list[str]:
        scores = matrix @ vectors[demand.listing_id]
        order = sorted(range(len(offers)), key=lambda i: (-float(scores[i]), offers[i].listing_id))
        return [offers[i].listing_id for i in order[:K]]

    return rank


def engine_ranker(
    offers: list[ListingSnapshot],
    demands: list[ListingSnapshot],
    vectors: Vectors | None,
    config: EngineConfig,
) -> Ranker:
    """The engine's ranking at threshold 0 — a diagnostic: the service does not publish it."""
    engine = MatchingEngine(config)
    for listing in [*offers, *demands]:
        engine.index(listing, None if vectors is None else vectors[listing.listing_id])

    def rank(demand: ListingSnapshot) -> list[str]:
        return [p.offer_id for p in engine.candidates_for(demand, top_k=K, threshold=0.0)]

    return rank


def served_lists(
    offers: list[ListingSnapshot],
    demands: list[ListingSnapshot],
    vectors: Vectors,
    config: EngineConfig,
    seed: int = 7,
) -> dict[str, list[str]]:
    """Demand id → the offers proposed to it, best first (see the module docstring)."""
    order = [*offers, *demands]
    random.Random(seed).shuffle(order)
    engine = MatchingEngine(config)
    scores: dict[tuple[str, str], float] = {}
    for listing in order:
        vector = vectors[listing.listing_id]
        engine.index(listing, vector)
        for proposal in engine.proposals_for(listing, top_k=TOP_K, vector=vector):
            scores.setdefault((proposal.offer_id, proposal.demand_id), proposal.score)
    lists: dict[str, list[tuple[float, str]]] = {
        d.listing_id: [] for d in demands if d.kind == ListingKind.DEMAND
    }
    for (offer_id, demand_id), score in scores.items():
        lists[demand_id].append((-score, offer_id))
    return {demand_id: [oid for _, oid in sorted(pairs)] for demand_id, pairs in lists.items()}
