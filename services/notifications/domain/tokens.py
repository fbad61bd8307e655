"""Signed, expiring tokens for links that work without logging in (confirm, unsubscribe).

`<payload>.<signature>`, both base64url: the payload names the purpose, the recipient and the
expiry; the signature is HMAC-SHA256 over the payload with the service's secret. A token for
one purpose is useless for another.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import UTC, datetime
from enum import StrEnum


class TokenPurpose(StrEnum):
    CONFIRM = "confirm"
    UNSUBSCRIBE = "unsubscribe"


class InvalidTokenError(ValueError):
    """Forged, damaged or meant for another purpose."""


class ExpiredTokenError(ValueError):
    """Genuine, but past its expiry."""


def issue(secret: str, purpose: TokenPurpose, recipient: str, expires_at: datetime) -> str:
    payload = {"p": purpose.value, "r": recipient, "e": int(expires_at.timestamp())}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{body}.{_b64(_mac(secret, body))}"


def verify(secret: str, purpose: TokenPurpose, token: str, now: datetime) -> str:
    """The recipient the token was issued for; raises on a bad or expired token."""
    body, _, signature = token.partition(".")
    try:
        given = base64.urlsafe_b64decode(_padded(signature))
        payload = json.loads(base64.urlsafe_b64decode(_padded(body)))
    except (binascii.Error, ValueError) as exc:
        raise InvalidTokenError("the link is damaged") from exc
    if not hmac.compare_digest(given, _mac(secret, body)):
        raise InvalidTokenError("the link was not issued by this service")
    if not isinstance(payload, dict) or payload.get("p") != purpose.value:
        raise InvalidTokenError(f"the link is not a {purpose.value} link")
    if datetime.fromtimestamp(int(payload["e"]), UTC) < now:
        raise ExpiredTokenError("the link has expired")
    return str(payload["r"])


def _mac(secret: str, body: str) -> bytes:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _padded(text: str) -> bytes:
    return (text + "=" * (-len(text) % 4)).encode()
