"""Settings of the matching service (`STX_MATCHING_…`, or `STX_…` for every service).

Nested values use `__`: `STX_MATCHING_WEIGHTS__STATE_FUNDED=0.15` raises the boost of
state-funded results.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.matching.engine import EngineConfig, ScoringSettings, ServingSettings, Weights
from shared.settings import ServiceSettings

_SERVING = ServingSettings()


class MatchingSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="STX_MATCHING_", env_nested_delimiter="__", extra="ignore"
    )
    service_name: ClassVar[str] = "matching"

    http_port: int = Field(default=8002, ge=1, le=65535, description="HTTP port of the API.")
    top_k: int = Field(
        default=10, ge=1, le=100, description="Most proposals made for one published listing."
    )
    threshold: float = Field(
        default=_SERVING.floor,
        ge=0,
        le=1,
        description="Lowest score (0–1) worth proposing: the floor of the serving gate.",
    )
    text_floor: float = Field(
        default=_SERVING.text_floor,
        ge=0,
        le=1,
        description="Lowest text relevance worth proposing: structured fit alone is no match.",
    )
    min_probability: float = Field(
        default=_SERVING.min_probability,
        ge=0,
        le=1,
        description="Calibrated probability of relevance a candidate needs to be proposed.",
    )
    best_probability: float = Field(
        default=_SERVING.best_probability,
        ge=0,
        le=1,
        description="Probability from which a listing's best candidate is proposed, so that a "
        "listing with a plausible counterpart is never left without a proposal.",
    )
    rescore_top_k: int = Field(
        default=50,
        ge=1,
        le=500,
        description="When a listing changes, an open engine proposal stays while the pair is "
        "among this many best candidates through the serving gate; otherwise it is retracted.",
    )
    weights: Weights = Field(
        default_factory=Weights,
        description="Feature weights of the score (normalised by their sum); `state_funded` is "
        "the boost given to results of state-funded tasks.",
    )
    proposal_ttl_days: int = Field(
        default=30, ge=1, le=365, description="Days a proposal waits for answers before expiring."
    )
    expiry_sweep_seconds: float = Field(
        default=300.0, gt=0, description="How often unanswered proposals past their time expire."
    )
    index_catch_up_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How often this replica's in-memory index reads listings changed elsewhere.",
    )
    indicators_sweep_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="How often closed periods are checked and their indicators published once.",
    )
    indicators_cache_seconds: float = Field(
        default=60.0,
        ge=0,
        description="How long a computed indicator report (of a period not yet published) is "
        "served before it is computed again.",
    )
    indicators_rate_per_minute: float = Field(
        default=30.0, gt=0, description="Indicator requests a minute per client (on average)."
    )
    indicators_burst: int = Field(
        default=10, ge=1, description="Indicator requests a client may make at once."
    )
    meeting_request_ttl_hours: float = Field(
        default=72.0,
        gt=0,
        description="Hours a meeting request waits for an answer (at most until the event "
        "starts) before it expires and blocks nothing.",
    )
    meeting_request_sweep_seconds: float = Field(
        default=300.0, gt=0, description="How often unanswered meeting requests expire."
    )
    schedule_time_limit_seconds: float = Field(
        default=5.0, gt=0, le=60, description="Time the solver may take for one B2B schedule."
    )
    timezone: str = Field(
        default="Asia/Ho_Chi_Minh", description="Calendar of periods and of dates people type."
    )

    @property
    def proposal_ttl(self) -> timedelta:
        return timedelta(days=self.proposal_ttl_days)

    @property
    def meeting_request_ttl(self) -> timedelta:
        return timedelta(hours=self.meeting_request_ttl_hours)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def engine_config(self) -> EngineConfig:
        serving = ServingSettings(
            floor=self.threshold,
            text_floor=self.text_floor,
            min_probability=self.min_probability,
            best_probability=self.best_probability,
        )
        return EngineConfig(scoring=ScoringSettings(weights=self.weights), serving=serving)
