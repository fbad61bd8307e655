"""The development mail pages: the local stack's stored e-mails, listed and shown with their
links; never mounted without the folder, refused in production, no path smuggled in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from services.portal.domain.mail import read_mail
from services.portal.settings import PortalSettings
from tests.unit.portal.fakes import (
    portal_client,
)

NAME = "20261203T021500Z-00001.eml"


def proposal_mail() -> bytes:
    message = EmailMessage()
    message["From"] = "San KHCN Quang Ngai <no-reply@khcn.quangngai.gov.vn>"
    message["To"] = "htxmangden@example.vn"
    message["Subject"] = "Đề xuất kết nối: sấy lạnh dược liệu"
    message["Date"] = "Wed, 02 Dec 2026 20:15:00 +0000"
    message.set_content("Xem tin: http://127.0.0.1:8000/listings/lst_a\nNgừng nhận thư.")
    message.add_alternative(
        '<p><a href="http://127.0.0.1:8000/listings/lst_a">tin</a>'
        ' <a href="http://127.0.0.1:8003/v1/unsubscribe?t=x">ngừng</a>'
        ' <a href="mailto:an@example.vn">an</a></p>',
        subtype="html",
    )
    return message.as_bytes()


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / NAME).write_bytes(proposal_mail())
    settings = PortalSettings(log_format="console", mail_dir=tmp_path)
    async with portal_client(settings) as client:
        yield client


def test_a_mail_reads_with_its_day_in_the_province_and_each_web_link_once() -> None:
    mail = read_mail(NAME, proposal_mail())
    assert mail.summary.subject == "Đề xuất kết nối: sấy lạnh dược liệu"
    assert mail.summary.day == "03/12/2026"
    assert mail.links == (
        "http://127.0.0.1:8000/listings/lst_a",
        "http://127.0.0.1:8003/v1/unsubscribe?t=x",
    )


async def test_the_inbox_lists_and_a_message_shows_its_links(client: httpx.AsyncClient) -> None:
    inbox = await client.get("/dev/mail")
    assert inbox.status_code == 200
    assert f'href="/dev/mail/{NAME}"' in inbox.text
    shown = await client.get(f"/dev/mail/{NAME}")
    assert 'href="http://127.0.0.1:8000/listings/lst_a"' in shown.text
    assert "Ngừng nhận thư." in shown.text


@pytest.mark.parametrize("name", ["..%2F..%2Fetc%2Fpasswd", "x.eml", ".20261203T021500Z-1.eml"])
async def test_only_a_stored_message_name_is_read(client: httpx.AsyncClient, name: str) -> None:
    assert (await client.get(f"/dev/mail/{name}")).status_code == 404


async def test_without_the_folder_there_are_no_mail_pages() -> None:
    async with portal_client() as client:
        assert (await client.get("/dev/mail")).status_code == 404


def test_production_refuses_the_mail_pages(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="prod shows no mail pages"):
        PortalSettings(environment="prod", jwt_secret="x" * 40, mail_dir=tmp_path)
