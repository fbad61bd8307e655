"""Connection settings of the ops CLI: the services' settings, named `ops`."""

from __future__ import annotations

import argparse
from typing import Any, ClassVar

from pydantic import model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import DEV_JWT_SECRET, ServiceSettings


class OpsSettings(ServiceSettings):
    """`STX_OPS_…`, or `STX_…` like the services (bootstrap servers, SASL/TLS, MongoDB URL)."""

    model_config = SettingsConfigDict(env_prefix="STX_OPS_", extra="ignore")
    service_name: ClassVar[str] = "ops"

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_prod(self) -> OpsSettings:
        # Reading lag or dead letters needs no JWT secret; `stx token` checks it (`signing_secret`).
        return self

    def signing_secret(self) -> str:
        """The HS256 secret for `stx token`, refusing the development secret in production."""
        secret = self.jwt_secret.get_secret_value()
        if self.environment == "prod" and secret == DEV_JWT_SECRET:
            raise ValueError("refusing to sign with the development secret: set STX_JWT_SECRET")
        return secret


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--bootstrap",
        metavar="HOST:PORT,…",
        help="Kafka bootstrap servers (default: $STX_KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092); "
        "SASL/TLS from $STX_KAFKA_SECURITY_PROTOCOL, $STX_KAFKA_SASL_USERNAME, …",
    )
    group.add_argument(
        "--mongodb-url",
        metavar="URL",
        help="MongoDB URL (default: $STX_MONGODB_URL or "
        "mongodb://127.0.0.1:27017/?directConnection=true)",
    )


def settings_from(args: argparse.Namespace) -> OpsSettings:
    """The environment's settings, with what the command line names instead."""
    overrides: dict[str, Any] = {}
    if getattr(args, "bootstrap", None):
        overrides["kafka_bootstrap_servers"] = args.bootstrap
    if getattr(args, "mongodb_url", None):
        overrides["mongodb_url"] = args.mongodb_url
    return OpsSettings(**overrides)
