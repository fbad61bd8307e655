"""Development sign-in: bearer tokens signed with the local HS256 secret the services accept.

Production signs in with the province's identity provider (OpenID Connect) and forwards its
tokens; that path is not built yet, and the development sign-in is refused in production."""

from __future__ import annotations

from services.portal.domain.session import Visitor
from shared.auth import mint_token


class DevTokens:
    def __init__(self, secret: str, audience: str) -> None:
        self._secret = secret
        self._audience = audience

    def for_visitor(self, visitor: Visitor) -> str:
        return mint_token(
            self._secret,
            visitor.subject,
            visitor.roles,
            org_id=visitor.organization_id,
            name=visitor.name,
            audience=self._audience,
        )
