"""Self-service sign-up and the broker's verification queue. Who may register what, and what a
registration must hold, are the listings service's rules; the portal shows its refusals."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.field_errors import field_messages
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.registration import (
    FIELDS,
    OrganizationCard,
    RegistrationForm,
    named_like,
    organization_card,
    registration_body,
)
from services.portal.domain.session import Visitor
from services.portal.service.ports import OrganizationRegistry, Tokens
from shared.errors import ForbiddenError


@dataclass(frozen=True)
class Registered:
    organization_id: str


@dataclass(frozen=True)
class RegistrationRefused:
    form: RegistrationForm


class Registration:
    def __init__(self, registry: OrganizationRegistry, tokens: Tokens) -> None:
        self._registry = registry
        self._tokens = tokens

    async def sign_up(
        self, visitor: Visitor, form: RegistrationForm
    ) -> Registered | RegistrationRefused:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Đăng nhập bằng tài khoản của người đại diện tổ chức để đăng ký.")
        try:
            await self._registry.register(registration_body(form), self._token(visitor))
        except FormRefusedError as refused:
            messages = field_messages(refused.errors, FIELDS)
            if not messages and refused.detail:
                messages = {"_form": refused.detail}
            return RegistrationRefused(form.with_errors(messages))
        return Registered(visitor.organization_id)

    async def awaiting(self, visitor: Visitor) -> list[OrganizationCard]:
        raw = await self._registry.awaiting_verification(self._broker_token(visitor))
        return [organization_card(org) for org in raw]

    async def directory(self, visitor: Visitor, words: str) -> list[OrganizationCard]:
        """The verified organisations by name, those holding every word typed when some are."""
        raw = await self._registry.directory(self._broker_token(visitor))
        return named_like([organization_card(org) for org in raw], words)

    async def verify(self, visitor: Visitor, organization_id: str) -> str | None:
        """None when verified; otherwise why not, in Vietnamese."""
        try:
            await self._registry.verify(organization_id, self._broker_token(visitor))
        except FormRefusedError:
            return "Tổ chức này đã được xác minh trước đó."
        return None

    def _token(self, visitor: Visitor) -> str:
        return self._tokens.for_visitor(visitor)

    def _broker_token(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)
