"""An organisation's own pages: its listings in every state, a new draft, sending it to review."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.field_errors import field_messages
from services.portal.domain.listing_form import FIELDS, ListingForm, api_body
from services.portal.domain.own_listings import OwnListing, own_listing
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import OwnListings, Tokens
from shared.errors import ForbiddenError

SHOWN_STATES = ("returned", "draft", "submitted", "published", "expired", "fulfilled")


@dataclass(frozen=True)
class Saved:
    listing_id: str


@dataclass(frozen=True)
class Refused:
    form: ListingForm


class OrganizationListings:
    def __init__(self, listings: OwnListings, tokens: Tokens) -> None:
        self._listings = listings
        self._tokens = tokens

    async def mine(self, visitor: Visitor) -> list[OwnListing]:
        organization_id, token = self._acting(visitor)
        found = []
        for state in SHOWN_STATES:
            found += await self._listings.mine(organization_id, state, token)
        return [own_listing(raw) for raw in found]

    async def create(self, visitor: Visitor, form: ListingForm) -> Saved | Refused:
        _, token = self._acting(visitor)
        try:
            return Saved(await self._listings.create(api_body(form), token))
        except FormRefusedError as refused:
            return Refused(form.with_errors(field_messages(refused.errors, FIELDS)))

    async def submit(self, visitor: Visitor, listing_id: str) -> str | None:
        """None when sent; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        try:
            await self._listings.submit(listing_id, token)
        except FormRefusedError as refused:
            return _why(refused, "Chưa gửi duyệt được")
        return None

    async def withdraw(self, visitor: Visitor, listing_id: str, reason: str) -> str | None:
        """None when withdrawn; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        try:
            await self._listings.withdraw(listing_id, reason, token)
        except FormRefusedError as refused:
            if any(str(e.get("field", "")).endswith("reason") for e in refused.errors):
                return "Nêu lý do rút tin (ít nhất 3 ký tự)."
            return _why(refused, "Chưa rút tin được")
        return None

    async def renew(self, visitor: Visitor, listing_id: str, valid_until: str) -> str | None:
        """None when renewed; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        try:
            await self._listings.renew(listing_id, valid_until, token)
        except FormRefusedError as refused:
            if any(str(e.get("field", "")).endswith("valid_until") for e in refused.errors):
                return "Chọn ngày hết hạn mới, sau hôm nay."
            return _why(refused, "Chưa gia hạn được")
        return None

    def _acting(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)


def _why(refused: FormRefusedError, failed: str) -> str:
    messages = field_messages(refused.errors, FIELDS)
    return "; ".join(messages.values()) or f"{failed}: {refused.detail}"
