"""The bearer token the services accept for a signed-in visitor: the province's identity
provider's access token, which the portal forwards; with the development sign-in (never in
production), a token signed with the local HS256 secret the services accept there."""

from __future__ import annotations

from services.portal.domain.session import Visitor
from shared.auth import mint_token
from shared.errors import UnauthenticatedError


class VisitorTokens:
    def __init__(self, secret: str, audience: str, *, may_mint: bool) -> None:
        self._secret = secret
        self._audience = audience
        self._may_mint = may_mint

    def for_visitor(self, visitor: Visitor) -> str:
        if visitor.bearer is not None:
            return visitor.bearer
        if not self._may_mint:
            raise UnauthenticatedError("Hãy đăng nhập lại qua hệ thống định danh của tỉnh.")
        return mint_token(
            self._secret,
            visitor.subject,
            visitor.roles,
            org_id=visitor.organization_id,
            name=visitor.name,
            audience=self._audience,
        )
