"""Typed settings every service shares.

Each service subclasses `ServiceSettings` with its own prefix (`STX_LISTINGS_…`); any field
may also be set once for all services with the bare `STX_` prefix (`STX_KAFKA_BOOTSTRAP_SERVERS`),
and the service prefix wins.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

DEV_JWT_SECRET = "stx-local-dev-secret-change-me-0123456789"  # noqa: S105 - refused outside dev


class ServiceSettings(BaseSettings):
    """Settings common to every STX service."""

    model_config = SettingsConfigDict(env_prefix="STX_", extra="ignore")
    service_name: ClassVar[str]

    environment: Literal["dev", "test", "prod"] = Field(
        default="dev", description="`prod` refuses development secrets."
    )
    deployment: str = Field(
        default="quang-ngai",
        pattern=r"^[a-z0-9-]+$",
        description="Deployment slug, used in `ce_source` (`/stx/<deployment>/<service>`).",
    )
    province_name: str = Field(
        default="Quảng Ngãi", description="Display name of the deployment's province."
    )
    # Kafka
    kafka_bootstrap_servers: str = Field(default="127.0.0.1:9092", description="host:port,…")
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = Field(default=None, description="CA bundle for TLS to Kafka.")
    kafka_group_prefix: str = Field(
        default="stx", description="Consumer groups are `<prefix>.<service>`."
    )
    # MongoDB
    mongodb_url: SecretStr = Field(
        default=SecretStr("mongodb://127.0.0.1:27017/?directConnection=true"),
        description="MongoDB replica-set URL (transactions need a replica set).",
    )
    mongodb_database: str | None = Field(
        default=None, description="Database name; defaults to `stx_<service>`."
    )
    # HTTP
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=1, le=65535)
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Peers whose X-Forwarded-For names the client (per-client rate limits, "
        "logs): `*` in the cluster, where a NetworkPolicy lets only the ingress controller and "
        "Prometheus reach the pods.",
    )
    # Logging
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    # Auth
    jwt_secret: SecretStr = Field(
        default=SecretStr(DEV_JWT_SECRET), description="HS256 secret (local/dev tokens)."
    )
    jwt_jwks_url: str | None = Field(
        default=None, description="JWKS URL of the province's identity provider (RS256)."
    )
    jwt_audience: str = "stx"
    jwt_issuer: str | None = None
    # Reliability knobs
    outbox_poll_seconds: float = Field(default=0.2, gt=0, description="Relay idle poll period.")
    outbox_batch_size: int = Field(default=200, ge=1, le=5000)
    consumer_max_attempts: int = Field(
        default=5, ge=1, description="In-process attempts on a transient error before rewinding."
    )
    consumer_backoff_seconds: float = Field(default=0.2, gt=0)
    consumer_batch_max_records: int = Field(
        default=32,
        ge=1,
        le=500,
        description="Most records read from the broker at once: handled one by one, in order, "
        "with one offset commit after the last (a failure rewinds to the batch's start).",
    )
    consumer_batch_wait_ms: int = Field(
        default=50,
        ge=1,
        le=1000,
        description="How long an idle consumer waits for records before it polls again.",
    )
    consumer_backoff_max_seconds: float = Field(default=10.0, gt=0)
    graceful_timeout_seconds: float = Field(default=20.0, gt=0)

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_prod(self) -> ServiceSettings:
        if self.environment == "prod":
            if self.jwt_jwks_url is None and self.jwt_secret.get_secret_value() == DEV_JWT_SECRET:
                raise ValueError("prod needs STX_JWT_JWKS_URL or a real STX_JWT_SECRET")
            if len(self.jwt_secret.get_secret_value()) < 32 and self.jwt_jwks_url is None:
                raise ValueError("STX_JWT_SECRET must be at least 32 characters")
        return self

    @property
    def database_name(self) -> str:
        return self.mongodb_database or f"stx_{self.service_name}"

    @property
    def consumer_group(self) -> str:
        return f"{self.kafka_group_prefix}.{self.service_name}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        common = EnvSettingsSource(settings_cls, env_prefix="STX_")
        return init_settings, env_settings, common, dotenv_settings, file_secret_settings

    def kafka_connection_args(self) -> dict[str, Any]:
        """aiokafka keyword arguments for security, shared by broker, admin and tools."""
        args: dict[str, Any] = {"security_protocol": self.kafka_security_protocol}
        if self.kafka_security_protocol.startswith("SASL"):
            args["sasl_mechanism"] = self.kafka_sasl_mechanism
            args["sasl_plain_username"] = self.kafka_sasl_username
            password = self.kafka_sasl_password
            args["sasl_plain_password"] = password.get_secret_value() if password else None
        if self.kafka_security_protocol.endswith("SSL"):
            from aiokafka.helpers import create_ssl_context

            args["ssl_context"] = create_ssl_context(cafile=self.kafka_ssl_cafile)
        return args
