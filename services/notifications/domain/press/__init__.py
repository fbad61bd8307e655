"""Press packs for the media: an indicator release, a techmart closed, an award result. Which
notices have one is `PRESS_EVENT_TYPES`; `press_pack` builds it from the stored notice and the
notices it draws on (a techmart's announcement, a programme's other laureates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from services.notifications.domain.notice import Notice
from services.notifications.domain.press.award import award_pack
from services.notifications.domain.press.indicators import indicators_pack
from services.notifications.domain.press.model import NoPressPackError, PressPack
from services.notifications.domain.press.techmart import techmart_pack
from shared.events.connection_events import ConnectionEventClosed
from shared.events.indicators import IndicatorsPublished
from shared.events.nominations import AwardGranted

__all__ = ["PRESS_EVENT_TYPES", "NoPressPackError", "PressPack", "Related", "press_pack"]

PRESS_EVENT_TYPES: Final = frozenset(
    {IndicatorsPublished.ce_type, ConnectionEventClosed.ce_type, AwardGranted.ce_type}
)


@dataclass(frozen=True)
class Related:
    """The other notices a pack draws on."""

    announcement: Notice | None = None
    programme_laureates: list[Notice] = field(default_factory=list)


def press_pack(notice: Notice, related: Related) -> PressPack:
    """Raises `NoPressPackError` for a notice of another kind, or one stored before notices
    kept the figures (it has no facts)."""
    if notice.event_type not in PRESS_EVENT_TYPES:
        raise NoPressPackError(
            "notice_id",
            f"{notice.event_type} notices have no press pack: only an indicators release, a "
            "closed connection event and an award result do",
        )
    if not notice.facts:
        raise NoPressPackError(
            "notice_id", "this notice was stored before notices kept the figures of a press pack"
        )
    if notice.event_type == IndicatorsPublished.ce_type:
        return indicators_pack(notice)
    if notice.event_type == ConnectionEventClosed.ce_type:
        return techmart_pack(notice, related.announcement)
    return award_pack(notice, related.programme_laureates)
