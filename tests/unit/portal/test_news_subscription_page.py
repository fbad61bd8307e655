"""Đăng ký nhận tin through the ASGI app, the notifications API faked: a journalist ticks the
kinds of news and sectors, daily or weekly; the API is asked for an e-mail subscription on the
visitor's behalf; each refusal is worded in Vietnamese beside its field; the feeds of the same
choice are linked."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.portal.domain.news_subscription import (
    NewsForm,
    feed_links,
    form_field,
    read_news_form,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.settings import PortalSettings
from tests.unit.portal.fakes import portal_client
from tests.unit.portal.fakes_news import INVALID_EMAIL, InMemoryNewsDesk
from tests.unit.portal.signing import TOKEN, sign_in

FEEDS = "https://thongbao.example.vn"


@pytest.fixture
def desk() -> InMemoryNewsDesk:
    return InMemoryNewsDesk()


@pytest.fixture
async def client(desk: InMemoryNewsDesk) -> AsyncIterator[httpx.AsyncClient]:
    settings = PortalSettings(log_format="console", feeds_url=FEEDS)
    async with portal_client(settings, news_desk=desk) as client:
        yield client


async def csrf(client: httpx.AsyncClient, path: str = "/nhan-tin") -> str:
    match = TOKEN.search((await client.get(path)).text)
    assert match
    return match.group(1)


JOURNALIST = {
    "subscriber_name": "Phóng viên Báo Quảng Ngãi",
    "kind": "media_partner",
    "email": "phongvien@baoquangngai.vn",
    "kinds": ["demand", "event"],
    "sectors": ["medicinal_herbs"],
    "frequency": "weekly",
}


async def test_a_journalist_subscribes_to_weekly_demands_and_events_in_medicinal_herbs(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    token = await csrf(client)
    sent = await client.post("/nhan-tin", data={"csrf_token": token, **JOURNALIST})
    assert sent.status_code == 200
    assert (
        "Một thư xác nhận đã được gửi tới <strong>phongvien@baoquangngai.vn</strong>" in sent.text
    )
    [(body, address)] = desk.asked
    assert body == {
        "subscriber_name": "Phóng viên Báo Quảng Ngãi",
        "kind": "media_partner",
        "channel": "email",
        "email": "phongvien@baoquangngai.vn",
        "language": "vi",
        "frequency": "weekly",
        "filters": {"kinds": ["demand", "event"], "sectors": ["medicinal_herbs"]},
    }
    assert address == "127.0.0.1"  # the visitor, so the service's per-client limit counts them
    assert f'href="{FEEDS}/feeds/atom.xml?kind=demand&amp;sector=medicinal_herbs"' in sent.text
    assert f'href="{FEEDS}/feeds/feed.json?kind=event&amp;sector=medicinal_herbs"' in sent.text


async def test_an_empty_address_is_refused_beside_its_field_without_asking_the_api(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    token = await csrf(client)
    posted = {"csrf_token": token, **JOURNALIST, "email": "", "subscriber_name": ""}
    refused = await client.post("/nhan-tin", data=posted)
    assert refused.status_code == 422
    assert (
        'id="email-error" class="field-error">Nhập địa chỉ thư điện tử để nhận tin.' in refused.text
    )
    assert 'id="subscriber_name-error"' in refused.text
    assert 'value="event" checked' in refused.text  # what was ticked stays ticked
    assert desk.asked == []


async def test_the_apis_refusal_of_the_address_is_worded_in_vietnamese(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    desk.refusal = FormRefusedError([INVALID_EMAIL], "validation", "validation-failed")
    token = await csrf(client)
    posted = {"csrf_token": token, **JOURNALIST, "email": "phongvien@"}
    refused = await client.post("/nhan-tin", data=posted)
    assert refused.status_code == 422
    assert (
        'id="email-error" class="field-error">Địa chỉ thư điện tử dạng ten@donvi.vn.'
        in refused.text
    )
    assert 'value="phongvien@"' in refused.text


async def test_too_many_sign_ups_are_explained(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    desk.refusal = FormRefusedError(
        [], "this address asked for 3 subscriptions today", "too-many-signups"
    )
    token = await csrf(client)
    refused = await client.post("/nhan-tin", data={"csrf_token": token, **JOURNALIST})
    assert refused.status_code == 422
    assert "đã gửi nhiều yêu cầu đăng ký" in refused.text


async def test_a_post_without_this_browsers_csrf_token_is_refused(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    await csrf(client)
    refused = await client.post("/nhan-tin", data={"csrf_token": "forged", **JOURNALIST})
    assert refused.status_code == 403
    assert desk.asked == []


async def test_a_link_from_a_feed_ticks_its_kind_and_sector(client: httpx.AsyncClient) -> None:
    page = await client.get("/nhan-tin", params={"kind": "award", "sector": "healthcare"})
    assert page.status_code == 200
    assert 'value="award" checked' in page.text
    assert 'value="healthcare" checked' in page.text
    assert f'href="{FEEDS}/feeds/rss.xml?kind=award&amp;sector=healthcare"' in page.text
    home = await client.get("/")
    assert 'href="/nhan-tin"' in home.text


def test_values_the_form_does_not_offer_are_dropped() -> None:
    form = read_news_form(
        {"kinds": ["demand", "$where", "demand"], "sectors": ["coffee"], "frequency": ["hourly"],
         "kind": ["admin"], "email": [" a@b.vn "], "subscriber_name": ["An"]}
    )  # fmt: skip
    assert form == NewsForm(subscriber_name="An", email="a@b.vn", kinds=("demand",))


def test_the_apis_fields_land_on_the_forms_fields() -> None:
    assert form_field("body.filters.kinds.0") == "kinds"
    assert form_field("body.email") == "email"
    assert form_field("body") == "_form"
    assert form_field("filters.event_types") == "_form"


def test_without_a_choice_the_whole_feed_is_linked_and_two_sectors_do_not_narrow_it() -> None:
    [link] = feed_links(NewsForm(sectors=("healthcare", "medicinal_herbs")), FEEDS)
    assert link.label == "Tất cả tin"
    assert link.urls["Atom"] == f"{FEEDS}/feeds/atom.xml"


async def test_an_organisation_signed_in_owns_what_it_subscribes_to_and_pauses_it_once_confirmed(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    await client.post("/nhan-tin", data={"csrf_token": token, **JOURNALIST})
    (subscription_id,) = desk.owned

    mine = await client.get("/to-chuc/nhan-tin")
    assert mine.status_code == 200
    assert "phongvien@baoquangngai.vn" in mine.text
    assert "Chờ xác nhận qua e-mail" in mine.text
    assert "Đặt hàng công nghệ; Sự kiện kết nối" in mine.text
    pending = await client.post(
        f"/to-chuc/nhan-tin/{subscription_id}/tam-dung", data={"csrf_token": token}
    )
    assert pending.status_code == 409
    assert "sau khi địa chỉ e-mail đã được xác nhận" in pending.text

    desk.owned[subscription_id]["status"] = "active"  # the link in the e-mail was followed
    paused = await client.post(
        f"/to-chuc/nhan-tin/{subscription_id}/tam-dung", data={"csrf_token": token}
    )
    assert (paused.status_code, paused.headers["location"]) == (303, "/to-chuc/nhan-tin")
    assert desk.owned[subscription_id]["status"] == "paused"
    assert "Tiếp tục nhận tin" in (await client.get("/to-chuc/nhan-tin")).text


async def test_another_organisation_neither_sees_nor_pauses_a_subscription(
    client: httpx.AsyncClient, desk: InMemoryNewsDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    await client.post("/nhan-tin", data={"csrf_token": token, **JOURNALIST})
    (subscription_id,) = desk.owned
    await client.post("/dang-xuat", data={"csrf_token": token})

    token = await sign_in(client, "caphe-dakha:giam-doc")
    assert "phongvien@baoquangngai.vn" not in (await client.get("/to-chuc/nhan-tin")).text
    refused = await client.post(
        f"/to-chuc/nhan-tin/{subscription_id}/tam-dung", data={"csrf_token": token}
    )
    assert refused.status_code == 403
    unknown = f"/to-chuc/nhan-tin/{subscription_id}/xoa"
    assert (await client.post(unknown, data={"csrf_token": token})).status_code == 404
