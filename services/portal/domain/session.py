"""Who is signed in, carried in a signed cookie (HMAC-SHA256), and the CSRF token check.

The cookie holds no secret of the visitor: who they are, their roles and organisation, and an
expiry. It is HttpOnly and SameSite=Lax (set in `api/`); anyone may read it, nobody can forge
or extend it without the portal's secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

SESSION_TTL = timedelta(hours=8)


@dataclass(frozen=True)
class Visitor:
    subject: str
    name: str
    roles: tuple[str, ...]
    organization_id: str | None
    expires_at: datetime

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
    payload = {**asdict(visitor), "expires_at": visitor.expires_at.isoformat()}
    body = base64.urlsafe_b64encode(json.dumps(payload, sort_keys=True).encode()).decode()
    return f"{body}.{_mac(body, secret)}"


def unseal(cookie: str | None, secret: str, now: datetime) -> Visitor | None:
    """The visitor of a genuine, unexpired cookie; None for anything else."""
    if not cookie or "." not in cookie:
        return None
    body, mac = cookie.rsplit(".", 1)
    if not hmac.compare_digest(mac, _mac(body, secret)):
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(body.encode()))
        visitor = Visitor(
            subject=str(raw["subject"]),
            name=str(raw["name"]),
            roles=tuple(str(r) for r in raw["roles"]),
            organization_id=raw["organization_id"],
            expires_at=datetime.fromisoformat(raw["expires_at"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    return visitor if visitor.expires_at > now else None


def same_token(cookie: str | None, submitted: str | None) -> bool:
    """The form's CSRF token equals the cookie's (double submit): both present, compared in
    constant time."""
    return bool(cookie) and bool(submitted) and hmac.compare_digest(str(cookie), str(submitted))


def _mac(body: str, secret: str) -> str:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
