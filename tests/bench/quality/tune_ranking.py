"""Choose the ranking's settings on the **dev** markets, and check that the choice carries over
to a market it was not chosen on. Held-out markets are never read here.

`python -m tests.bench.quality.tune_ranking` runs coordinate descent over a small grid of the
engine's ranking settings (keyword share, semantic floor and ceiling, text and sector weights,
the text level from which structured fit counts in full), maximising the engine's nDCG@10 at
threshold 0, first leaving each dev market out in turn (the figure on the market left out is
the honest one), then on all dev markets. Take a value the folds agree on rather than the
all-dev optimum: with three markets, what only the all-dev fit picks is noise. Then refit the
serving gate (`calibrate.py`), which depends on the ranking.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from typing import Any

from services.matching.engine import EngineConfig
from services.matching.engine.relevance import RelevanceSettings
from services.matching.engine.scoring import ScoringSettings, Weights
from tests.bench.quality import rankers
from tests.bench.quality.bench_matching_quality import Vectors, embed_all, every_listing
from tests.bench.quality.data import Market, load_markets
from tests.bench.quality.metrics import ndcg

GRID: dict[str, tuple[float, ...]] = {
    "keyword_share": (0.4, 0.5, 0.6, 0.7),
    "semantic_floor": (0.0, 0.5, 1.0),
    "semantic_ceiling": (3.0, 4.0, 5.0),
    "text": (0.27, 0.36, 0.45),
    "sector": (0.09, 0.14, 0.23),
    "full_fit_from_text": (0.3, 0.4, 0.6),
}
RELEVANCE = ("keyword_share", "semantic_floor", "semantic_ceiling")
PASSES = 2


def defaults() -> dict[str, float]:
    relevance, scoring = RelevanceSettings(), ScoringSettings()
    found: dict[str, Any] = {name: getattr(relevance, name) for name in RELEVANCE}
    found |= {"text": scoring.weights.text, "sector": scoring.weights.sector}
    return found | {"full_fit_from_text": scoring.full_fit_from_text}


def config_of(point: dict[str, float]) -> EngineConfig:
    weights = Weights().model_copy(update={"text": point["text"], "sector": point["sector"]})
    relevance = RelevanceSettings(**{name: point[name] for name in RELEVANCE})
    scoring = ScoringSettings(weights=weights, full_fit_from_text=point["full_fit_from_text"])
    return EngineConfig(relevance=relevance, scoring=scoring)


def market_ndcg(market: Market, vectors: Vectors, config: EngineConfig) -> float:
    demands = [d.listing for d in market.demands]
    rank = rankers.engine_ranker(market.offers, demands, vectors, config)
    found = [ndcg(rank(d.listing), d.grades) for d in market.demands]
    return sum(found) / len(found)


class Tuner:
    def __init__(self, markets: list[Market], vectors: Vectors) -> None:
        self._markets = markets
        self._vectors = vectors
        self._seen: dict[tuple[tuple[str, float], ...], dict[str, float]] = {}

    def per_market(self, point: dict[str, float]) -> dict[str, float]:
        key = tuple(sorted(point.items()))
        if key not in self._seen:
            config = config_of(point)
            self._seen[key] = {m.name: market_ndcg(m, self._vectors, config) for m in self._markets}
        return self._seen[key]

    def mean(self, point: dict[str, float], names: list[str]) -> float:
        """nDCG@10 over the demands of the markets `names` (each demand counts once)."""
        found, sizes = self.per_market(point), {m.name: len(m.demands) for m in self._markets}
        return sum(found[n] * sizes[n] for n in names) / sum(sizes[n] for n in names)

    def descend(self, names: list[str]) -> dict[str, float]:
        point, start = defaults(), defaults()
        for _ in range(PASSES):
            for name, values in GRID.items():
                point[name] = max(
                    values,
                    key=lambda v: (self.mean({**point, name: v}, names), -abs(v - start[name])),
                )
        return point


def main() -> None:
    markets = load_markets(("dev",))
    vectors, _ = embed_all(every_listing(markets))
    tuner, names, start = Tuner(markets, vectors), [m.name for m in markets], defaults()
    print("defaults:", start, {n: round(v, 3) for n, v in tuner.per_market(start).items()})
    for left_out in names:
        fitted = tuner.descend([n for n in names if n != left_out])
        before, after = tuner.per_market(start)[left_out], tuner.per_market(fitted)[left_out]
        print(f"left out {left_out}: {before:.3f} -> {after:.3f} with {fitted}")
    fitted = tuner.descend(names)
    print(
        f"all dev: {tuner.mean(start, names):.3f} -> {tuner.mean(fitted, names):.3f} with {fitted}"
    )


if __name__ == "__main__":
    main()
