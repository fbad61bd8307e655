"""A reviewer's pages: the nominations to score across the programmes under review, one file
with its scoring form, and declaring a conflict of interest. Recusal and assignment are the
awards service's rules: a recused reviewer is refused the file by the API itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.reviews import (
    QueueEntry,
    ReviewFile,
    queue_entry,
    review_file,
    scorecard_body,
)
from services.portal.domain.session import Visitor
from services.portal.service.ports import AwardsDirectory, ReviewDesk, Tokens
from shared.errors import ForbiddenError

IN_REVIEW = "in_review"
SCORE_REFUSED = "Mỗi tiêu chí chấm một điểm nguyên từ 0 đến 10."
SCORE_RULES = frozenset({"criterion-not-scored", "score-out-of-range", "unknown-criterion"})
"""The awards service's refusals of the marks themselves (others: a closed round, …)."""


class Reviews:
    def __init__(self, desk: ReviewDesk, awards: AwardsDirectory, tokens: Tokens) -> None:
        self._desk = desk
        self._awards = awards
        self._tokens = tokens

    async def queue(self, visitor: Visitor) -> list[tuple[str, list[QueueEntry]]]:
        """(programme title, nominations to score) for each programme under review."""
        token = self._token(visitor)
        found = []
        for programme in await self._awards.programmes():
            if programme.get("status") != IN_REVIEW:
                continue
            raw = await self._desk.queue(str(programme["programme_id"]), token)
            found.append(
                (str(programme.get("title", "")), [queue_entry(r, programme) for r in raw])
            )
        return found

    async def file(self, visitor: Visitor, nomination_id: str) -> ReviewFile:
        raw = await self._desk.nomination(nomination_id, self._token(visitor))
        return review_file(raw, await self._awards.programme(str(raw["programme_id"])))

    async def score(
        self, visitor: Visitor, nomination_id: str, form: Mapping[str, str]
    ) -> ReviewFile | None:
        """None when recorded; otherwise the file with the marks as typed and why not."""
        file = await self.file(visitor, nomination_id)
        body = scorecard_body(form, file.criteria)
        try:
            await self._desk.score(nomination_id, body, self._token(visitor))
        except FormRefusedError as refused:
            typed = {k: v for k, v in body["scores"].items() if isinstance(v, int)}
            marks = refused.errors or refused.code in SCORE_RULES
            why = SCORE_REFUSED if marks else f"Chưa lưu được phiếu chấm: {refused.detail}"
            return replace(file, scores=typed, comments=body["comments"], errors={"_form": why})
        return None

    async def declare_conflict(
        self, visitor: Visitor, nomination_id: str, reason: str
    ) -> str | None:
        """None when recused; otherwise why not, in Vietnamese."""
        try:
            await self._desk.declare_conflict(nomination_id, reason, self._token(visitor))
        except FormRefusedError:
            return "Nêu lý do xung đột lợi ích (ít nhất 3 ký tự)."
        return None

    def _token(self, visitor: Visitor) -> str:
        if not visitor.is_reviewer:
            raise ForbiddenError("Trang này dành cho thành viên hội đồng xét chọn.")
        return self._tokens.for_visitor(visitor)
