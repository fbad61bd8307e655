"""Bearer JWT authentication and role checks for every HTTP API (DESIGN.md §7).

Tokens are HS256 with a shared secret locally and RS256/ES256 from the province's identity
provider (JWKS) in production. The claims we read: `sub`, `roles` (a list, or a
space-separated string), `org_id` (the organisation an `org` principal acts for) and `name`.
Roles we do not know are ignored, so the identity provider may grant other applications'
roles in the same token.

Routes declare what they need:

    @router.post("/listings/{listing_id}/approve", responses=PROBLEM_RESPONSES)
    async def approve(listing_id: str, broker: Annotated[Principal, Depends(require(Role.broker))])

`admin` is a role like any other: a route admitting admins names `Role.admin` explicitly.

Local tokens: `python -m shared.auth mint --sub broker-01 --role broker`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Protocol

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jwt.types import Options

from shared.errors import ForbiddenError, UnauthenticatedError, UnavailableError
from shared.settings import ServiceSettings
from shared.text import nfc

DEFAULT_TTL = timedelta(hours=8)
_LEEWAY = timedelta(seconds=30)  # clock skew between us and the identity provider
_REQUIRED_CLAIMS: Options = {"require": ["exp", "sub"]}
_JWKS_ALGORITHMS = ("RS256", "ES256")
_JWKS_TIMEOUT_SECONDS = 5  # a slow identity provider must not hold requests for PyJWT's 30 s
_JWKS_REFETCH_COOLDOWN_SECONDS = 60
"""A token with an unknown `kid` refetches the key set at most once a minute: forged kids must
not turn every request into a call to the identity provider (keys rotate far more slowly)."""


class Role(StrEnum):
    org = "org"
    """Acts for one organisation (`org_id`): its own listings only."""
    broker = "broker"
    reviewer = "reviewer"
    admin = "admin"


_ROLES_BY_NAME = {role.value: role for role in Role}


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, as the bearer token says."""

    subject: str
    roles: frozenset[Role] = frozenset()
    organization_id: str | None = None
    name: str | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles

    def acts_for(self, organization_id: str) -> bool:
        """True for an `org` principal of exactly this organisation (admins included: no)."""
        return Role.org in self.roles and self.organization_id == organization_id

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        name = _text(claims.get("name"))
        return cls(
            subject=str(claims["sub"]),
            roles=_known_roles(claims.get("roles")),
            organization_id=_text(claims.get("org_id")),
            name=nfc(name) if name else None,
        )


def _known_roles(raw: object) -> frozenset[Role]:
    names = raw.split() if isinstance(raw, str) else raw
    if not isinstance(names, list):
        return frozenset()
    return frozenset(_ROLES_BY_NAME[n] for n in names if isinstance(n, str) and n in _ROLES_BY_NAME)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


# --- verifiers -----------------------------------------------------------------------------


class TokenVerifier(Protocol):
    async def verify(self, token: str) -> Principal:
        """The token's principal; raises `jwt.PyJWTError` for a token we must not trust."""
        ...


class HS256Verifier:
    """Tokens signed with a shared secret (local and test deployments)."""

    def __init__(self, secret: str, audience: str, issuer: str | None = None) -> None:
        self._secret = secret
        self._audience = audience
        self._issuer = issuer

    async def verify(self, token: str) -> Principal:
        claims = jwt.decode(
            token,
            self._secret,
            algorithms=["HS256"],
            audience=self._audience,
            issuer=self._issuer,
            leeway=_LEEWAY,
            options=_REQUIRED_CLAIMS,
        )
        return Principal.from_claims(claims)


class JwksVerifier:
    """Tokens signed by the identity provider, keys fetched from its JWKS URL and cached."""

    def __init__(self, jwks_url: str, audience: str, issuer: str | None = None) -> None:
        self._keys = jwt.PyJWKClient(
            jwks_url,
            cache_keys=True,
            timeout=_JWKS_TIMEOUT_SECONDS,
            cooldown_duration=_JWKS_REFETCH_COOLDOWN_SECONDS,
        )
        self._audience = audience
        self._issuer = issuer

    async def verify(self, token: str) -> Principal:
        # The key set is fetched over blocking urllib when the cache is cold or the kid is new.
        key = await asyncio.to_thread(self._keys.get_signing_key_from_jwt, token)
        claims = jwt.decode(
            token,
            key,
            algorithms=list(_JWKS_ALGORITHMS),
            audience=self._audience,
            issuer=self._issuer,
            leeway=_LEEWAY,
            options=_REQUIRED_CLAIMS,
        )
        return Principal.from_claims(claims)


def verifier_from_settings(settings: ServiceSettings) -> TokenVerifier:
    """JWKS when an identity provider is configured, else the HS256 secret."""
    if settings.jwt_jwks_url:
        return JwksVerifier(settings.jwt_jwks_url, settings.jwt_audience, settings.jwt_issuer)
    secret = settings.jwt_secret.get_secret_value()
    return HS256Verifier(secret, settings.jwt_audience, settings.jwt_issuer)


def mint_token(
    secret: str,
    subject: str,
    roles: Iterable[Role | str],
    org_id: str | None = None,
    name: str | None = None,
    ttl: timedelta = DEFAULT_TTL,
    audience: str = "stx",
    issuer: str | None = None,
) -> str:
    """An HS256 token for local use and tests (production tokens come from the provider)."""
    granted = sorted({Role(role) for role in roles})
    if Role.org in granted and not org_id:
        raise ValueError("an org token needs org_id: an org principal acts for one organisation")
    now = datetime.now(UTC)
    claims: dict[str, Any] = {"sub": subject, "roles": granted, "aud": audience}
    claims |= {"iat": now, "exp": now + ttl}
    optional = {"org_id": org_id, "name": name, "iss": issuer}
    claims |= {key: value for key, value in optional.items() if value is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


# --- FastAPI dependencies ------------------------------------------------------------------

_bearer = HTTPBearer(
    auto_error=False,  # we answer with problem+json ourselves
    scheme_name="bearer",
    bearerFormat="JWT",
    description="`Authorization: Bearer <JWT>`; local tokens: `python -m shared.auth mint`.",
)


async def optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """The caller, or None when no bearer token was sent. A bad token is still a 401."""
    if credentials is None:
        return None
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return await verifier.verify(credentials.credentials)
    except jwt.PyJWKClientConnectionError as exc:
        raise UnavailableError(
            "The token signing keys cannot be fetched right now; retry shortly.",
            code="identity-provider-unavailable",
            title="Identity provider unavailable",
        ) from exc
    except jwt.PyJWTError as exc:
        raise UnauthenticatedError(
            f"The bearer token was rejected: {exc}.",
            code="invalid-token",
            title="Invalid bearer token",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from exc


async def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    """The caller; 401 when no bearer token was sent."""
    if principal is None:
        raise UnauthenticatedError(
            "Send `Authorization: Bearer <token>`.", headers={"WWW-Authenticate": "Bearer"}
        )
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
OptionalPrincipalDep = Annotated[Principal | None, Depends(optional_principal)]


def require(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency admitting principals that hold at least one of `roles`; 403 otherwise."""
    if not roles:
        raise ValueError("require() needs at least one role")
    needed = frozenset(roles)
    wording = " or ".join(sorted(needed))

    async def principal_with_role(principal: PrincipalDep) -> Principal:
        if principal.roles.isdisjoint(needed):
            granted = ", ".join(sorted(principal.roles)) or "none"
            raise ForbiddenError(
                f"This action needs the role {wording}; the token grants: {granted}.",
                code="missing-role",
                title="Role required",
            )
        return principal

    return principal_with_role


# --- CLI -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.auth", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    mint = commands.add_parser("mint", help="print an HS256 token signed with STX_JWT_SECRET")
    mint.add_argument("--sub", required=True, help="subject, e.g. broker-01")
    mint.add_argument("--role", action="append", required=True, choices=list(_ROLES_BY_NAME))
    mint.add_argument("--org", help="organisation id (the `org_id` claim); needed by --role org")
    mint.add_argument("--name", help="display name")
    mint.add_argument("--ttl-hours", type=float, default=DEFAULT_TTL.total_seconds() / 3600)
    args = parser.parse_args(argv)
    settings = ServiceSettings()
    try:
        token = mint_token(
            settings.jwt_secret.get_secret_value(),
            args.sub,
            args.role,
            org_id=args.org,
            name=args.name,
            ttl=timedelta(hours=args.ttl_hours),
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
        )
    except ValueError as exc:
        parser.error(str(exc))
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
