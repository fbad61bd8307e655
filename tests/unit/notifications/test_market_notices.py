"""The market's news as public notices: a techmart announced, cancelled (under its announced
title) and closed with its figures, an award programme opened, a laureate, a period's
indicators; each in Vietnamese in the province's time, linking the portal's page, in the feeds
and in the digest."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from services.notifications.domain.deliveries import DeliveryIds
from services.notifications.domain.digests import Frequency, assemble
from services.notifications.domain.feed_pages import FeedSelection
from services.notifications.domain.notices import NoticeKind, notice_of
from services.notifications.service.feeds import Feeds
from shared.events.base import Event
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventCancelled,
    ConnectionEventClosed,
    ConnectionEventDetails,
    ConnectionEventSummary,
    ConnectionEventUpdated,
)
from shared.events.indicators import IndicatorsPublished, MarketFigures
from tests.unit.notifications.fakes import InMemoryStores, intake_of
from tests.unit.notifications.test_meetings_and_awards import award, programme
from tests.unit.notifications.test_templates import COMMON, renderer

AT = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
EVENT = "evt_techmart_2027"
PORTAL = "https://sangiaodich.khcn.quangngai.gov.vn"


def announced() -> ConnectionEventAnnounced:
    details = ConnectionEventDetails(
        title="Techmart dược liệu Măng Đen 2027", kind="techmart",
        starts_at=datetime(2027, 3, 10, 1, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 10, 9, 0, tzinfo=UTC), venue="Nhà văn hóa xã Măng Đen",
        focus_sectors=["medicinal_herbs"], capacity=60,
        registration_deadline=datetime(2027, 3, 1, 10, 0, tzinfo=UTC), waitlist=True,
        slot_minutes=20, slot_count=12, tables=10,
    )  # fmt: skip
    return ConnectionEventAnnounced(event_id=EVENT, details=details)


def indicators() -> IndicatorsPublished:
    zero = dict.fromkeys(
        ("offers_published", "demands_published", "proposals", "answers", "interested_answers",
         "introductions", "mous", "contracts", "contract_value_vnd", "state_funded_offers",
         "state_funded_transferred"), 0,
    )  # fmt: skip
    totals = MarketFigures.model_validate(
        zero | {"offers_published": 12, "demands_published": 7, "introductions": 5,
                "contracts": 2, "contract_value_vnd": 1_200_000_000}
    )  # fmt: skip
    return IndicatorsPublished(
        period="2026-Q4", granularity="quarter", period_start=date(2026, 10, 1),
        period_end=date(2026, 12, 31), province="Quảng Ngãi", computed_at=AT, totals=totals,
        by_sector=[], by_district=[],
    )  # fmt: skip


def test_a_techmart_announced_says_when_and_where_in_the_provinces_time() -> None:
    notice = notice_of(announced(), "e1", AT)
    assert notice is not None
    assert notice.kind is NoticeKind.EVENT
    assert notice.title == "Techmart dược liệu Măng Đen 2027"
    assert "Từ 08:00 10/03/2027 tại Nhà văn hóa xã Măng Đen" in notice.summary
    assert "đến 17:00 01/03/2027, tối đa 60 đơn vị" in notice.summary
    assert notice.page == f"/su-kien/{EVENT}"


def test_a_techmart_moved_says_its_new_time_and_place_under_its_title() -> None:
    moved = announced().details.model_copy(
        update={"starts_at": datetime(2027, 3, 17, 1, 0, tzinfo=UTC), "venue": "Hội trường xã"}
    )
    notice = notice_of(ConnectionEventUpdated(event_id=EVENT, details=moved), "e2", AT)
    assert notice is not None
    assert (notice.kind, notice.title, notice.page) == (
        NoticeKind.EVENT, "Techmart dược liệu Măng Đen 2027", f"/su-kien/{EVENT}",
    )  # fmt: skip
    assert "Thay đổi thông tin sự kiện: từ 08:00 17/03/2027 tại Hội trường xã" in notice.summary


def test_a_closed_techmart_carries_its_figures() -> None:
    figures = ConnectionEventSummary(
        participants=96, meetings_scheduled=310, meetings_held=254, no_shows=12,
        follow_ups=41, introductions_opened=38, mous_signed=7,
    )  # fmt: skip
    notice = notice_of(ConnectionEventClosed(event_id=EVENT, summary=figures), "e2", AT)
    assert notice is not None
    assert "96 đơn vị tham gia, 254 cuộc gặp B2B, 38 kết nối" in notice.summary
    assert "7 biên bản ghi nhớ" in notice.summary


def test_awards_and_indicators_make_notices_linking_their_pages() -> None:
    opened, granted, figures = (
        notice_of(programme(), "e3", AT), notice_of(award(), "e4", AT),
        notice_of(indicators(), "e5", AT),
    )  # fmt: skip
    assert opened is not None
    assert granted is not None
    assert figures is not None
    assert "Nhận đề cử đến 00:00 01/11/2026" in opened.summary  # 17:00 UTC is midnight here
    assert granted.title == "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông: Bằng khen"
    assert granted.page == "/ton-vinh/awp_2026_3f1c9a7e"
    assert figures.title == "Chỉ số thị trường KH&CN Quảng Ngãi, kỳ 2026-Q4"
    assert figures.summary.endswith("2 hợp đồng chuyển giao trị giá 1.200.000.000 đồng.")
    assert figures.page == "/chi-so?ky=2026-Q4"


def handling(event: Event, event_id: str, at: datetime) -> Any:
    """What the consumer hands the intake: the event, its envelope, a transaction."""
    envelope = SimpleNamespace(id=event_id, time=at, type=event.ce_type)
    return SimpleNamespace(event=event, envelope=envelope, tx=SimpleNamespace(session=None))


async def test_a_cancelled_techmart_is_announced_under_its_title_and_the_feed_links_its_page() -> (
    None
):
    stores = InMemoryStores()
    intake = intake_of(stores, lambda: AT, DeliveryIds(b"k" * 32))  # type: ignore[arg-type]
    await intake.record(handling(announced(), "e1", AT))
    cancelled = ConnectionEventCancelled(event_id=EVENT, reason="Lũ lớn, hoãn sự kiện.")
    await intake.record(handling(cancelled, "e2", AT.replace(hour=3)))
    notice = stores.notices.items["e2"]
    assert notice.title == "Techmart dược liệu Măng Đen 2027"
    assert notice.summary == "Sự kiện bị hủy: Lũ lớn, hoãn sự kiện."

    feeds = Feeds(stores.notices, renderer, PORTAL, "Quảng Ngãi", 50, lambda: AT)
    items = (await feeds.json_feed(FeedSelection(kind=NoticeKind.EVENT)))["items"]
    assert {i["title"] for i in items} == {"[Sự kiện kết nối] Techmart dược liệu Măng Đen 2027"}
    assert len(items) == 2
    assert {i["url"] for i in items} == {f"{PORTAL}/su-kien/{EVENT}"}


def test_the_digest_has_the_markets_news_with_their_links() -> None:
    notices = [n for n in (notice_of(announced(), "e1", AT), notice_of(award(), "e4", AT)) if n]
    digest = assemble(notices, Frequency.DAILY, AT.replace(hour=0), AT.replace(hour=23))
    assert not digest.empty
    rendered = renderer.render("digest", "vi", digest.model_dump(mode="json") | COMMON)
    assert "SỰ KIỆN, TÔN VINH, CHỈ SỐ THỊ TRƯỜNG" in rendered.text
    assert f"{PORTAL}/su-kien/{EVENT}" in rendered.text
    assert f'href="{PORTAL}/ton-vinh/awp_2026_3f1c9a7e"' in rendered.html


def test_the_indicators_notice_compares_the_value_with_the_same_period_a_year_before() -> None:
    grown = indicators()
    grown = grown.model_copy(
        update={"totals": grown.totals.model_copy(update={"contract_value_growth": 0.3})}
    )
    shrunk = grown.model_copy(
        update={"totals": grown.totals.model_copy(update={"contract_value_growth": -0.125})}
    )
    up, down = notice_of(grown, "e6", AT), notice_of(shrunk, "e7", AT)
    assert up is not None
    assert down is not None
    assert up.summary.endswith("1.200.000.000 đồng, tăng 30% so với cùng kỳ năm trước.")
    assert down.summary.endswith(", giảm 12% so với cùng kỳ năm trước.")
