"""Words a reader sees for the codes only notifications uses, in Vietnamese and English; the
public vocabulary's words (sectors, return reasons) are `shared.labels`."""

from __future__ import annotations

from typing import Final

from shared.labels import RETURN_REASONS, SECTORS

__all__ = ["MEETING_CANCELLATIONS", "RETURN_REASONS", "SECTORS"]

MEETING_CANCELLATIONS: Final = {
    "vi": {
        "rescheduled_out": "lịch gặp của sự kiện đã được sắp xếp lại",
        "participant_cancelled": "một bên đã huỷ tham gia",
        "event_cancelled": "sự kiện đã bị huỷ",
    },
    "en": {
        "rescheduled_out": "the event's meetings were rearranged",
        "participant_cancelled": "one side withdrew from the event",
        "event_cancelled": "the event was cancelled",
    },
}
