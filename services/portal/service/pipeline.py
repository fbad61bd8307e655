"""The broker's pipeline board over the matching API (every proposal and introduction), with
the listings' titles, and a proposal made by hand."""

from __future__ import annotations

import asyncio

from services.portal.domain.field_errors import field_messages
from services.portal.domain.pipeline import Column, board
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import ListingsDirectory, MatchDesk, Tokens
from services.portal.service.titles import listing_titles
from shared.clock import utc_now
from shared.errors import ForbiddenError, NotFoundError

PAIR_FIELDS = ("offer_id", "demand_id")


class BrokerPipeline:
    def __init__(self, desk: MatchDesk, listings: ListingsDirectory, tokens: Tokens) -> None:
        self._desk = desk
        self._listings = listings
        self._tokens = tokens

    async def board(self, visitor: Visitor) -> tuple[list[Column], dict[str, str]]:
        token = self._token(visitor)
        matches, introductions = await asyncio.gather(
            self._desk.proposals(token), self._desk.introductions(token)
        )
        columns = board(matches, introductions, utc_now())
        shown = {i for c in columns for card in c.cards for i in (card.offer_id, card.demand_id)}
        return columns, await listing_titles(self._listings, shown)

    async def propose(self, visitor: Visitor, offer_id: str, demand_id: str) -> str | None:
        """None when proposed; otherwise why not, in Vietnamese."""
        try:
            await self._desk.propose(offer_id, demand_id, self._token(visitor))
        except NotFoundError:
            return "Không tìm thấy tin chào bán hoặc đặt hàng đã công bố với mã này."
        except FormRefusedError as refused:
            messages = field_messages(refused.errors, PAIR_FIELDS)
            return "; ".join(messages.values()) or f"Chưa đề xuất được: {refused.detail}"
        return None

    def _token(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)
