"""Normalised listing embeddings in one numpy matrix per kind; top-N by dot product.

A search reads only the opposite kind's matrix, so 100k listings split into offers and
demands cost one matrix-vector product over about half of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from shared.events.vocabulary import ListingKind

Vector = npt.NDArray[np.float32]


def normalised(vector: npt.ArrayLike, dimension: int) -> Vector:
    """`vector` as float32 with unit length; refuses a wrong dimension or a zero vector."""
    array = np.asarray(vector, dtype=np.float32).reshape(-1)
    if array.shape != (dimension,):
        raise ValueError(f"embedding must have {dimension} dimensions, got {array.shape[0]}")
    norm = float(np.linalg.norm(array))
    if not np.isfinite(norm) or norm == 0.0:
        raise ValueError("embedding must be a finite, non-zero vector")
    result: Vector = array / norm
    return result


@dataclass(frozen=True, slots=True)
class VectorHits:
    """The nearest listings, and how similar the whole searched kind is to the query."""

    hits: list[tuple[int, float]]
    """`(key, cosine)`, best first."""
    mean: float
    std: float
    count: int


class _KindMatrix:
    """Rows of one kind; a removed row is replaced by the last one (no holes)."""

    def __init__(self, dimension: int) -> None:
        self.rows: Vector = np.zeros((64, dimension), dtype=np.float32)
        self.keys: list[int] = []
        self.row_of: dict[int, int] = {}

    def add(self, key: int, vector: Vector) -> None:
        if len(self.keys) == len(self.rows):  # grow by half: less slack than doubling
            spare = np.zeros((len(self.rows) // 2, self.rows.shape[1]), dtype=np.float32)
            self.rows = np.concatenate([self.rows, spare])
        self.row_of[key] = len(self.keys)
        self.rows[len(self.keys)] = vector
        self.keys.append(key)

    def remove(self, key: int) -> None:
        row = self.row_of.pop(key)
        last = len(self.keys) - 1
        if row != last:
            self.rows[row] = self.rows[last]
            self.keys[row] = self.keys[last]
            self.row_of[self.keys[row]] = row
        self.keys.pop()


class VectorIndex:
    """Add and remove unit vectors by integer key; nearest keys of a kind by cosine."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self._kinds = {kind: _KindMatrix(dimension) for kind in ListingKind}
        self._kind_of: dict[int, ListingKind] = {}

    def add(self, key: int, kind: ListingKind, unit_vector: Vector) -> None:
        """Add a vector already checked by `normalised`."""
        self._kinds[kind].add(key, unit_vector)
        self._kind_of[key] = kind

    def remove(self, key: int) -> None:
        kind = self._kind_of.pop(key, None)
        if kind is not None:
            self._kinds[kind].remove(key)

    def vector(self, key: int) -> Vector | None:
        kind = self._kind_of.get(key)
        if kind is None:
            return None
        matrix = self._kinds[kind]
        row: Vector = matrix.rows[matrix.row_of[key]].copy()
        return row

    def similarities(self, query: Vector, keys: Sequence[int]) -> list[float | None]:
        """Cosine of the query to each key's vector; None for a key without one."""
        result: list[float | None] = []
        for key in keys:
            kind = self._kind_of.get(key)
            if kind is None:
                result.append(None)
                continue
            matrix = self._kinds[kind]
            result.append(float(np.dot(matrix.rows[matrix.row_of[key]], query)))
        return result

    def search(self, kind: ListingKind, query: Vector, limit: int) -> VectorHits:
        """The `limit` nearest listings of `kind`, best first (ties by key), and the mean
        and spread of the query's similarity to all of them."""
        matrix = self._kinds[kind]
        count = len(matrix.keys)
        if count == 0:
            return VectorHits([], 0.0, 0.0, 0)
        unit = normalised(query, self.dimension)
        scores = matrix.rows[:count] @ unit
        limit = max(0, min(limit, count))
        top = np.argpartition(scores, count - limit)[count - limit :] if limit else np.arange(0)
        ranked = sorted((-float(scores[row]), matrix.keys[row]) for row in top)
        hits = [(key, -negative) for negative, key in ranked]
        return VectorHits(hits, float(scores.mean()), float(scores.std()), count)
