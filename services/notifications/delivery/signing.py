"""Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the subscriber's secret.

Receivers recompute it from `X-STX-Timestamp` and the raw body, compare in constant time with
`X-STX-Signature` (`sha256=<hex>`), and refuse timestamps far from their clock (replays).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final

SIGNATURE_HEADER: Final = "X-STX-Signature"
TIMESTAMP_HEADER: Final = "X-STX-Timestamp"
DEFAULT_TOLERANCE_SECONDS: Final = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    given: str,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does; the tests' receiver uses it too."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body), given)
