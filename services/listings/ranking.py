"""Relevance of a listing to a text search, and the best-first order with its cursor.

Pure (no I/O). The store's candidates and the catalogue in memory rank the same way: the
texts are folded once (`FoldedText`), the score is a few set lookups per query token.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from services.listings.domain.listings import Listing
from services.listings.search import RelevanceCursor
from shared.mongo import Document
from shared.text import folded_syllables

RANKED_FIELDS: Document = {f"listing.terms.{name}": 1 for name in ("title", "keywords", "summary")}
"""The projection that loads what a `FoldedText` is made of (with `_id`, the listing id)."""

Scored = tuple[float, str]
"""(relevance, listing id)."""


@dataclass(frozen=True)
class FoldedText:
    """What relevance reads of a listing, folded (no diacritics, lower case) once."""

    listing_id: str
    title: frozenset[str]
    title_line: str
    keywords: frozenset[str]
    summary: frozenset[str]

    @classmethod
    def of(cls, listing_id: str, title: str, keywords: Sequence[str], summary: str) -> FoldedText:
        words = folded_syllables(title)
        return cls(
            listing_id,
            frozenset(words),
            " ".join(words),
            frozenset(folded_syllables(" ".join(keywords))),
            frozenset(folded_syllables(summary)),
        )

    @classmethod
    def of_listing(cls, listing: Listing) -> FoldedText:
        t = listing.terms
        return cls.of(listing.listing_id, t.title, t.keywords, t.summary)

    @classmethod
    def of_document(cls, doc: Document) -> FoldedText:
        """From a stored listing loaded with `RANKED_FIELDS`."""
        terms = doc["listing"]["terms"]
        return cls.of(doc["_id"], terms["title"], terms["keywords"], terms["summary"])


def relevance(t: FoldedText, tokens: Sequence[str]) -> float:
    """Title words weigh most, the whole phrase in the title more; keywords next; summary last."""
    score = 3.0 * sum(token in t.title for token in tokens)
    if " ".join(tokens) in t.title_line:
        score += 5.0
    score += 2.0 * sum(token in t.keywords for token in tokens)
    return score + sum(token in t.summary for token in tokens)


def best_first(scored: Iterable[Scored], after: RelevanceCursor | None, limit: int) -> list[Scored]:
    """The `limit` best after the cursor, ties by id, and one more when there is a next page."""

    def order(pair: Scored) -> tuple[float, str]:
        return (-pair[0], pair[1])

    if after is not None:
        start = (-after.score, after.listing_id)
        scored = (pair for pair in scored if order(pair) > start)
    return heapq.nsmallest(limit + 1, scored, key=order)
