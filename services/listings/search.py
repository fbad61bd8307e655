"""Search: typed criteria → a MongoDB filter on typed values, relevance, opaque cursors.

Pure (no I/O), so the query a request produces is unit-tested. Every value placed in a
filter is an enum value, an int, a bool, a datetime or a plain string compared for equality:
a client string such as `{"$ne": null}` can only ever be matched literally.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError

from services.listings.domain.errors import InvalidInputError
from services.listings.domain.listings import Listing, ListingState
from shared import places
from shared.events.vocabulary import ListingKind, Sector
from shared.mongo import Document
from shared.text import folded_syllables

MAX_QUERY_TOKENS = 12
QUERY_FIELDS_VERSION = 4
"""Bumped when `query_fields` changes: stored listings are refreshed at start-up (2: place codes
across the 2025 reform; 3: pending revisions in the moderation queue; 4: OCOP stars)."""


@dataclass(frozen=True)
class Viewer:
    """Who searches: brokers see every status, an organisation also its own unpublished ones."""

    organization_id: str | None = None
    broker: bool = False


@dataclass(frozen=True)
class SearchCriteria:
    text: str | None = None
    kind: ListingKind | None = None
    sector: Sector | None = None
    trl_min: int | None = None
    trl_max: int | None = None
    state_funded: bool | None = None
    ocop_min_stars: int | None = None
    status: ListingState = ListingState.PUBLISHED
    place: str | None = None
    owner: str | None = None
    limit: int = 20
    cursor: str | None = None

    @property
    def tokens(self) -> list[str]:
        return query_tokens(self.text or "")


def query_tokens(text: str) -> list[str]:
    """Folded syllables, each once: "Sâm Ngọc Linh" and "sam ngoc linh" give the same tokens."""
    return list(dict.fromkeys(folded_syllables(text)))[:MAX_QUERY_TOKENS]


def mongo_filter(criteria: SearchCriteria, viewer: Viewer) -> Document:
    """The filter on the `q` (query) fields the repository maintains on every listing."""
    c = criteria
    conditions: Document = {"q.status": c.status.value}
    equals = {"q.kind": c.kind, "q.sector": c.sector, "q.state_funded": c.state_funded}
    conditions |= {field: _plain(value) for field, value in equals.items() if value is not None}
    if c.place is not None:
        conditions["q.area_codes"] = str(c.place)
    if c.ocop_min_stars is not None:
        conditions["q.ocop_stars"] = {"$gte": int(c.ocop_min_stars)}
    if c.trl_min is not None or c.trl_max is not None:
        conditions["q.trl"] = _int_range(c.trl_min, c.trl_max)
    if c.tokens:
        conditions["q.tokens"] = {"$all": [str(token) for token in c.tokens]}
    conditions |= _visibility(c, viewer)
    return conditions


def by_one_token(query: Document) -> tuple[Document, frozenset[str]]:
    """The same filter with `q.tokens: {$all: …}` narrowed to one token (the longest: a rarer
    syllable, as a rule), and every token the candidates must all carry, checked in process.

    A MongoDB-wire store answers an equality on one element of the multikey index from the
    index, but may scan the whole collection for `$all`: on SecantusDB at 10,000 listings,
    about 0.1 s against 1.7 s (`bench_portal_pages`). MongoDB itself serves `$all` this way.
    """
    tokens = query.get("q.tokens")
    if not isinstance(tokens, dict) or not tokens.get("$all"):
        return query, frozenset()
    wanted = [str(token) for token in tokens["$all"]]
    narrowest = max(wanted, key=lambda token: (len(token), token))
    return {**query, "q.tokens": narrowest}, frozenset(wanted)


def _plain(value: ListingKind | Sector | bool) -> str | bool:
    return value if isinstance(value, bool) else value.value


def _int_range(low: int | None, high: int | None) -> Document:
    bounds: Document = {}
    if low is not None:
        bounds["$gte"] = int(low)
    if high is not None:
        bounds["$lte"] = int(high)
    return bounds


def _visibility(c: SearchCriteria, viewer: Viewer) -> Document:
    """An owner filter never uncovers an anonymous demand to the public."""
    sees_all = viewer.broker or (c.owner is not None and c.owner == viewer.organization_id)
    restrictions: Document = {}
    if c.owner is not None:
        restrictions["q.owner" if sees_all else "q.public_owner"] = str(c.owner)
    if c.status is not ListingState.PUBLISHED and not viewer.broker:
        # Unpublished listings are private: only their owner sees them.
        restrictions["q.owner"] = str(viewer.organization_id or "")
    return restrictions


def query_fields(listing: Listing) -> Document:
    """Fields stored next to the listing for filtering; never shown to anyone."""
    t = listing.terms
    hidden = t.anonymous
    in_review = listing.pending.submitted_at if listing.pending else None
    if listing.status is ListingState.SUBMITTED:
        in_review = listing.submitted_at
    return {
        "version": QUERY_FIELDS_VERSION,
        "kind": t.kind.value,
        "status": listing.status.value,
        "sector": t.sector.value,
        "state_funded": t.state_funded,
        "trl": t.trl if t.trl is not None else t.min_trl,
        "ocop_stars": max((p.stars for p in t.ocop_products), default=0),
        "area_codes": _area_codes(listing),
        "owner": listing.owner.organization_id,
        "public_owner": None if hidden else listing.owner.organization_id,
        "tokens": sorted(set(folded_syllables(" ".join(_searchable_text(listing))))),
        "created_at": listing.created_at,
        "submitted_at": listing.submitted_at,
        "in_review": in_review is not None,
        "review_since": in_review,
        "valid_until": t.valid_until.isoformat() if t.valid_until else None,
    }


def _searchable_text(listing: Listing) -> list[str]:
    t = listing.terms
    texts = [t.title, t.title_en or "", t.summary, *t.keywords, *t.related_products]
    texts += [product.name for product in t.ocop_products]
    if not t.anonymous:
        texts.append(listing.owner.name)
    return texts


def _area_codes(listing: Listing) -> list[str]:
    if listing.location is None:
        return []
    return sorted(places.area_codes(places.version_of(listing.location)))


# --- cursors --------------------------------------------------------------------------------


class RecencyCursor(BaseModel):
    """After this listing in newest-first order."""

    mode: Literal["recent"] = "recent"
    created_at: datetime
    listing_id: str


class RelevanceCursor(BaseModel):
    """After this listing in best-match-first order."""

    mode: Literal["relevance"] = "relevance"
    score: float
    listing_id: str


Cursor = RecencyCursor | RelevanceCursor
C = TypeVar("C", RecencyCursor, RelevanceCursor)


def encode_cursor(cursor: Cursor) -> str:
    return base64.urlsafe_b64encode(cursor.model_dump_json().encode()).decode().rstrip("=")


def decode_cursor(text: str, mode: type[C]) -> C:
    """A cursor we issued for the same kind of search, or a 422 on `cursor`."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return mode.model_validate(json.loads(raw))
    except (binascii.Error, ValueError, ValidationError):
        message = "cursor is not one this search issued: start again without it"
        raise InvalidInputError.one("cursor", message, location="query") from None


def after_recency(cursor: RecencyCursor) -> Document:
    """Keyset condition for the next page of (created_at desc, _id desc)."""
    return {
        "$or": [
            {"q.created_at": {"$lt": cursor.created_at}},
            {"q.created_at": cursor.created_at, "_id": {"$lt": str(cursor.listing_id)}},
        ]
    }
