"""Press packs on the real broker and store: an indicators release and a closed techmart are
published on their topics, then a journalist reads the page, the PDF (its text extracted with
pypdf), the chart (a PNG of the announced size) and the read-out script (numbers, dates and
money in words, against expectations written by hand); the feeds link the pack."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import feedparser
import pytest
from PIL import Image
from pypdf import PdfReader

from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventClosed,
    ConnectionEventDetails,
    ConnectionEventSummary,
)
from shared.events.indicators import IndicatorsPublished, MarketFigures, SectorFigures
from shared.events.nominations import AwardGranted
from tests.integration.notifications.conftest import Notifications
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration

COMPUTED_AT = datetime(2027, 1, 1, 0, 5, tzinfo=UTC)


def figures(**counts: int | float) -> MarketFigures:
    zero = dict.fromkeys(
        ("offers_published", "demands_published", "proposals", "answers", "interested_answers",
         "introductions", "mous", "contracts", "contract_value_vnd", "state_funded_offers",
         "state_funded_transferred"), 0,
    )  # fmt: skip
    return MarketFigures.model_validate(zero | counts)


def quarter() -> IndicatorsPublished:
    totals = figures(
        offers_published=12, demands_published=7, introductions=5, mous=3, contracts=2,
        contract_value_vnd=1_200_000_000, contract_value_growth=0.3,
    )  # fmt: skip
    return IndicatorsPublished(
        period="2026-Q4", granularity="quarter", period_start=date(2026, 10, 1),
        period_end=date(2026, 12, 31), province="Quảng Ngãi", computed_at=COMPUTED_AT,
        totals=totals, by_district=[],
        by_sector=[
            SectorFigures(sector="medicinal_herbs",
                          figures=figures(offers_published=8, demands_published=4)),
            SectorFigures(sector="environment",
                          figures=figures(offers_published=4, demands_published=3)),
        ],
    )  # fmt: skip


def techmart(event_id: str) -> tuple[ConnectionEventAnnounced, ConnectionEventClosed]:
    starts = datetime(2027, 3, 10, 1, 0, tzinfo=UTC)  # 08:00 on 10 March, the province's time
    details = ConnectionEventDetails(
        title="Techmart dược liệu Măng Đen 2027", kind="techmart", starts_at=starts,
        ends_at=datetime(2027, 3, 10, 9, 0, tzinfo=UTC), venue="Nhà văn hóa xã Măng Đen",
        focus_sectors=["medicinal_herbs"], capacity=120,
        registration_deadline=datetime(2027, 3, 1, 10, 0, tzinfo=UTC), waitlist=True,
        slot_minutes=20, slot_count=12, tables=10,
    )  # fmt: skip
    summary = ConnectionEventSummary(
        participants=96, meetings_scheduled=310, meetings_held=254, no_shows=12,
        follow_ups=41, introductions_opened=38, mous_signed=7,
    )  # fmt: skip
    return (
        ConnectionEventAnnounced(event_id=event_id, details=details),
        ConnectionEventClosed(event_id=event_id, summary=summary),
    )


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it, lines joined (a headline wraps)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


async def published(n: Notifications, notice_id: str) -> None:
    async def ready() -> bool:
        return (await n.client.get(f"/press/{notice_id}/doc.txt")).status_code == 200

    await eventually(ready)


async def test_an_indicators_release_has_a_press_pack_in_every_form(
    notifications: Notifications,
) -> None:
    n = notifications
    [record] = await n.produce(quarter())
    await published(n, record.event_id)

    page = await n.client.get(f"/press/{record.event_id}")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Thị trường KH&amp;CN Quảng Ngãi quý 4/2026: 2 hợp đồng chuyển giao công nghệ" in (
        page.text
    )
    assert 'src="data:image/png;base64,' in page.text
    assert f'href="{n.settings.public_base_url}/press/{record.event_id}.pdf"' in page.text

    pdf = await n.client.get(f"/press/{record.event_id}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for figure in (
        "1,2 tỷ đồng giá trị hợp đồng chuyển giao công nghệ",
        "tăng 30% so với cùng kỳ năm trước",
        "1.200.000.000 đồng",
        "19 công nghệ chào bán và nhu cầu đặt hàng mới",
        "Kịch bản đọc trên phát thanh, truyền hình",
    ):
        assert figure in text, figure

    chart = await n.client.get(f"/press/{record.event_id}/chart.png")
    assert chart.headers["content-type"] == "image/png"
    assert chart.content.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(BytesIO(chart.content))
    assert (image.format, image.size) == ("PNG", (1000, 560))

    script = await n.client.get(f"/press/{record.event_id}/doc.txt")
    assert script.headers["content-type"].startswith("text/plain")
    assert script.text == (
        "Sàn giao dịch công nghệ tỉnh Quảng Ngãi vừa công bố chỉ số thị trường khoa học và công "
        "nghệ quý bốn năm hai nghìn không trăm hai mươi sáu. Trong kỳ, sàn có thêm mười hai "
        "công nghệ chào bán và bảy nhu cầu đặt hàng công nghệ; năm kết nối giữa bên cung và bên "
        "cầu đã được giới thiệu, ba biên bản ghi nhớ được ký. Đã có hai hợp đồng chuyển giao "
        "công nghệ với tổng giá trị một tỷ hai trăm triệu đồng, tăng ba mươi phần trăm so với "
        "cùng kỳ năm trước. Số liệu chi tiết có trên cổng thông tin của sàn.\n"
    )


async def test_a_closed_techmarts_script_reads_its_day_and_figures_in_words(
    notifications: Notifications,
) -> None:
    n = notifications
    _, closing = await n.produce(*techmart(f"evt_{n.unique}"))
    await published(n, closing.event_id)

    script = (await n.client.get(f"/press/{closing.event_id}/doc.txt")).text
    assert script == (
        "Techmart dược liệu Măng Đen hai nghìn không trăm hai mươi bảy, tổ chức ngày mùng mười "
        "tháng ba năm hai nghìn không trăm hai mươi bảy tại Nhà văn hóa xã Măng Đen, đã khép "
        "lại. Sự kiện có chín mươi sáu đơn vị cung và cầu công nghệ đăng ký tham gia. Hai trăm "
        "năm mươi tư cuộc gặp kết nối đã diễn ra trên tổng số ba trăm mười "
        "cuộc gặp được xếp lịch; ở bốn mươi mốt cuộc gặp, hai bên muốn tiếp tục làm việc. Đã có "
        "ba mươi tám kết nối được giới thiệu và bảy biên bản ghi nhớ được ký kết ngay tại sự "
        "kiện.\n"
    )
    pdf = await n.client.get(f"/press/{closing.event_id}.pdf")
    text = pdf_text(pdf.content)
    assert "Techmart dược liệu Măng Đen 2027 khép lại: 96 đơn vị tham gia" in text
    assert "Nhà văn hóa xã Măng Đen" in text


def laureate(unique: str, n: int, name: str, level: str) -> AwardGranted:
    return AwardGranted(
        nomination_id=f"nom_{unique}_{n}", programme_id=f"awp_{unique}",
        category_id="doanh-nghiep-doi-moi-cong-nghe", nominee_organization_id=f"org_{unique}_{n}",
        year=2026, programme_title="Tôn vinh tổ chức, cá nhân tiêu biểu năm 2026",
        category_name="Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ", level=level,
        nominee_name=name, citation="Ứng dụng thành công quy trình nhân giống sâm Ngọc Linh.",
        nominator_organization_id=f"org_{unique}_hiep_hoi",
        announced_at=datetime(2026, 12, 20, 2, 0, tzinfo=UTC),
    )  # fmt: skip


async def test_an_award_results_pack_lists_the_programmes_laureates(
    notifications: Notifications,
) -> None:
    n = notifications
    first, second = await n.produce(
        laureate(n.unique, 1, "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông", "award"),
        laureate(n.unique, 2, "Viện Dược liệu Măng Đen", "merit"),
    )
    await published(n, first.event_id)
    await published(n, second.event_id)

    text = pdf_text((await n.client.get(f"/press/{first.event_id}.pdf")).content)
    assert "2 tổ chức, cá nhân được tôn vinh: 1 bằng khen và 1 giấy khen." in text
    assert "Viện Dược liệu Măng Đen Giấy khen" in text
    script = (await n.client.get(f"/press/{first.event_id}/doc.txt")).text
    assert script.startswith(
        "Ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu, ban tổ chức chương "
        "trình Tôn vinh tổ chức, cá nhân tiêu biểu năm hai nghìn không trăm hai mươi sáu đã "
        "công bố kết quả. Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông được tặng bằng khen"
    )
    assert "gồm một bằng khen và một giấy khen" in script


async def test_the_feeds_link_the_press_pack(notifications: Notifications) -> None:
    n = notifications
    [record] = await n.produce(quarter())
    await published(n, record.event_id)
    pack = f"{n.settings.public_base_url}/press/{record.event_id}"

    atom = feedparser.parse(
        (await n.client.get("/feeds/atom.xml", params={"kind": "indicators"})).content
    )
    [entry] = [e for e in atom.entries if e.id == f"urn:stx:notice:{record.event_id}"]
    assert {"href": pack, "rel": "related"}.items() <= next(
        link for link in entry.links if link["rel"] == "related"
    ).items()
    json_feed = (await n.client.get("/feeds/feed.json", params={"kind": "indicators"})).json()
    [item] = [i for i in json_feed["items"] if i["id"] == f"urn:stx:notice:{record.event_id}"]
    assert item["_stx"] == {"press_pack": pack, "press_pack_pdf": f"{pack}.pdf"}


async def test_a_notice_without_a_press_pack_is_a_404_naming_the_field(
    notifications: Notifications,
) -> None:
    n = notifications
    announcement, _ = techmart(f"evt_{n.unique}")
    [record] = await n.produce(announcement)

    async def stored() -> bool:
        reply = await n.client.get("/feeds/feed.json", params={"kind": "event"})
        return any(i["id"].endswith(record.event_id) for i in reply.json()["items"])

    await eventually(stored)
    for notice_id in (record.event_id, "khong-co-ban-tin-nay"):
        reply = await n.client.get(f"/press/{notice_id}.pdf")
        assert reply.status_code == 404
        assert reply.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in reply.json()["errors"]] == ["notice_id"]
