"""Signing in with the province's identity provider (OpenID Connect, authorization code flow
with PKCE): what the portal remembers between the redirect and the return, and who the
returning visitor is. Pure: the provider is called in `repository/identity_provider.py`.

The portal keeps no store: the pending sign-in (state, nonce, PKCE verifier, where to go back
to) travels in a short-lived encrypted cookie, and the visitor's access token in the session
cookie, which the portal forwards to the services as their bearer token.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from services.portal.domain.paths import local_path
from services.portal.domain.session import SESSION_TTL, Visitor

PENDING_TTL = timedelta(minutes=10)
PORTAL_ROLES = ("org", "broker", "reviewer")
"""The roles a page can act on; the provider may grant others (admin, other applications')."""


class SignInFailedError(Exception):
    """The provider's answer cannot be trusted or does not sign anyone in; the message is for
    the visitor (Vietnamese)."""


@dataclass(frozen=True)
class PendingSignIn:
    state: str
    nonce: str
    verifier: str
    return_to: str
    expires_at: datetime

    @classmethod
    def start(cls, return_to: str, now: datetime) -> PendingSignIn:
        return cls(
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            verifier=secrets.token_urlsafe(48),  # 64 characters (RFC 7636: 43–128)
            return_to=local_path(return_to),
            expires_at=now + PENDING_TTL,
        )

    def as_json(self) -> dict[str, str]:
        return {
            "state": self.state,
            "nonce": self.nonce,
            "verifier": self.verifier,
            "return_to": self.return_to,
            "expires_at": self.expires_at.isoformat(),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None, now: datetime) -> PendingSignIn | None:
        """The pending sign-in of a genuine cookie, None when missing, garbled or expired."""
        if raw is None:
            return None
        try:
            pending = cls(
                state=str(raw["state"]),
                nonce=str(raw["nonce"]),
                verifier=str(raw["verifier"]),
                return_to=local_path(str(raw["return_to"])),
                expires_at=datetime.fromisoformat(str(raw["expires_at"])),
            )
        except (TypeError, KeyError, ValueError):
            return None
        return pending if pending.expires_at > now else None


def code_challenge(verifier: str) -> str:
    """PKCE S256: base64url of the SHA-256 of the verifier, without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def authorization_url(
    endpoint: str, client_id: str, redirect_url: str, scopes: str, pending: PendingSignIn
) -> str:
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_url,
        "scope": scopes,
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": code_challenge(pending.verifier),
        "code_challenge_method": "S256",
        "ui_locales": "vi",
    }
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(query)}"


def visitor_of(claims: Mapping[str, Any], bearer: str, now: datetime) -> Visitor:
    """The visitor an access token (already verified) names, until it or the session expires."""
    granted = claims.get("roles") or ()
    if isinstance(granted, str):
        granted = granted.split()
    roles = tuple(role for role in PORTAL_ROLES if role in granted)
    if not roles:
        raise SignInFailedError("Tài khoản này chưa được cấp quyền sử dụng sàn giao dịch.")
    expires = datetime.fromtimestamp(int(claims["exp"]), UTC)
    return Visitor(
        subject=str(claims["sub"]),
        name=str(claims.get("name") or claims["sub"]),
        roles=roles,
        organization_id=claims.get("org_id"),
        expires_at=min(expires, now + SESSION_TTL),
        bearer=bearer,
    )
