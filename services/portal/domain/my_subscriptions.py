"""An organisation's own news subscriptions (`/to-chuc/nhan-tin`), as the page shows them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from services.portal.domain import labels
from services.portal.domain.news_subscription import FREQUENCIES, NEWS_KINDS

STATES: Final = {
    "pending_confirmation": "Chờ xác nhận qua e-mail",
    "active": "Đang nhận tin",
    "paused": "Tạm dừng",
    "unsubscribed": "Đã hủy đăng ký",
}
EVERYTHING: Final = "Tất cả"
ACTION_LABELS: Final = {"tam-dung": "Tạm dừng", "tiep-tuc": "Tiếp tục nhận tin"}


@dataclass(frozen=True)
class SubscriptionView:
    subscription_id: str
    address: str
    kinds: str
    sectors: str
    frequency: str
    state: str
    action: str | None
    """`tam-dung` (pause) while it is active, `tiep-tuc` (resume) while paused, else None."""

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action or "", "")


def subscription_view(raw: Mapping[str, Any]) -> SubscriptionView:
    """What the notifications API holds, in Vietnamese: none ticked means every kind, sector."""
    filters = raw.get("filters") or {}
    status = str(raw.get("status", ""))
    kinds = [NEWS_KINDS.get(k, k) for k in filters.get("kinds") or ()]
    sectors = [labels.label(labels.SECTORS, s) for s in filters.get("sectors") or ()]
    frequency = str(raw.get("frequency", ""))
    return SubscriptionView(
        subscription_id=str(raw["subscription_id"]),
        address=str(raw.get("address", "")),
        kinds="; ".join(kinds) or EVERYTHING,
        sectors="; ".join(sectors) or EVERYTHING,
        frequency=FREQUENCIES.get(frequency, "Ngay khi có tin" if frequency == "instant" else ""),
        state=STATES.get(status, status),
        action={"active": "tam-dung", "paused": "tiep-tuc"}.get(status),
    )
