"""Press packs for journalists: read the stored notice, and the notices it draws on, then let
the domain assemble the pack (`domain/press`)."""

from __future__ import annotations

from services.notifications.domain.press import (
    NoPressPackError,
    PressPack,
    Related,
    press_pack,
)
from services.notifications.service.ports import NoticeStore
from shared.events.connection_events import ConnectionEventClosed
from shared.events.nominations import AwardGranted


class PressPacks:
    def __init__(self, notices: NoticeStore):
        self._notices = notices

    async def pack(self, notice_id: str) -> PressPack:
        """Raises `NoPressPackError` naming the field when there is none."""
        notice = await self._notices.get(notice_id)
        if notice is None:
            raise NoPressPackError("notice_id", f"no notice {notice_id!r}")
        related = Related()
        if notice.event_type == ConnectionEventClosed.ce_type:
            related = Related(announcement=await self._notices.announcement(notice.subject_id))
        elif notice.event_type == AwardGranted.ce_type and "programme_id" in notice.facts:
            laureates = await self._notices.laureates(str(notice.facts["programme_id"]))
            related = Related(programme_laureates=laureates)
        return press_pack(notice, related)
