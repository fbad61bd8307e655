"""The broker's moderation: the queue of submitted listings, approve with a score, return with
reasons. The rules (who may, what a score is) are the listings service's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.portal.domain.field_errors import field_messages
from services.portal.domain.labels import SCORE_AXES
from services.portal.domain.moderation import QueueEntry, queue_entry, score_of
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import ModerationQueue, Tokens
from shared.errors import ForbiddenError

FIELDS = ("score", "feedback", *SCORE_AXES)


class Moderation:
    def __init__(self, moderation: ModerationQueue, tokens: Tokens) -> None:
        self._moderation = moderation
        self._tokens = tokens

    async def queue(self, visitor: Visitor) -> list[QueueEntry]:
        return [queue_entry(raw) for raw in await self._moderation.queue(self._token(visitor))]

    async def approve(
        self, visitor: Visitor, listing_id: str, form: Mapping[str, str]
    ) -> str | None:
        """None when published; otherwise why not, in Vietnamese."""
        try:
            await self._moderation.approve(listing_id, score_of(form), self._token(visitor))
        except FormRefusedError as refused:
            return _why(refused)
        return None

    async def return_to_owner(
        self, visitor: Visitor, listing_id: str, reasons: Sequence[str], comment: str
    ) -> str | None:
        """None when returned; otherwise why not, in Vietnamese (no reason given, say)."""
        try:
            await self._moderation.return_to_owner(
                listing_id, reasons, comment, self._token(visitor)
            )
        except FormRefusedError as refused:
            return _why(refused)
        return None

    def _token(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)


def _why(refused: FormRefusedError) -> str:
    messages = field_messages(refused.errors, FIELDS)
    return "; ".join(messages.values()) or f"Không thực hiện được: {refused.detail}"
