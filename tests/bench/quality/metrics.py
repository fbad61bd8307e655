"""Ranking and serving metrics at a cut-off of 10 (grades 0–3; relevant = grade ≥ 1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

K = 10


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    """nDCG@10 with gains 2^grade − 1; an empty list scores 0."""
    dcg = sum((2 ** grades.get(oid, 0) - 1) / math.log2(i + 2) for i, oid in enumerate(ranked[:K]))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int]) -> float:
    """Share of the relevant offers found in the first 10 (of at most 10 relevant ones)."""
    relevant = {oid for oid, grade in grades.items() if grade >= 1}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:K])) / min(len(relevant), K)


def precision(ranked: list[str], grades: dict[str, int]) -> float | None:
    """Share of the (at most 10) listed offers that are relevant; None for an empty list."""
    shown = ranked[:K]
    if not shown:
        return None
    return sum(1 for oid in shown if grades.get(oid, 0) >= 1) / len(shown)


@dataclass(frozen=True)
class Summary:
    """Means over a group of demands."""

    count: int
    ndcg: float
    recall: float
    precision: float | None
    shown: float
    empty: int
    """Demands with a relevant offer in the index and nothing listed."""

    @staticmethod
    def of(rows: list[tuple[list[str], dict[str, int]]]) -> Summary:
        n = len(rows)
        precisions = [p for ranked, g in rows if (p := precision(ranked, g)) is not None]
        return Summary(
            count=n,
            ndcg=sum(ndcg(r, g) for r, g in rows) / n if n else 0.0,
            recall=sum(recall(r, g) for r, g in rows) / n if n else 0.0,
            precision=sum(precisions) / len(precisions) if precisions else None,
            shown=sum(min(len(r), K) for r, _ in rows) / n if n else 0.0,
            empty=sum(1 for r, g in rows if not r and any(v >= 1 for v in g.values())),
        )
