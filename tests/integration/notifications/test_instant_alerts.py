"""Instant e-mail alerts for subscribers, on the real broker, store and SMTP server."""

from __future__ import annotations

import asyncio

import pytest

from tests.integration.notifications.conftest import Notifications, html_of, text_of
from tests.integration.notifications.events import offer
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration


async def test_a_medicinal_herbs_subscriber_gets_one_email_per_matching_offer(
    notifications: Notifications,
) -> None:
    n = notifications
    address = f"toasoan.{n.unique}@baoquangngai.vn"
    await n.subscribe_email(
        address, filters={"sectors": ["medicinal_herbs"], "districts": [n.district]}
    )
    await n.produce(
        offer(n.unique, 1, n.district),
        offer(n.unique, 2, n.district, sector="healthcare", title="Máy đo đường huyết"),
        offer(n.unique, 3, "10001"),  # another district
        offer(n.unique, 4, n.district, title="Chế phẩm sinh học từ sâm dây"),
    )
    await n.mail_to(address, 3)  # the confirmation and two alerts
    await asyncio.sleep(1.0)  # nothing else may follow
    alerts = n.smtp.mailbox.to(address)[1:]
    assert sorted(m["Subject"] for m in alerts) == [  # listings on other keys: any order
        "Công nghệ mới chào bán: Chế phẩm sinh học từ sâm dây",
        "Công nghệ mới chào bán: Quy trình nhân giống sâm Ngọc Linh số 1",
    ]
    first = alerts[0]
    assert first["List-Unsubscribe"].startswith("<http://notifications.test/unsubscribe?token=")
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Lĩnh vực: Dược liệu" in text_of(first)
    assert "<h2>" in html_of(first)


async def test_the_same_kafka_record_twice_sends_one_email(notifications: Notifications) -> None:
    n = notifications
    address = f"toasoan.{n.unique}@baoquangngai.vn"
    await n.subscribe_email(address, filters={"districts": [n.district]})
    [record] = await n.produce(offer(n.unique, 1, n.district))
    await n.send(record)  # redelivered: same ce_id
    sentinel = offer(n.unique, 2, n.district, title="Tin đánh dấu")
    await n.produce(sentinel)
    messages = await n.mail_to(address, 3)
    await asyncio.sleep(0.5)
    assert sorted(m["Subject"] for m in n.smtp.mailbox.to(address)[1:]) == [
        "Công nghệ mới chào bán: Quy trình nhân giống sâm Ngọc Linh số 1",
        "Công nghệ mới chào bán: Tin đánh dấu",
    ]
    assert len(messages) == 3


async def test_an_unsubscribe_link_stops_mail(notifications: Notifications) -> None:
    n = notifications
    leaving, staying = f"roi.{n.unique}@baoquangngai.vn", f"o.{n.unique}@baoquangngai.vn"
    await n.subscribe_email(leaving, filters={"districts": [n.district]})
    await n.subscribe_email(staying, filters={"districts": [n.district]})
    await n.produce(offer(n.unique, 1, n.district))
    [_, alert] = await n.mail_to(leaving, 2)
    link = alert["List-Unsubscribe"].strip("<>").removeprefix("http://notifications.test")

    shown = await n.client.get(link)  # a link scanner's GET must not unsubscribe
    assert shown.status_code == 200
    clicked = await n.client.post(
        link,
        content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert clicked.status_code == 200
    assert "không nhận thêm" in clicked.text

    await n.produce(offer(n.unique, 2, n.district))
    await n.mail_to(staying, 3)  # the one who stayed got the second offer...
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(leaving)) == 2  # ...the one who left did not


async def test_a_forged_or_expired_unsubscribe_link_is_refused(
    notifications: Notifications,
) -> None:
    forged = await notifications.client.post("/unsubscribe?token=eyJwIjoidW5zdWJzY3JpYmUifQ.AAAA")
    assert forged.status_code == 400
    assert forged.headers["content-type"] == "application/problem+json"


async def test_a_journalist_who_wants_demands_only_is_not_told_of_offers(
    notifications: Notifications,
) -> None:
    n = notifications
    address = f"phongvien.{n.unique}@baoquangngai.vn"
    subscription_id = await n.subscribe_email(
        address, kind="media_partner", filters={"kinds": ["demand"], "districts": [n.district]}
    )
    await n.produce(
        offer(n.unique, 1, n.district),
        offer(n.unique, 2, n.district, kind="demand", title="Cần công nghệ sấy lạnh dược liệu"),
    )
    [_, alert] = await n.mail_to(address, 2)
    assert alert["Subject"].endswith("Cần công nghệ sấy lạnh dược liệu")

    async def both_stored() -> bool:
        return await n.notices_stored() == 2

    await eventually(both_stored)  # an alert is queued in the transaction storing its notice
    deliveries = await n.deliveries(subscriber_id=subscription_id)
    assert [d["source_event_type"] for d in deliveries if d["purpose"] == "alert"] == [
        "stx.listing.published"
    ]
