"""Documented changes to the v1 contract that the additive rule alone would refuse.

An event type leaves a public topic only through an entry here: `shared.contract` refuses any
other move, the AsyncAPI document names the move in the topic's description, and
`docs/consumers.md` lists it with its reason. Subscribers that handled the type stop seeing it;
nothing else of the topic changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from shared.topics import LISTINGS, MODERATION


@dataclass(frozen=True)
class MovedOffPublicTopic:
    ce_type: str
    public_topic: str
    to_topic: str
    since: str
    reason: str

    def sentence(self) -> str:
        return f"`{self.ce_type}` is no longer published here since {self.since}: {self.reason}"


_UNMODERATED: Final = (
    "moderation traffic (unapproved content, the broker's comment to the owner) is not public; "
    "agencies see a listing once it is published, as the public does"
)

MOVED_OFF_PUBLIC_TOPICS: Final[tuple[MovedOffPublicTopic, ...]] = (
    MovedOffPublicTopic("stx.listing.submitted", LISTINGS, MODERATION, "2026-12", _UNMODERATED),
    MovedOffPublicTopic("stx.listing.returned", LISTINGS, MODERATION, "2026-12", _UNMODERATED),
)


def documented_move(ce_type: str, from_topic: str, to_topic: str) -> bool:
    return any(
        (m.ce_type, m.public_topic, m.to_topic) == (ce_type, from_topic, to_topic)
        for m in MOVED_OFF_PUBLIC_TOPICS
    )


def moved_off(topic: str) -> list[MovedOffPublicTopic]:
    return [m for m in MOVED_OFF_PUBLIC_TOPICS if m.public_topic == topic]
