"""The public catalogue in memory: every published listing's query fields and folded texts, so
that a public search or a newest-first page is answered without scanning the store.

Pure (no I/O). The store stays the truth: `service/catalogue_sync.py` brings this copy up to
the latest committed `seq` before each read, and the listings of a page are read back from the
store and checked against the same filter (`still_matches`), so a change committed meanwhile is
never shown wrongly.

Why in memory: the MongoDB-wire store of dev and test examines every document an indexed
condition selects, and sorts in memory, at about 0.1 ms a document: a common word, or the home
page's newest-first query, took 0.5–1.4 s at 10,000 listings (`bench_portal_pages`).
"""

from __future__ import annotations

import operator
from bisect import bisect_left, insort
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.listings.domain.listings import Listing, ListingState
from services.listings.ranking import FoldedText, Scored, relevance
from services.listings.search import RecencyCursor, query_fields
from shared.mongo import Document

Recency = tuple[datetime, str]
"""(created_at, listing id): newest first is the descending order of these."""

_ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    "$lt": operator.lt,
    "$lte": operator.le,
    "$gte": operator.ge,
}


@dataclass(frozen=True)
class CatalogueEntry:
    """One listing as the filters see it: `_id` and `q.<name>` fields, as the store names them."""

    listing_id: str
    seq: int
    fields: Mapping[str, Any]
    text: FoldedText

    @classmethod
    def of(cls, listing_id: str, seq: int, q: Document, text: FoldedText) -> CatalogueEntry:
        return cls(listing_id, seq, filter_fields(listing_id, q), text)

    @property
    def published(self) -> bool:
        return bool(self.fields.get("q.status") == ListingState.PUBLISHED.value)

    @property
    def recency(self) -> Recency:
        return (self.fields["q.created_at"], self.listing_id)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(self.fields.get("q.tokens", ()))


def filter_fields(listing_id: str, q: Document) -> dict[str, Any]:
    """The fields a filter reads; lists become sets (a filter asks whether they hold a value)."""
    fields: dict[str, Any] = {"_id": listing_id}
    for name, value in q.items():
        if isinstance(value, list):
            value = frozenset(value)
        elif isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)  # a store read without tz_aware gives naive UTC
        fields[f"q.{name}"] = value
    return fields


def still_matches(listing: Listing, query: Document) -> bool:
    """Whether the listing as just read from the store satisfies the filter."""
    return satisfies(filter_fields(listing.listing_id, query_fields(listing)), query)


def satisfies(fields: Mapping[str, Any], condition: Document) -> bool:
    """MongoDB's meaning of the filters `search.mongo_filter` and `search.after_recency` build:
    equality (an array field holds the value), `$all`, `$lt`/`$lte`/`$gte`, `$or`. Any other
    operator is refused, so a new kind of filter cannot be silently misread here."""
    for key, wanted in condition.items():
        if key == "$or":
            held = any(satisfies(fields, branch) for branch in wanted)
        elif isinstance(wanted, dict):
            held = all(_operator(fields.get(key), name, arg) for name, arg in wanted.items())
        else:
            held = _equals(fields.get(key), wanted)
        if not held:
            return False
    return True


def _equals(value: Any, wanted: Any) -> bool:
    if isinstance(value, frozenset):
        return wanted in value
    return bool(value == wanted)


def _operator(value: Any, name: str, arg: Any) -> bool:
    if name == "$all":
        return isinstance(value, frozenset) and all(item in value for item in arg)
    compare = _ORDERED.get(name)
    if compare is None:
        raise ValueError(f"the catalogue does not evaluate {name}")
    if value is None or isinstance(value, frozenset) or type(value) is not type(arg):
        return False  # MongoDB compares within a type; a missing field matches no range
    return compare(value, arg)


class Catalogue:
    """The published listings: by id, by token (postings) and newest first."""

    def __init__(self) -> None:
        self._entries: dict[str, CatalogueEntry] = {}
        self._postings: dict[str, set[str]] = {}
        self._recency: list[Recency] = []  # ascending; read backwards

    def __len__(self) -> int:
        return len(self._entries)

    def apply(self, entry: CatalogueEntry) -> None:
        """The listing's latest state: kept while published, dropped otherwise."""
        self._drop(entry.listing_id)
        if entry.published:
            self._entries[entry.listing_id] = entry
            for token in entry.tokens:
                self._postings.setdefault(token, set()).add(entry.listing_id)
            insort(self._recency, entry.recency)

    def newest(
        self, query: Document, after: RecencyCursor | None, limit: int
    ) -> list[CatalogueEntry]:
        """Up to `limit` entries satisfying `query`, newest first, after the cursor."""
        end = len(self._recency)
        if after is not None:
            end = bisect_left(self._recency, (after.created_at, after.listing_id))
        found: list[CatalogueEntry] = []
        for position in range(end - 1, -1, -1):
            entry = self._entries[self._recency[position][1]]
            if satisfies(entry.fields, query):
                found.append(entry)
                if len(found) == limit:
                    break
        return found

    def scored(self, query: Document, tokens: list[str]) -> list[Scored]:
        """(relevance, id) of every entry holding all the tokens and satisfying `query`."""
        postings = sorted((self._postings.get(token, set()) for token in tokens), key=len)
        if not postings:
            return []
        ids = postings[0].intersection(*postings[1:])
        entries = (self._entries[listing_id] for listing_id in ids)
        return [
            (relevance(e.text, tokens), e.listing_id) for e in entries if satisfies(e.fields, query)
        ]

    def _drop(self, listing_id: str) -> None:
        held = self._entries.pop(listing_id, None)
        if held is None:
            return
        for token in held.tokens:
            postings = self._postings[token]
            postings.discard(listing_id)
            if not postings:
                del self._postings[token]
        del self._recency[bisect_left(self._recency, held.recency)]
