"""Public notices of the market's other news, for journalists and the e-portal: a techmart
announced, changed, cancelled or closed (with its figures), an award programme opened (with how to
nominate), a laureate announced, the indicators of a period published (with the headline
figures). Each links the portal's page; the words are Vietnamese, times in the province's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from services.notifications.domain.notice import Notice, NoticeKind, NoticeRule
from shared.clock import PROVINCE_ZONE
from shared.events.awards import AwardProgrammeOpened
from shared.events.base import Event
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventCancelled,
    ConnectionEventClosed,
    ConnectionEventDetails,
    ConnectionEventUpdated,
)
from shared.events.indicators import IndicatorsPublished, MarketFigures
from shared.events.nominations import AwardGranted

LEVELS = {"award": "Bằng khen", "merit": "Giấy khen"}


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(PROVINCE_ZONE):%H:%M %d/%m/%Y}"


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".") + " đồng"


def _growth(rate: float | None) -> str:
    """`, tăng 30% so với cùng kỳ năm trước`; nothing when there is no year before to compare."""
    if rate is None:
        return ""
    change = "tăng" if rate >= 0 else "giảm"
    return f", {change} {abs(rate) * 100:.0f}% so với cùng kỳ năm trước"


def _event_notice(
    event: ConnectionEventAnnounced
    | ConnectionEventUpdated
    | ConnectionEventCancelled
    | ConnectionEventClosed,
    event_id: str,
    at: datetime,
    summary: str,
    **known: Any,
) -> Notice:
    """A notice about a connection event, linking its page (a cancelled or closed event gets
    the title it was announced with from the intake)."""
    return Notice(
        event_id=event_id, event_type=event.ce_type, kind=NoticeKind.EVENT, occurred_at=at,
        subject_id=event.event_id, title=known.pop("title", ""), summary=summary,
        page=f"/su-kien/{event.event_id}", **known,
    )  # fmt: skip


def _event_announced(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, ConnectionEventAnnounced)
    d = event.details
    summary = (
        f"Từ {_when(d.starts_at)} tại {_place(d)}. Nhận đăng ký tham gia "
        f"đến {_when(d.registration_deadline)}, tối đa {d.capacity} đơn vị."
    )
    return _described(event, event_id, at, summary)


def _event_changed(event: Event, event_id: str, at: datetime) -> Notice:
    """The broker changed the event: its new time, place and deadline, as a notice of its own
    (a journalist who reported the announcement reports the change)."""
    assert isinstance(event, ConnectionEventUpdated)
    d = event.details
    summary = (
        f"Thay đổi thông tin sự kiện: từ {_when(d.starts_at)} tại {_place(d)}. "
        f"Nhận đăng ký đến {_when(d.registration_deadline)}."
    )
    return _described(event, event_id, at, summary)


def _place(d: ConnectionEventDetails) -> str:
    return d.venue or d.online_url or ""


def _described(
    event: ConnectionEventAnnounced | ConnectionEventUpdated,
    event_id: str,
    at: datetime,
    summary: str,
) -> Notice:
    """A notice of what the event is (announced or changed): its title, first focus sector and
    the facts its press pack reads."""
    d = event.details
    sector = d.focus_sectors[0] if d.focus_sectors else None
    facts = {"event_kind": d.kind.value, "starts_at": d.starts_at.isoformat(), "venue": _place(d)}
    return _event_notice(event, event_id, at, summary, title=d.title, sector=sector, facts=facts)


def _event_cancelled(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, ConnectionEventCancelled)
    return _event_notice(event, event_id, at, f"Sự kiện bị hủy: {event.reason}")


def _event_closed(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, ConnectionEventClosed)
    f = event.summary
    summary = (
        f"Sự kiện đã kết thúc: {f.participants} đơn vị tham gia, {f.meetings_held} cuộc gặp "
        f"B2B, {f.introductions_opened} kết nối được giới thiệu, {f.mous_signed} biên bản ghi "
        "nhớ được ký."
    )
    return _event_notice(event, event_id, at, summary, facts=f.model_dump())


def _programme_opened(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, AwardProgrammeOpened)
    categories = "; ".join(c.name for c in event.categories)
    return Notice(
        event_id=event_id, event_type=event.ce_type, kind=NoticeKind.AWARD, occurred_at=at,
        subject_id=event.programme_id, title=event.title,
        summary=f"Nhận đề cử đến {_when(event.nominations_close_at)}. Hạng mục: {categories}. "
        "Hội, hiệp hội, cơ quan nhà nước đề cử hoặc đơn vị tự đề cử trên sàn.",
        page=f"/ton-vinh/{event.programme_id}",
    )  # fmt: skip


def _award_granted(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, AwardGranted)
    return Notice(
        event_id=event_id, event_type=event.ce_type, kind=NoticeKind.AWARD, occurred_at=at,
        subject_id=event.nomination_id,
        title=f"{event.nominee_name}: {LEVELS.get(event.level.value, event.level.value)}",
        summary=f"{event.programme_title} · {event.category_name}. {event.citation}",
        owner_name=event.nominee_name, page=f"/ton-vinh/{event.programme_id}",
        facts={"programme_id": event.programme_id, "programme_title": event.programme_title,
               "year": event.year, "category_name": event.category_name,
               "level": event.level.value, "announced_at": event.announced_at.isoformat()},
    )  # fmt: skip


def _indicators_published(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, IndicatorsPublished)
    t = event.totals
    return Notice(
        event_id=event_id, event_type=event.ce_type, kind=NoticeKind.INDICATORS, occurred_at=at,
        subject_id=event.period,
        title=f"Chỉ số thị trường KH&CN {event.province}, kỳ {event.period}",
        summary=f"{t.offers_published} công nghệ chào bán, {t.demands_published} đặt hàng, "
        f"{t.introductions} kết nối, {t.contracts} hợp đồng chuyển giao trị giá "
        f"{_money(t.contract_value_vnd)}{_growth(t.contract_value_growth)}.",
        page=f"/chi-so?ky={event.period}", facts=_indicator_facts(event),
        sector_facts={row.sector.value: _sector_facts(row.figures) for row in event.by_sector},
    )  # fmt: skip


_HEADLINE_COUNTS = (
    "offers_published", "demands_published", "introductions", "mous", "contracts",
    "contract_value_vnd",
)  # fmt: skip
_HEADLINE_RATES = (
    "contract_value_growth", "ip_asset_value_share", "academic_domestic_value_share",
    "state_funded_transferred_share",
)  # fmt: skip


def _indicator_facts(event: IndicatorsPublished) -> dict[str, str | int | float]:
    """The headline figures of a press pack; a rate the period has none of is left out."""
    totals = event.totals.model_dump()
    facts: dict[str, str | int | float] = {
        "period": event.period, "granularity": event.granularity.value,
        "period_start": event.period_start.isoformat(), "period_end": event.period_end.isoformat(),
        "province": event.province,
    }  # fmt: skip
    facts |= {name: totals[name] for name in _HEADLINE_COUNTS}
    facts |= {name: totals[name] for name in _HEADLINE_RATES if totals[name] is not None}
    if event.intermediary_organizations is not None:
        facts["intermediary_organizations"] = event.intermediary_organizations
    return facts


def _sector_facts(figures: MarketFigures) -> dict[str, int]:
    return {name: getattr(figures, name) for name in _HEADLINE_COUNTS}


MARKET_NOTICE_RULES: Final[Mapping[str, NoticeRule]] = {
    ConnectionEventAnnounced.ce_type: _event_announced,
    ConnectionEventUpdated.ce_type: _event_changed,
    ConnectionEventCancelled.ce_type: _event_cancelled,
    ConnectionEventClosed.ce_type: _event_closed,
    AwardProgrammeOpened.ce_type: _programme_opened,
    AwardGranted.ce_type: _award_granted,
    IndicatorsPublished.ce_type: _indicators_published,
}
