"""An organisation's own pages: its listings in every state, a new draft, sending it to review."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass

from services.portal.domain.field_errors import field_messages
from services.portal.domain.listing_form import FIELDS, ListingForm, api_body
from services.portal.domain.own_listings import OwnListing, own_listing
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import OwnListings, Tokens
from shared.errors import ForbiddenError

WITHDRAW_REASON = "Nêu lý do rút tin (ít nhất 3 ký tự)."
NEW_VALIDITY = "Chọn ngày hết hạn mới, sau hôm nay."
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
        return await _attempt(self._listings.submit(listing_id, token), "Chưa gửi duyệt được")

    async def withdraw(self, visitor: Visitor, listing_id: str, reason: str) -> str | None:
        """None when withdrawn; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        done = self._listings.withdraw(listing_id, reason, token)
        return await _attempt(done, "Chưa rút tin được", reason=WITHDRAW_REASON)

    async def renew(self, visitor: Visitor, listing_id: str, valid_until: str) -> str | None:
        """None when renewed; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        done = self._listings.renew(listing_id, valid_until, token)
        return await _attempt(done, "Chưa gia hạn được", valid_until=NEW_VALIDITY)

    def _acting(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)


async def _attempt(action: Awaitable[None], failed: str, **field_words: str) -> str | None:
    """None when the action went through; otherwise why not, in Vietnamese: the words for a
    field the action's own form names (`field_words`), else the API's field errors."""
    try:
        await action
    except FormRefusedError as refused:
        for error in refused.errors:
            field = str(error.get("field", "")).rsplit(".", 1)[-1]
            if field in field_words:
                return field_words[field]
        messages = field_messages(refused.errors, FIELDS)
        return "; ".join(messages.values()) or f"{failed}: {refused.detail}"
    return None
