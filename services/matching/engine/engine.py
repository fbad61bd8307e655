"""`MatchingEngine`: index published listings, propose the best listings of the other kind.

Pure and in-memory: no Kafka, no MongoDB, no logging. Candidates come from a tantivy
keyword search and a vector search, fused by reciprocal rank; each fused candidate is
then scored on text relevance and structured fit, and explained.
"""

from __future__ import annotations

import numpy.typing as npt

from services.matching.engine.candidates import proposal, score_all
from services.matching.engine.config import ENGINE_VERSION, EngineConfig
from services.matching.engine.explanation import Proposal
from services.matching.engine.fusion import reciprocal_rank_fusion
from services.matching.engine.profile import ListingProfile, profile_of
from services.matching.engine.query import query_terms
from services.matching.engine.relevance import Spread
from services.matching.engine.serving import served
from services.matching.engine.terms import TermTable
from services.matching.engine.text_index import TextIndex
from services.matching.engine.tokens import Tokens, listing_tokens
from services.matching.engine.vector_index import Vector, VectorIndex, normalised
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind, ListingStatus


def _opposite(kind: ListingKind) -> ListingKind:
    return ListingKind.OFFER if kind == ListingKind.DEMAND else ListingKind.DEMAND


class MatchingEngine:
    """In-memory index of published listings and the proposals they give rise to."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.version = ENGINE_VERSION
        self._terms = TermTable()
        self._text = TextIndex()
        self._vectors = VectorIndex(self.config.embedding_dimension)
        self._profiles: dict[int, ListingProfile] = {}
        self._key_of: dict[str, int] = {}
        self._next_key = 0

    def __len__(self) -> int:
        return len(self._key_of)

    def __contains__(self, listing_id: object) -> bool:
        return listing_id in self._key_of

    def index(self, listing: ListingSnapshot, vector: npt.ArrayLike | None = None) -> bool:
        """Add or replace a published listing (with its embedding, if any); False if ignored.

        A snapshot that is no longer published removes the listing; one older than the
        indexed version is ignored (events may arrive twice or late).
        """
        if listing.status != ListingStatus.PUBLISHED:
            self.remove(listing.listing_id)
            return False
        current = self._key_of.get(listing.listing_id)
        if current is not None and self._profiles[current].version > listing.version:
            return False
        checked = None if vector is None else normalised(vector, self.config.embedding_dimension)
        self.remove(listing.listing_id)
        tokens = listing_tokens(listing)
        ids = self._terms.encode(tokens)
        self._terms.count(ids, +1)
        key, self._next_key = self._next_key, self._next_key + 1
        self._text.add(key, listing.kind, tokens)
        if checked is not None:
            self._vectors.add(key, listing.kind, checked)
        self._profiles[key] = profile_of(listing, ids, tokens.diacritic_free)
        self._key_of[listing.listing_id] = key
        return True

    def remove(self, listing_id: str) -> bool:
        """Forget a listing (withdrawn, expired, fulfilled); False if it was not indexed."""
        key = self._key_of.pop(listing_id, None)
        if key is None:
            return False
        profile = self._profiles.pop(key)
        self._terms.count(profile.term_ids, -1)
        self._terms.release_unused(profile.term_ids)
        self._text.remove(key)
        self._vectors.remove(key)
        return True

    def candidates_for(
        self,
        listing: ListingSnapshot,
        top_k: int = 10,
        threshold: float = 0.0,
        vector: npt.ArrayLike | None = None,
    ) -> list[Proposal]:
        """The best `top_k` proposals scoring at least `threshold`, best first (ties by id).

        The listing's own embedding is taken from the index unless `vector` is given; a
        listing without one is matched on keywords and structured fit alone. A listing that
        is not published gets no proposals.
        """
        if listing.status != ListingStatus.PUBLISHED or top_k <= 0:
            return []
        tokens = listing_tokens(listing)
        query = self._query_profile(listing, tokens)
        # A listing without a single word has no meaning for an embedding to carry: its
        # vector would only stand out from the crowd by chance.
        query_vector = self._query_vector(listing, vector) if tokens.exact else None
        pool, spread = self._pool(listing.kind, tokens, query_vector)
        keys = [key for key in pool if self._eligible(query, self._profiles[key])]
        others = [self._profiles[key] for key in keys]
        cosines = self._cosines(query_vector, keys)
        config = self.config
        scored = score_all(
            self._terms, query, others, cosines, spread, config.relevance, config.scoring
        )
        kept = sorted(
            (item for item in scored if item.score >= threshold),
            key=lambda item: (-item.score, item.other.listing_id),
        )
        return [
            proposal(self._terms, query, item, config.scoring, self.version)
            for item in kept[:top_k]
        ]

    def proposals_for(
        self, listing: ListingSnapshot, top_k: int = 10, vector: npt.ArrayLike | None = None
    ) -> list[Proposal]:
        """The proposals the service makes for `listing`: its ranked candidates through the
        serving gate (`config.serving`), at most `top_k`, best first."""
        ranked = self.candidates_for(listing, self.config.pool_size, 0.0, vector)
        return served(ranked, self.config.serving, top_k)

    def _query_profile(self, listing: ListingSnapshot, tokens: Tokens) -> ListingProfile:
        key = self._key_of.get(listing.listing_id)
        if key is not None and self._profiles[key].version == listing.version:
            return self._profiles[key]
        return profile_of(listing, self._terms.known_ids(tokens), tokens.diacritic_free)

    def _query_vector(
        self, listing: ListingSnapshot, vector: npt.ArrayLike | None
    ) -> Vector | None:
        if vector is not None:
            return normalised(vector, self.config.embedding_dimension)
        key = self._key_of.get(listing.listing_id)
        return None if key is None else self._vectors.vector(key)

    def _cosines(self, vector: Vector | None, keys: list[int]) -> list[float | None]:
        if vector is None:
            return [None] * len(keys)
        return self._vectors.similarities(vector, keys)

    def _pool(
        self, kind: ListingKind, tokens: Tokens, vector: Vector | None
    ) -> tuple[list[int], Spread | None]:
        """Keys of the fused keyword and vector candidates of the opposite kind, best first,
        and the spread of the vector similarities (None without an embedding)."""
        opposite, config = _opposite(kind), self.config
        terms = query_terms(tokens, self._terms, config.query)
        rankings = [self._text.search(opposite, terms, config.text_candidates)]
        spread = None
        if vector is not None:
            found = self._vectors.search(opposite, vector, config.vector_candidates)
            rankings.append([key for key, _ in found.hits])
            spread = Spread(found.mean, found.std, found.count)
        fused = reciprocal_rank_fusion(rankings, config.rrf_k)
        live = [key for key in fused if key in self._profiles]
        live.sort(key=lambda key: (-fused[key], self._profiles[key].listing_id))
        return live[: config.pool_size], spread

    def _eligible(self, query: ListingProfile, other: ListingProfile) -> bool:
        if other.listing_id == query.listing_id:
            return False
        same_owner = query.owner_organization_id == other.owner_organization_id
        return not (self.config.exclude_same_owner and same_owner and other.owner_organization_id)
