"""An organisation's proposals (answer: interested, or not and why) and its introductions with
their history. Titles come from the listings' public pages; the rules are the matching
service's."""

from __future__ import annotations

from collections.abc import Mapping

from services.portal.domain.field_errors import field_messages
from services.portal.domain.proposals import (
    IntroductionView,
    ProposalView,
    answer_body,
    introduction_view,
    proposal_view,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import ListingsDirectory, MatchDesk, Tokens
from services.portal.service.titles import listing_titles
from shared.errors import ForbiddenError

ANSWER_FIELDS = ("interested", "reason", "comment")
MISSING_REASON = "Chọn lý do không quan tâm."


class OrganizationProposals:
    def __init__(self, desk: MatchDesk, listings: ListingsDirectory, tokens: Tokens) -> None:
        self._desk = desk
        self._listings = listings
        self._tokens = tokens

    async def proposals(self, visitor: Visitor) -> tuple[list[ProposalView], dict[str, str]]:
        organization_id, token = self._acting(visitor)
        views = [proposal_view(raw, organization_id) for raw in await self._desk.proposals(token)]
        titles = await listing_titles(
            self._listings, (i for v in views for i in (v.mine_id, v.other_id))
        )
        return views, titles

    async def answer(self, visitor: Visitor, match_id: str, form: Mapping[str, str]) -> str | None:
        """None when recorded; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        try:
            await self._desk.answer(match_id, answer_body(form), token)
        except FormRefusedError as refused:
            messages = field_messages(refused.errors, ANSWER_FIELDS)
            if "reason" in messages:
                return MISSING_REASON
            return "; ".join(messages.values()) or f"Chưa ghi nhận được: {refused.detail}"
        return None

    async def introductions(
        self, visitor: Visitor
    ) -> tuple[list[IntroductionView], dict[str, str]]:
        _, token = self._acting(visitor)
        views = [introduction_view(raw) for raw in await self._desk.introductions(token)]
        titles = await listing_titles(
            self._listings, (i for v in views for i in (v.offer_id, v.demand_id))
        )
        return views, titles

    def _acting(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)
