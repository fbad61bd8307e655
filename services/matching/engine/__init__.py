"""The pure matching engine of `services/matching` (no Kafka, no MongoDB, no logging).

Usage: `engine.index(listing, embed_listing(E5Embedder(), listing))` for every published
or updated listing, `engine.remove(listing_id)` when it leaves the market, and
`engine.proposals_for(listing, top_k=10)` for its proposals (`candidates_for` ranks without the
serving gate).
"""

from services.matching.engine.config import ENGINE_VERSION, EngineConfig
from services.matching.engine.embeddings import E5Embedder, Embedder, embed_listing, embedding_text
from services.matching.engine.engine import MatchingEngine
from services.matching.engine.explanation import Proposal
from services.matching.engine.query import QuerySettings
from services.matching.engine.relevance import RelevanceSettings
from services.matching.engine.scoring import FeatureScore, ScoringSettings, Weights
from services.matching.engine.serving import ServingSettings

__all__ = [
    "ENGINE_VERSION",
    "E5Embedder",
    "Embedder",
    "EngineConfig",
    "FeatureScore",
    "MatchingEngine",
    "Proposal",
    "QuerySettings",
    "RelevanceSettings",
    "ScoringSettings",
    "ServingSettings",
    "Weights",
    "embed_listing",
    "embedding_text",
]
