"""Matching quality as served, on dev and held-out markets (printed, never asserted).

The labelled markets are in `markets/` (graded by `RUBRIC.md`; each market's sources in its
`SOURCES.md`). Markets are split by source into *dev* (settings may be chosen on them) and
*held-out* (only ever evaluated). For each split:

- **served** — the headline: what the service proposes, replayed through the same decision
  path (`rankers.served_lists`): nDCG@10, recall@10, precision of the proposals, proposals per
  demand, and demands that have a relevant offer but received no proposal;
- the former gate (a fixed cut at 0.45) on the same ranking, BM25 over the raw texts and
  over a diacritic-folded copy, E5 alone, and the engine's ranking at threshold 0 —
  diagnostics;
- the diacritics gap: the served nDCG of the Vietnamese demands as written and of the same
  demands typed without diacritics.

Run: `make bench` (all benchmarks) or `.venv/bin/python -m tests.bench quality`.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from services.matching.engine import E5Embedder, EngineConfig, ServingSettings, embed_listing
from shared.events.listings import ListingSnapshot
from tests.bench.quality import rankers
from tests.bench.quality.data import SPLITS, Demand, Market, load_markets, typed_plainly
from tests.bench.quality.metrics import Summary

Vectors = dict[str, npt.NDArray[np.float32]]
FORMER_GATE = EngineConfig(
    serving=ServingSettings(floor=0.45, text_floor=0.0, min_probability=0.0, best_probability=0.0)
)
"""Engine 1.0's gate (a fixed cut at 0.45) on today's ranking, for comparison in the same run."""
GROUPS: dict[str, Callable[[Demand], bool]] = {
    "all": lambda d: True,
    "vi": lambda d: d.style == "vi",
    "no diacritics": lambda d: d.style == "no_diacritics",
    "en": lambda d: d.style == "en",
    "short general": lambda d: "short_general" in d.tags,
    "verbatim": lambda d: "verbatim" in d.tags,
}


def embed_all(listings: list[ListingSnapshot]) -> tuple[Vectors, float]:
    embedder = E5Embedder()
    started = time.perf_counter()
    vectors = {listing.listing_id: embed_listing(embedder, listing) for listing in listings}
    return vectors, (time.perf_counter() - started) / max(1, len(listings))


def every_listing(markets: list[Market]) -> list[ListingSnapshot]:
    listings = []
    for market in markets:
        listings += market.offers + [d.listing for d in market.demands]
        listings += [typed_plainly(d).listing for d in market.demands if d.style == "vi"]
    return listings


def served_summary(markets: list[Market], vectors: Vectors, config: EngineConfig) -> Summary:
    """What is served over every demand of `markets` (no diagnostics: for calibration)."""
    rows = []
    for market in markets:
        listings = [d.listing for d in market.demands]
        served = rankers.served_lists(market.offers, listings, vectors, config)
        rows += [(served[d.listing.listing_id], d.grades) for d in market.demands]
    return Summary.of(rows)


def rows_of(
    markets: list[Market], vectors: Vectors, config: EngineConfig
) -> dict[str, dict[str, list[tuple[list[str], dict[str, int]]]]]:
    """Row name → group → (listed offer ids, grades) per demand, over every market."""
    rows: dict[str, dict[str, list[tuple[list[str], dict[str, int]]]]] = {}

    def add(row: str, demand: Demand, ranked: list[str]) -> None:
        for group, member in GROUPS.items():
            if member(demand):
                rows.setdefault(row, {}).setdefault(group, []).append((ranked, demand.grades))

    for market in markets:
        listings = [d.listing for d in market.demands]
        served = rankers.served_lists(market.offers, listings, vectors, config)
        former = rankers.served_lists(market.offers, listings, vectors, FORMER_GATE)
        plain = [typed_plainly(d) for d in market.demands if d.style == "vi"]
        served_plain = rankers.served_lists(
            market.offers, [d.listing for d in plain], vectors, config
        )
        diagnostics = {
            "BM25 (raw text)": rankers.bm25_ranker(market.offers, folded=False),
            "BM25 (diacritic-folded)": rankers.bm25_ranker(market.offers, folded=True),
            "E5 embeddings only": rankers.e5_ranker(market.offers, vectors),
            "engine ranking, threshold 0": rankers.engine_ranker(
                market.offers, listings, vectors, config
            ),
        }
        for demand in market.demands:
            add("SERVED (what is proposed)", demand, served[demand.listing.listing_id])
            add("served by the former 0.45 cut", demand, former[demand.listing.listing_id])
            for row, rank in diagnostics.items():
                add(row, demand, rank(demand.listing))
            if demand.style == "vi":
                add("gap: vi demands as written", demand, served[demand.listing.listing_id])
        for demand in plain:
            add("gap: same, typed plainly", demand, served_plain[demand.listing.listing_id])
    return rows


def print_split(split: str, markets: list[Market], vectors: Vectors, config: EngineConfig) -> None:
    offers = sum(len(m.offers) for m in markets)
    demands = [d for m in markets for d in m.demands]
    names = ", ".join(m.name for m in markets)
    print(
        f"\n--- {split}: {len(markets)} markets ({names}), {offers} offers, {len(demands)} demands"
    )
    rows = rows_of(markets, vectors, config)
    counts = {g: sum(1 for d in demands if member(d)) for g, member in GROUPS.items()}
    groups = [g for g in GROUPS if counts[g]]
    print(f"{'nDCG@10 / recall@10':34}" + "".join(f"{f'{g} ({counts[g]})':>18}" for g in groups))
    for row, by_group in rows.items():
        cells = ""
        for group in groups:
            summary = Summary.of(by_group.get(group, []))
            cells += f"{'':>3}{summary.ndcg:.3f} / {summary.recall:.3f}" if summary.count else ""
        print(f"{row:34}{cells}")
    served = Summary.of(rows["SERVED (what is proposed)"]["all"])
    precision = "n/a" if served.precision is None else f"{served.precision:.3f}"
    print(
        f"served: precision of proposals {precision}, {served.shown:.1f} proposals per demand, "
        f"{served.empty} of {served.count} demands with a relevant offer got no proposal"
    )


def main(splits: tuple[str, ...] = SPLITS) -> None:
    markets = load_markets(splits)
    config = EngineConfig()
    vectors, per_listing = embed_all(every_listing(markets))
    print(f"\nE5 embedding of the labelled listings: {1000 * per_listing:.0f} ms per listing")
    print(f"serving gate: {config.serving.model_dump()}")
    for split in splits:
        chosen = [market for market in markets if market.split == split]
        if chosen:
            print_split(split, chosen, vectors, config)


if __name__ == "__main__":
    main()
