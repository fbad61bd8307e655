"""Reciprocal-rank fusion (Cormack et al., 2009): robust to incomparable score scales."""

from __future__ import annotations

from collections.abc import Sequence

DEFAULT_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], k: int = DEFAULT_K
) -> dict[int, float]:
    """Key → Σ 1 / (k + rank) over every ranking that holds it (rank 1 is best)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank)
    return fused
