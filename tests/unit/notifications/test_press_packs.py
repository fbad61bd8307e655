"""Press packs assembled from stored notices: the headline figures to quote, the chart's bars
and a read-out script whose every number, date and sum is in words (expectations by hand)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices import notice_of
from services.notifications.domain.press import NoPressPackError, Related, press_pack
from services.notifications.service.press import PressPacks
from shared.events.connection_events import ConnectionEventClosed, ConnectionEventSummary
from shared.events.indicators import IndicatorsPublished, MarketFigures, SectorFigures
from tests.unit.notifications.fakes import InMemoryNotices
from tests.unit.notifications.test_market_notices import announced, indicators
from tests.unit.notifications.test_meetings_and_awards import award

AT = datetime(2027, 1, 1, 0, 5, tzinfo=UTC)
_DIGIT = re.compile(r"\d")


def notice(event: object, event_id: str = "n1") -> Notice:
    made = notice_of(event, event_id, AT)  # type: ignore[arg-type]
    assert made is not None
    return made


def quarter_with_sectors() -> IndicatorsPublished:
    base = indicators()
    totals = base.totals.model_copy(update={"contract_value_growth": 0.3,
                                            "ip_asset_value_share": 0.4})  # fmt: skip

    def sector(name: str, offers: int, demands: int) -> SectorFigures:
        figures = MarketFigures.model_validate(
            base.totals.model_dump() | {"offers_published": offers, "demands_published": demands}
        )
        return SectorFigures(sector=name, figures=figures)

    rows = [sector("environment", 2, 1), sector("medicinal_herbs", 7, 4)]
    return base.model_copy(update={"totals": totals, "by_sector": rows})


def closed() -> ConnectionEventClosed:
    figures = ConnectionEventSummary(
        participants=96, meetings_scheduled=310, meetings_held=254, no_shows=12,
        follow_ups=41, introductions_opened=38, mous_signed=7,
    )  # fmt: skip
    return ConnectionEventClosed(event_id="evt_techmart_2027", summary=figures)


def test_an_indicators_pack_quotes_the_contract_value_and_its_growth() -> None:
    pack = press_pack(notice(quarter_with_sectors()), Related())
    assert pack.headline == (
        "Thị trường KH&CN Quảng Ngãi quý 4/2026: 2 hợp đồng chuyển giao công nghệ, 1,2 tỷ đồng"
    )
    first = pack.figures[0]
    assert first.figure == "1,2 tỷ đồng"
    assert first.quote == (
        "Quý 4/2026, 2 hợp đồng chuyển giao công nghệ được ký trên thị trường KH&CN tỉnh "
        "Quảng Ngãi, tổng giá trị 1,2 tỷ đồng, tăng 30% so với cùng kỳ năm trước."
    )
    facts = {fact.label: fact.value for fact in pack.facts}
    assert facts["Giá trị hợp đồng"] == "1.200.000.000 đồng"
    assert facts["Tỷ trọng giá trị chuyển giao tài sản trí tuệ"] == "40%"
    assert facts["Kỳ"] == "quý 4/2026 (từ 01/10/2026 đến 31/12/2026)"


def test_the_indicators_chart_compares_sectors_busiest_first() -> None:
    chart = press_pack(notice(quarter_with_sectors()), Related()).chart
    assert chart.categories == ("Dược liệu", "Môi trường")
    assert [(s.name, s.values) for s in chart.series] == [
        ("Chào bán", (7, 2)),
        ("Đặt hàng", (4, 1)),
    ]


def test_without_a_sector_breakdown_the_chart_shows_the_totals() -> None:
    chart = press_pack(notice(indicators()), Related()).chart
    assert chart.categories == ("Chào bán", "Đặt hàng", "Kết nối", "Biên bản ghi nhớ", "Hợp đồng")
    assert chart.series[0].values == (12, 7, 5, 0, 2)


def test_the_indicators_script_reads_every_figure_in_words() -> None:
    script = press_pack(notice(quarter_with_sectors()), Related()).script
    assert script == (
        "Sàn giao dịch công nghệ tỉnh Quảng Ngãi vừa công bố chỉ số thị trường khoa học và công "
        "nghệ quý bốn năm hai nghìn không trăm hai mươi sáu. Trong kỳ, sàn có thêm mười hai "
        "công nghệ chào bán và bảy nhu cầu đặt hàng công nghệ; năm kết nối giữa bên cung và bên "
        "cầu đã được giới thiệu, chưa có biên bản ghi nhớ nào được ký. Đã có hai hợp đồng chuyển "
        "giao "
        "công nghệ với tổng giá trị một tỷ hai trăm triệu đồng, tăng ba mươi phần trăm so với "
        "cùng kỳ năm trước. Số liệu chi tiết có trên cổng thông tin của sàn."
    )
    assert 60 <= len(script.split()) <= 120
    assert not _DIGIT.search(script)


def test_a_techmart_pack_takes_when_and_where_from_its_announcement() -> None:
    closing = notice(closed(), "n2").model_copy(update={"title": "Techmart dược liệu 2027"})
    pack = press_pack(closing, Related(announcement=notice(announced(), "n0")))
    assert pack.headline == (
        "Techmart dược liệu 2027 khép lại: 96 đơn vị tham gia, 254 cuộc gặp B2B, 7 biên bản ghi nhớ"
    )
    facts = {fact.label: fact.value for fact in pack.facts}
    assert facts["Ngày"] == "10/03/2027"
    assert facts["Địa điểm"] == "Nhà văn hóa xã Măng Đen"
    assert pack.chart.series[0].values == (96, 310, 254, 41, 38, 7)
    assert pack.script.startswith(
        "Techmart dược liệu hai nghìn không trăm hai mươi bảy, tổ chức ngày mùng mười tháng ba "
        "năm hai nghìn không trăm hai mươi bảy tại Nhà văn hóa xã Măng Đen, đã khép lại. Sự "
        "kiện có chín mươi sáu đơn vị cung và cầu công nghệ đăng ký tham gia"
    )
    assert "Hai trăm năm mươi tư cuộc gặp kết nối đã diễn ra trên tổng số ba trăm mười" in (
        pack.script
    )
    assert "bảy biên bản ghi nhớ được ký kết" in pack.script
    assert 60 <= len(pack.script.split()) <= 120
    assert not _DIGIT.search(pack.script)


def test_a_techmart_without_its_announcement_still_has_a_pack() -> None:
    pack = press_pack(notice(closed(), "n2"), Related())
    assert pack.headline.startswith("Sự kiện kết nối cung – cầu công nghệ khép lại")
    assert "Ngày" not in {fact.label for fact in pack.facts}
    assert not _DIGIT.search(pack.script)


def test_an_award_pack_groups_the_programmes_laureates() -> None:
    mine = notice(award(), "n3")
    other = notice(
        award(nomination_id="nom_2", nominee_name="Viện Dược liệu Măng Đen", level="merit"), "n4"
    )
    pack = press_pack(mine, Related(programme_laureates=[mine, other]))
    assert pack.headline == (
        "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông được tặng Bằng khen — Tôn vinh tổ chức, cá nhân "
        "tiêu biểu phát triển thị trường KH&CN"
    )
    assert [(one.name, one.level) for one in pack.laureates] == [
        ("Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông", "Bằng khen"),
        ("Viện Dược liệu Măng Đen", "Giấy khen"),
    ]
    assert pack.figures[0].quote == "2 tổ chức, cá nhân được tôn vinh: 1 bằng khen và 1 giấy khen."
    assert [s.values for s in pack.chart.series] == [(1,), (1,)]
    assert pack.script.startswith(
        "Ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu, ban tổ chức chương "
        "trình Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường khoa học và công nghệ "
        "đã công bố kết quả."
    )
    assert "gồm một bằng khen và một giấy khen" in pack.script
    assert 60 <= len(pack.script.split()) <= 120
    assert not _DIGIT.search(pack.script)


def test_other_notices_have_no_press_pack() -> None:
    with pytest.raises(NoPressPackError) as refused:
        press_pack(notice(announced()), Related())
    assert refused.value.field == "notice_id"
    assert "stx.connection_event.announced" in refused.value.reason


def test_a_notice_stored_before_the_figures_were_kept_has_none() -> None:
    older = notice(indicators()).model_copy(update={"facts": {}})
    with pytest.raises(NoPressPackError, match="stored before"):
        press_pack(older, Related())


def test_an_indicators_notice_keeps_its_period_dates() -> None:
    assert notice(indicators()).facts["period_start"] == date(2026, 10, 1).isoformat()


async def test_the_use_case_finds_the_announcement_and_the_programmes_laureates() -> None:
    notices = InMemoryNotices()
    for stored in (
        notice(announced(), "n0"),
        notice(closed(), "n2"),
        notice(award(), "n3"),
        notice(award(nomination_id="nom_2", nominee_name="Viện Dược liệu", level="merit"), "n4"),
        notice(award(nomination_id="nom_3", programme_id="awp_khac", nominee_name="Khác"), "n5"),
    ):
        await notices.add(stored, session=None)
    packs = PressPacks(notices)

    techmart = await packs.pack("n2")
    assert "Nhà văn hóa xã Măng Đen" in techmart.script
    laureates = (await packs.pack("n3")).laureates
    assert [one.name for one in laureates] == [
        "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông",
        "Viện Dược liệu",
    ]
    with pytest.raises(NoPressPackError, match="no notice 'n9'"):
        await packs.pack("n9")
