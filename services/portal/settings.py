"""Settings of the portal (`STX_PORTAL_…`, or `STX_…` for all services)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class PortalSettings(ServiceSettings):
    """The portal reads the services over HTTP; it has no broker or store of its own (the
    inherited Kafka and MongoDB settings are unused)."""

    service_name: ClassVar[str] = "portal"
    model_config = SettingsConfigDict(env_prefix="STX_PORTAL_", extra="ignore")

    http_port: int = Field(default=8000, ge=1, le=65535)
    listings_url: str = Field(
        default="http://127.0.0.1:8001", description="Base URL of the listings service's API."
    )
    api_timeout_seconds: float = Field(
        default=5.0, gt=0, description="A page waits this long for a service, then says so."
    )
    mail_dir: Path | None = Field(
        default=None,
        description="Development only: the local SMTP sink's folder, shown at `/dev/mail`. "
        "Refused with `STX_ENVIRONMENT=prod`.",
    )

    @model_validator(mode="after")
    def _no_mail_pages_in_prod(self) -> PortalSettings:
        if self.environment == "prod" and self.mail_dir is not None:
            raise ValueError("STX_PORTAL_MAIL_DIR is for development: prod shows no mail pages")
        return self
