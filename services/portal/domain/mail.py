"""A stored e-mail as the development mail pages show it: who, what, when, its text and links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from services.portal.domain.formatting import local_day

URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class MailSummary:
    name: str
    sender: str
    recipients: str
    subject: str
    day: str

    @property
    def url(self) -> str:
        return f"/dev/mail/{self.name}"


@dataclass(frozen=True)
class MailView:
    summary: MailSummary
    text: str
    links: tuple[str, ...]


def read_mail(name: str, raw: bytes) -> MailView:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    date = message.get("Date")
    summary = MailSummary(
        name=name,
        sender=str(message.get("From", "")),
        recipients=str(message.get("To", "")),
        subject=str(message.get("Subject", "")),
        day=local_day(parsedate_to_datetime(date)) if date else "",
    )
    text = _part(message, "plain")
    html = _part(message, "html")
    return MailView(summary=summary, text=text, links=_links(text, html))


def _part(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    return "" if part is None else str(part.get_content())


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for key, value in attrs if tag == "a" and key == "href" and value]


def _links(text: str, html: str) -> tuple[str, ...]:
    """Every web link of the message, once each, in order (mailto: links are not pages)."""
    hrefs = _Hrefs()
    hrefs.feed(html)
    found = [*URL.findall(text), *(h for h in hrefs.found if h.startswith(("http:", "https:")))]
    return tuple(dict.fromkeys(found))
