"""Settings of the listings service (`STX_LISTINGS_…`, or `STX_…` for every service)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class ListingsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="STX_LISTINGS_", extra="ignore")
    service_name: ClassVar[str] = "listings"

    http_port: int = Field(default=8001, ge=1, le=65535, description="HTTP port of the API.")
    expiry_sweep_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="How often published listings past their validity date are expired.",
    )
    duplicate_title_similarity: float = Field(
        default=0.9,
        ge=0.5,
        le=1.0,
        description="Folded-title similarity (0–1) above which a listing of the same owner "
        "is flagged to the broker as a possible duplicate.",
    )
    import_max_rows: int = Field(
        default=5000,
        ge=1,
        le=50_000,
        description="Largest catalogue one bulk import accepts (it is one transaction).",
    )
    search_max_candidates: int = Field(
        default=1000,
        ge=50,
        description="Full-text matches ranked per search request; narrower filters find the rest.",
    )
    idempotency_retention_hours: int = Field(
        default=72,
        ge=1,
        description="How long an `Idempotency-Key` of a create request is remembered.",
    )
