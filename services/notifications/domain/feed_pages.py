"""Pages of the public feeds: newest notice first, ties by notice id, each page starting after
the last notice of the one before (a keyset, so a notice published meanwhile shifts nothing and
no notice is seen twice or skipped). A page names the next by an opaque cursor, as the listings
search does; the feeds carry it in RFC 5005's `rel="next"` link and JSON Feed's `next_url`.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from services.notifications.domain.notice import Notice, NoticeKind
from shared.events.vocabulary import Sector


class InvalidCursorError(ValueError):
    """A cursor this service did not issue (forged, cut or from another API)."""

    field = "cursor"

    def __init__(self) -> None:
        super().__init__("cursor is not one this feed issued: start again without it")


class FeedCursor(BaseModel):
    """After this notice in feed order (published desc, notice id desc)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    published: AwareDatetime
    notice_id: str = Field(min_length=1, max_length=200)

    @field_validator("published")
    @classmethod
    def _in_utc(cls, moment: datetime) -> datetime:
        """As the store keeps moments; a forged one that has no UTC (year 1 at +14:00) is an
        `OverflowError`, which `decode` refuses."""
        return moment.astimezone(UTC)

    @classmethod
    def after(cls, notice: Notice) -> FeedCursor:
        return cls(published=notice.occurred_at, notice_id=notice.event_id)

    def encode(self) -> str:
        return base64.urlsafe_b64encode(self.model_dump_json().encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> FeedCursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            return cls.model_validate(json.loads(raw))
        except (binascii.Error, ValueError, ValidationError, OverflowError):
            raise InvalidCursorError from None

    def precedes(self, notice: Notice) -> bool:
        """Whether `notice` comes after this cursor in feed order."""
        return (notice.occurred_at, notice.event_id) < (self.published, self.notice_id)


def feed_order(notice: Notice) -> tuple[float, str]:
    """Sort key of feed order: sort by it, reversed."""
    return notice.occurred_at.timestamp(), notice.event_id


@dataclass(frozen=True)
class FeedSelection:
    """What one feed request asks for: the filters, and the page after `after` (None: the
    first page)."""

    sector: Sector | None = None
    kind: NoticeKind | None = None
    after: FeedCursor | None = None

    def query(self, after: FeedCursor | None = None) -> str:
        """`?sector=…&kind=…&cursor=…` for a link to a page of the same filters ('' when the
        first page of the unfiltered feed)."""
        params = {"sector": self.sector, "kind": self.kind}
        pairs = {name: value.value for name, value in params.items() if value is not None}
        if after is not None:
            pairs["cursor"] = after.encode()
        return f"?{urlencode(pairs)}" if pairs else ""


@dataclass(frozen=True)
class FeedPage:
    notices: list[Notice]
    next: FeedCursor | None
    """Where the next page starts; None on the last page."""

    @classmethod
    def of(cls, fetched: list[Notice], size: int) -> FeedPage:
        """A page from `size + 1` notices fetched in feed order: the extra one only says that
        a next page exists."""
        notices = fetched[:size]
        more = len(fetched) > size and bool(notices)
        return cls(notices, FeedCursor.after(notices[-1]) if more else None)
