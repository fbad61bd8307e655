"""Development only: the e-mails the local stack sent, as its SMTP sink stored them."""

from __future__ import annotations

from services.portal.domain.mail import MailSummary, MailView, read_mail
from services.portal.service.ports import Mailbox

INBOX_SIZE = 100


class DevMail:
    def __init__(self, mailbox: Mailbox) -> None:
        self._mailbox = mailbox

    async def inbox(self) -> list[MailSummary]:
        names = await self._mailbox.names(INBOX_SIZE)
        return [read_mail(name, await self._mailbox.read(name)).summary for name in names]

    async def message(self, name: str) -> MailView:
        return read_mail(name, await self._mailbox.read(name))
