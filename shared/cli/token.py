"""`stx token`: a local HS256 JWT, signed like `python -m shared.auth mint`."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from rich.console import RenderableType
from rich.markup import escape
from rich.text import Text

from shared.auth import DEFAULT_TTL, Role, mint_token
from shared.cli import output
from shared.cli.settings import OpsSettings


class MintedToken(BaseModel):
    token: str
    subject: str
    roles: list[str]
    org_id: str | None
    expires_at: datetime


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "token",
        parents=parents,
        help="mint a local JWT (HS256, $STX_JWT_SECRET)",
        description="Print a bearer token signed with the deployment's HS256 secret "
        "($STX_JWT_SECRET, audience $STX_JWT_AUDIENCE). Production tokens come from the "
        "identity provider.",
    )
    parser.add_argument("--sub", required=True, help="subject, e.g. broker-01")
    parser.add_argument(
        "--role", action="append", required=True, choices=[r.value for r in Role], help="repeatable"
    )
    parser.add_argument("--org", help="organisation id (`org_id`); needed by --role org")
    parser.add_argument("--name", help="display name")
    parser.add_argument(
        "--ttl-hours", type=float, default=DEFAULT_TTL.total_seconds() / 3600, metavar="H"
    )
    parser.set_defaults(run=run, sync=True)


def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    ttl = timedelta(hours=args.ttl_hours)
    minted = MintedToken(
        token=mint_token(
            settings.signing_secret(),
            args.sub,
            args.role,
            org_id=args.org,
            name=args.name,
            ttl=ttl,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
        ),
        subject=args.sub,
        roles=sorted(set(args.role)),
        org_id=args.org,
        expires_at=output.now() + ttl,
    )
    if args.json:
        output.emit(minted, render, as_json=True)
        return 0
    print(minted.token)  # unwrapped, so that `TOKEN=$(stx token …)` works
    roles = ", ".join(minted.roles)
    expires = output.local_time(minted.expires_at)
    output.stderr().print(f"[dim]{escape(minted.subject)} ({roles}), expires {expires}[/]")
    return 0


def render(minted: MintedToken) -> RenderableType:
    return Text(minted.token, no_wrap=True, overflow="ignore")
