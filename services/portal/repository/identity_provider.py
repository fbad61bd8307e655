"""The province's identity provider over OpenID Connect: discovery, the code exchange, and the
verification of the ID token (this sign-in, this nonce) and of the access token (what the
services will accept: audience `STX_JWT_AUDIENCE`, the claims `roles`, `org_id`, `name`)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import jwt

from services.portal.domain.oidc import (
    PendingSignIn,
    SignInFailedError,
    authorization_url,
    visitor_of,
)
from services.portal.domain.session import Visitor
from shared.logging import get_logger

log = get_logger(__name__)
_ALGORITHMS = ["RS256", "ES256"]
_LEEWAY = timedelta(seconds=30)
_UNTRUSTED = "Không xác minh được phiên đăng nhập với hệ thống định danh của tỉnh: hãy thử lại."
_UNREACHABLE = "Hệ thống định danh của tỉnh không trả lời: hãy thử lại sau ít phút."


@dataclass(frozen=True)
class ProviderSettings:
    issuer: str
    client_id: str
    client_secret: str | None
    redirect_url: str
    scopes: str
    audience: str


@dataclass(frozen=True)
class _Metadata:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


class IdentityProvider:
    def __init__(self, http: httpx.AsyncClient, settings: ProviderSettings) -> None:
        self._http = http
        self._settings = settings
        self._metadata: _Metadata | None = None
        self._keys: jwt.PyJWKClient | None = None

    async def authorization_url(self, pending: PendingSignIn) -> str:
        s = self._settings
        metadata = await self._discover()
        endpoint = metadata.authorization_endpoint
        return authorization_url(endpoint, s.client_id, s.redirect_url, s.scopes, pending)

    async def sign_in(self, code: str, pending: PendingSignIn, now: datetime) -> Visitor:
        """The visitor the provider vouches for, or `SignInFailedError`."""
        tokens = await self._exchange(code, pending)
        try:
            identity = await self._verified(tokens["id_token"], self._settings.client_id)
            access = await self._verified(tokens["access_token"], self._settings.audience)
        except (KeyError, TypeError, jwt.PyJWTError) as exc:
            log.warning("oidc_token_refused", error=type(exc).__name__)
            raise SignInFailedError(_UNTRUSTED) from exc
        if identity.get("nonce") != pending.nonce or identity["sub"] != access["sub"]:
            log.warning("oidc_token_refused", error="nonce or subject")
            raise SignInFailedError(_UNTRUSTED)
        return visitor_of(access, tokens["access_token"], now)

    async def _exchange(self, code: str, pending: PendingSignIn) -> Mapping[str, Any]:
        s = self._settings
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": s.redirect_url,
            "code_verifier": pending.verifier,
            "client_id": s.client_id,
        }
        # A confidential client authenticates with HTTP Basic; a public one by PKCE alone.
        auth = httpx.BasicAuth(s.client_id, s.client_secret) if s.client_secret else None
        metadata = await self._discover()
        try:
            response = await self._http.post(
                metadata.token_endpoint, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT
            )
        except httpx.HTTPError as exc:
            raise SignInFailedError(_UNREACHABLE) from exc
        if response.status_code != 200:
            log.warning("oidc_code_refused", status=response.status_code)
            raise SignInFailedError(_UNTRUSTED)
        body: Mapping[str, Any] = response.json()
        return body

    async def _verified(self, token: str, audience: str) -> dict[str, Any]:
        keys = self._keys
        assert keys is not None, "discovery runs before any token is verified"
        # PyJWKClient fetches the key set over blocking urllib when its cache is cold.
        key = await asyncio.to_thread(keys.get_signing_key_from_jwt, token)
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=_ALGORITHMS,
            audience=audience,
            issuer=self._settings.issuer,
            leeway=_LEEWAY,
            options={"require": ["exp", "sub", "iss", "aud"]},
        )
        return claims

    async def _discover(self) -> _Metadata:
        if self._metadata is None:
            url = f"{self._settings.issuer.rstrip('/')}/.well-known/openid-configuration"
            try:
                response = await self._http.get(url)
                found = response.json()
                if found["issuer"] != self._settings.issuer:
                    raise ValueError("the provider names another issuer")
                metadata = _Metadata(
                    found["authorization_endpoint"], found["token_endpoint"], found["jwks_uri"]
                )
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
                log.warning("oidc_discovery_failed", error=type(exc).__name__)
                raise SignInFailedError(_UNREACHABLE) from exc
            self._keys = jwt.PyJWKClient(metadata.jwks_uri, cache_keys=True, timeout=5)
            self._metadata = metadata
        return self._metadata
