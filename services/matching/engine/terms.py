"""Term ids, document frequencies and idf weights for keyword relevance.

Each indexed listing is kept as one sorted `int32` array of term ids (a few hundred bytes),
so relevance and shared terms of any candidate are computed with numpy, without keeping
its text. A term id lives in one space: an exact syllable, a folded syllable, a folded
bigram, or a phrase (a bigram as written, used only to display shared terms).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from services.matching.engine.tokens import Tokens, fold_syllable

IdArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


class Space(IntEnum):
    EXACT = 0
    FOLDED = 1
    BIGRAM = 2
    PHRASE = 3


class TermTable:
    """Interns terms per space and counts, per term, how many indexed listings contain it."""

    def __init__(self) -> None:
        self._ids: list[dict[str, int]] = [{} for _ in Space]
        self.surface: list[str] = []
        self._folded_list: list[int] = []
        self._space = np.zeros(1024, dtype=np.int8)
        self._folded_of = np.zeros(1024, dtype=np.int32)
        self._df = np.zeros(1024, dtype=np.int64)
        self._free: list[int] = []
        self.documents = 0

    @property
    def space(self) -> npt.NDArray[np.int8]:
        return self._space[: len(self.surface)]

    @property
    def folded_of(self) -> IdArray:
        """Exact syllable → its folded syllable; phrase → its bigram; others → themselves."""
        return self._folded_of[: len(self.surface)]

    def lookup(self, space: Space, term: str) -> int | None:
        return self._ids[space].get(term)

    def _intern(self, space: Space, term: str, folded_of: int | None = None) -> int:
        known = self._ids[space].get(term)
        if known is not None:
            return known
        if self._free:  # an id no indexed listing uses any more (see `release_unused`)
            new = self._free.pop()
            self.surface[new] = term
            self._folded_list[new] = new if folded_of is None else folded_of
        else:
            new = len(self.surface)
            if new == len(self._space):
                self._space = np.concatenate([self._space, np.zeros_like(self._space)])
                self._folded_of = np.concatenate([self._folded_of, np.zeros_like(self._folded_of)])
                self._df = np.concatenate([self._df, np.zeros_like(self._df)])
            self.surface.append(term)
            self._folded_list.append(new if folded_of is None else folded_of)
        self._ids[space][term] = new
        self._space[new] = space
        self._folded_of[new] = self._folded_list[new]
        return new

    def release_unused(self, ids: IdArray) -> None:
        """Forget the terms among `ids` that no indexed listing has any more, so their ids are
        reused: without it, every edit of a listing's text would grow the table for ever."""
        for term_id in ids[self._df[ids] <= 0].tolist():
            del self._ids[int(self._space[term_id])][self.surface[term_id]]
            self.surface[term_id] = ""
            self._free.append(term_id)

    @property
    def live_terms(self) -> int:
        """Terms some indexed listing has (the table's size in use)."""
        return len(self.surface) - len(self._free)

    def encode(self, tokens: Tokens) -> IdArray:
        """The sorted, unique term ids of `tokens`, interning new terms."""
        ids: set[int] = set()
        exact_ids, bigram_ids = self._ids[Space.EXACT], self._ids[Space.BIGRAM]
        # Interned in first-seen order (not set order, which varies between processes), so
        # the same listings always get the same term ids and sums add up in the same order.
        for syllable in dict.fromkeys(tokens.exact):
            found = exact_ids.get(syllable)
            if found is None:
                folded = self._intern(Space.FOLDED, fold_syllable(syllable))
                found = self._intern(Space.EXACT, syllable, folded)
            ids.add(found)
        for bigram in dict.fromkeys(tokens.bigrams):
            found = bigram_ids.get(bigram)
            if found is None:
                found = self._intern(Space.BIGRAM, bigram)
            ids.add(found)
            ids.add(self._intern(Space.PHRASE, tokens.phrases[bigram], found))
        folded_of = self._folded_list
        ids.update([folded_of[i] for i in ids])
        return np.array(sorted(ids), dtype=np.int32)

    def known_ids(self, tokens: Tokens) -> IdArray:
        """The sorted ids of the terms of `tokens` that some indexed listing already has."""
        found = [self.lookup(Space.EXACT, s) for s in set(tokens.exact)]
        found += [self.lookup(Space.FOLDED, s) for s in set(tokens.folded)]
        found += [self.lookup(Space.BIGRAM, b) for b in set(tokens.bigrams)]
        found += [self.lookup(Space.PHRASE, p) for p in tokens.phrases.values()]
        return np.array(sorted({i for i in found if i is not None}), dtype=np.int32)

    def count(self, ids: IdArray, delta: int) -> None:
        """Record that one listing with these term ids was added (+1) or removed (-1)."""
        self._df[ids] += delta
        self.documents += delta

    def df(self, ids: IdArray) -> npt.NDArray[np.int64]:
        return self._df[ids]

    def idf(self, ids: IdArray) -> FloatArray:
        """BM25's idf, always positive: rare terms weigh more."""
        df = self._df[ids].astype(np.float64)
        result: FloatArray = np.log1p((self.documents - df + 0.5) / (df + 0.5))
        return result
