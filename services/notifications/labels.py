"""Words a reader sees for the codes only notifications uses, in Vietnamese and English; the
public vocabulary's words (sectors, return reasons) are `shared.labels`."""

from __future__ import annotations

from typing import Final

from shared.labels import RETURN_REASONS, SECTORS

__all__ = [
    "INTRODUCTION_STAGES",
    "MEETING_CANCELLATIONS",
    "NEXT_STEPS",
    "RETURN_REASONS",
    "SECTORS",
]

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

INTRODUCTION_STAGES: Final = {
    "vi": {
        "opened": "đã được giới thiệu",
        "meeting_held": "đã gặp gỡ trao đổi",
        "mou_signed": "đã ký biên bản ghi nhớ",
        "contract_signed": "đã ký hợp đồng chuyển giao",
        "contract_registered": "đã đăng ký hợp đồng chuyển giao",
    },
    "en": {
        "opened": "introduced",
        "meeting_held": "met",
        "mou_signed": "signed a memorandum of understanding",
        "contract_signed": "signed the transfer contract",
        "contract_registered": "registered the transfer contract",
    },
}

NEXT_STEPS: Final = {
    "vi": {
        "opened": "Hẹn gặp, trao đổi trực tiếp giữa hai bên.",
        "meeting_held": "Thống nhất và ký biên bản ghi nhớ (MoU).",
        "mou_signed": "Đàm phán và ký hợp đồng chuyển giao công nghệ.",
        "contract_signed": "Đăng ký hợp đồng chuyển giao tại Sở Khoa học và Công nghệ.",
        "contract_registered": "Thực hiện hợp đồng và ghi nhận hoàn tất chuyển giao.",
    },
    "en": {
        "opened": "Arrange a meeting between the two sides.",
        "meeting_held": "Agree on and sign a memorandum of understanding (MoU).",
        "mou_signed": "Negotiate and sign the technology transfer contract.",
        "contract_signed": "Register the transfer contract with the Department of Science and "
        "Technology.",
        "contract_registered": "Carry out the contract and record the completed transfer.",
    },
}
"""What an introduction waits for after each stage (the portal's pipeline shows the same)."""
