"""Every tunable of the engine, as one pydantic model the service settings can embed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from services.matching.engine.fusion import DEFAULT_K
from services.matching.engine.query import QuerySettings
from services.matching.engine.relevance import RelevanceSettings
from services.matching.engine.scoring import ScoringSettings
from services.matching.engine.serving import ServingSettings

ENGINE_VERSION = "stx-match-1.3"
"""Recorded on every proposal; bump it whenever a change can alter scores."""


class EngineConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    scoring: ScoringSettings = Field(
        default_factory=ScoringSettings, description="Feature weights and the text gate."
    )
    serving: ServingSettings = Field(
        default_factory=ServingSettings, description="Which ranked candidates are proposed."
    )
    relevance: RelevanceSettings = Field(default_factory=RelevanceSettings)
    query: QuerySettings = Field(default_factory=QuerySettings)
    embedding_dimension: int = Field(default=384, ge=1, description="Length of listing vectors.")
    text_candidates: int = Field(default=30, ge=0, description="Keyword hits fused per search.")
    vector_candidates: int = Field(default=30, ge=0, description="Vector hits fused per search.")
    pool_size: int = Field(default=40, ge=1, description="Fused candidates scored in full.")
    rrf_k: int = Field(default=DEFAULT_K, ge=1, description="Reciprocal-rank-fusion constant.")
    exclude_same_owner: bool = Field(
        default=True, description="Never match an organisation's offer with its own demand."
    )
