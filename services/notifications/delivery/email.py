"""An e-mail from a rendered message: text and HTML alternatives, one-click unsubscribe
headers (RFC 8058), attachments (a meeting's `.ics`) and a Message-ID derived from the
delivery id, so a re-send is recognisable as the same message."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from services.notifications.domain.attachments import Attachment
from services.notifications.rendering import RenderedMessage


def message_id(delivery_id: str, sender: str) -> str:
    domain = parseaddr(sender)[1].rpartition("@")[2] or "stx.invalid"
    return f"<{delivery_id}@{domain}>"


def compose(
    rendered: RenderedMessage,
    *,
    sender: str,
    to: str,
    delivery_id: str,
    unsubscribe_url: str,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = rendered.subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = message_id(delivery_id, sender)
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    for attachment in attachments:  # the alternatives become the first part of multipart/mixed
        message.add_attachment(
            attachment.content,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.filename,
            params=dict(attachment.params or {}),
        )
    return message
