"""Fit the serving gate's calibration on the **dev** markets only, and print it.

`python -m tests.bench.quality.calibrate` ranks every dev demand's candidates with the engine
(all listings indexed), fits a logistic model of "graded ≥ 1" on `serving.gate_features`
(L2-regularised IRLS), then picks the highest text floor and score floor that
leave no dev demand empty, and the two probability cuts that maximise served nDCG@10 +
precision (the quality of what the parties are sent) with no dev demand left empty. Copy the
printed values into `ServingSettings`' defaults. Held-out markets are never read here.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import itertools

import numpy as np
import numpy.typing as npt

from services.matching.engine import EngineConfig, MatchingEngine, ServingSettings
from services.matching.engine.serving import FEATURES, gate_features
from tests.bench.quality.bench_matching_quality import (
    Vectors,
    embed_all,
    every_listing,
    served_summary,
)
from tests.bench.quality.data import Market, load_markets

L2 = 1.0
CUTS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
TEXT_FLOORS = (0.0, 0.001, 0.003, 0.005, 0.01, 0.02)
SCORE_FLOORS = (0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08)


def pairs(markets: list[Market], vectors: Vectors) -> tuple[npt.NDArray[np.float64], np.ndarray]:
    """Gate features and labels of every ranked candidate of every dev demand."""
    rows, labels = [], []
    for market in markets:
        engine = MatchingEngine(EngineConfig())
        for listing in [*market.offers, *(d.listing for d in market.demands)]:
            engine.index(listing, vectors[listing.listing_id])
        for demand in market.demands:
            ranked = engine.candidates_for(demand.listing, engine.config.pool_size, 0.0)
            best = ranked[0].score if ranked else 0.0
            for rank, proposal in enumerate(ranked, start=1):
                rows.append(gate_features(proposal, best, rank))
                labels.append(1.0 if demand.grades.get(proposal.offer_id, 0) >= 1 else 0.0)
    return np.array(rows), np.array(labels)


def fit(x: npt.NDArray[np.float64], y: np.ndarray) -> npt.NDArray[np.float64]:
    """Logistic regression by Newton steps, the intercept not penalised."""
    beta = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * L2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (p - y) + penalty @ beta
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main() -> None:
    markets = load_markets(("dev",))
    vectors, _ = embed_all(every_listing(markets))
    x, y = pairs(markets, vectors)
    beta = fit(x, y)
    print(f"{len(y)} dev candidates, {int(y.sum())} relevant")
    print("coefficients:", ", ".join(f"{n}={b:.3f}" for n, b in zip(FEATURES, beta, strict=True)))
    coefficients = tuple(round(float(b), 2) for b in beta)
    text_floor = 0.0
    for candidate in TEXT_FLOORS:  # ascending: the last that leaves no dev demand empty
        serving = ServingSettings(coefficients=coefficients, text_floor=candidate, floor=0.0)  # type: ignore[arg-type]
        if served_summary(markets, vectors, EngineConfig(serving=serving)).empty > 0:
            break
        text_floor = candidate
    floor = 0.0
    for candidate in SCORE_FLOORS:  # ascending: the last that leaves no dev demand empty
        serving = ServingSettings(
            coefficients=coefficients,  # type: ignore[arg-type]
            text_floor=text_floor,
            floor=candidate,
        )
        if served_summary(markets, vectors, EngineConfig(serving=serving)).empty > 0:
            break
        floor = candidate
    print(f"text floor: {text_floor}, score floor: {floor}")
    best_objective, chosen = -1.0, (0.0, 0.0)
    for low, high in itertools.product(CUTS, CUTS):
        if low > high:
            continue
        serving = ServingSettings(
            coefficients=coefficients,  # type: ignore[arg-type]
            text_floor=text_floor,
            floor=floor,
            min_probability=high,
            best_probability=low,
        )
        s = served_summary(markets, vectors, EngineConfig(serving=serving))
        objective = s.ndcg + (s.precision or 0.0) if s.empty == 0 else -1.0
        print(
            f"best ≥ {low:.2f}, others ≥ {high:.2f}: nDCG {s.ndcg:.3f} recall {s.recall:.3f} "
            f"precision {s.precision or 0:.3f} shown {s.shown:.1f} empty {s.empty}"
        )
        if objective > best_objective:
            best_objective, chosen = objective, (low, high)
    print(
        f"chosen: coefficients={coefficients}, text_floor={text_floor}, floor={floor}, "
        f"best_probability={chosen[0]}, min_probability={chosen[1]}"
    )


if __name__ == "__main__":
    main()
