"""Who is signed in, carried in an encrypted cookie (AES-256-GCM), and the CSRF token check.

The cookie holds who the visitor is, their roles and organisation, an expiry and, when the
province's identity provider signed them in, its access token that the portal forwards to the
services: it is encrypted and authenticated with a key derived from the portal's secret, so the
browser can neither read the token nor forge or extend the cookie. It is HttpOnly and
SameSite=Lax (set in `api/`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SESSION_TTL = timedelta(hours=8)
_NONCE_BYTES = 12


@dataclass(frozen=True)
class Visitor:
    subject: str
    name: str
    roles: tuple[str, ...]
    organization_id: str | None
    expires_at: datetime
    bearer: str | None = None
    """The identity provider's access token (None with the development sign-in)."""

    @property
    def is_organization(self) -> bool:
        return "org" in self.roles and self.organization_id is not None

    @property
    def is_broker(self) -> bool:
        return "broker" in self.roles

    @property
    def is_reviewer(self) -> bool:
        return "reviewer" in self.roles


def seal(visitor: Visitor, secret: str) -> str:
    return seal_json({**asdict(visitor), "expires_at": visitor.expires_at.isoformat()}, secret)


def unseal(cookie: str | None, secret: str, now: datetime) -> Visitor | None:
    """The visitor of a genuine, unexpired cookie; None for anything else."""
    raw = unseal_json(cookie, secret)
    if raw is None:
        return None
    try:
        visitor = Visitor(
            subject=str(raw["subject"]),
            name=str(raw["name"]),
            roles=tuple(str(r) for r in raw["roles"]),
            organization_id=raw["organization_id"],
            expires_at=datetime.fromisoformat(raw["expires_at"]),
            bearer=raw.get("bearer"),
        )
    except (ValueError, KeyError, TypeError):
        return None
    return visitor if visitor.expires_at > now else None


def seal_json(payload: dict[str, Any], secret: str) -> str:
    """`payload` encrypted and authenticated, as cookie-safe text."""
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_key(secret)).encrypt(nonce, json.dumps(payload, sort_keys=True).encode(), None)
    return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def unseal_json(text: str | None, secret: str) -> dict[str, Any] | None:
    """The payload of a cookie `seal_json` made with this secret; None for anything else."""
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        opened = AESGCM(_key(secret)).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], None)
        payload = json.loads(opened)
    except (binascii.Error, ValueError, InvalidTag):
        return None
    return payload if isinstance(payload, dict) else None


def same_token(cookie: str | None, submitted: str | None) -> bool:
    """The form's CSRF token equals the cookie's (double submit): both present, compared in
    constant time."""
    return bool(cookie) and bool(submitted) and hmac.compare_digest(str(cookie), str(submitted))


def _key(secret: str) -> bytes:
    """A 256-bit key of its own for the cookies (the secret may serve other purposes)."""
    return hashlib.sha256(b"stx-portal-cookie:" + secret.encode()).digest()
