"""Turns a delivery into what its channel sends: a rendered e-mail, or the signed CloudEvent."""

from __future__ import annotations

from typing import Any

from jinja2 import TemplateError

from services.notifications.delivery.destinations import Destination
from services.notifications.delivery.email import compose
from services.notifications.delivery.smtp import SmtpSender
from services.notifications.delivery.webhook import WebhookSender
from services.notifications.domain.attachments import Attachment
from services.notifications.domain.deliveries import Delivery, Purpose, SendFailure
from services.notifications.domain.reminders import REMINDER_ATTACHMENTS
from services.notifications.domain.targeted import TARGETED
from services.notifications.links import Links
from services.notifications.rendering import Renderer
from shared.events.notifications import NotificationChannel
from shared.logging import get_logger

log = get_logger(__name__)


class Senders:
    def __init__(
        self,
        renderer: Renderer,
        links: Links,
        smtp: SmtpSender,
        webhook: WebhookSender,
        sender_address: str,
    ):
        self._renderer = renderer
        self._links = links
        self._smtp = smtp
        self._webhook = webhook
        self._from = sender_address

    async def send(
        self, delivery: Delivery, where: Destination, extra: dict[str, Any]
    ) -> SendFailure | None:
        if delivery.channel is NotificationChannel.WEBHOOK:
            cloudevent = delivery.context["cloudevent"]
            secret = where.webhook_secret or ""
            return await self._webhook.send(where.address, secret, cloudevent, delivery.delivery_id)
        return await self._send_email(delivery, where, extra)

    async def _send_email(
        self, delivery: Delivery, where: Destination, extra: dict[str, Any]
    ) -> SendFailure | None:
        unsubscribe_url = self._links.unsubscribe(where.unsubscribe_as)
        context = {
            **delivery.context,
            **extra,
            "recipient_name": where.name,
            "unsubscribe_url": unsubscribe_url,
        }
        if delivery.purpose is Purpose.CONFIRMATION:
            context["confirm_url"] = self._links.confirm(where.unsubscribe_as)
        try:
            rendered = self._renderer.render(delivery.template, where.language, context)
        except TemplateError as exc:
            log.error("template_failed", template=delivery.template, error=str(exc))
            return SendFailure(f"template {delivery.template}: {exc}", retryable=False)
        message = compose(
            rendered,
            sender=self._from,
            to=where.address,
            delivery_id=delivery.delivery_id,
            unsubscribe_url=unsubscribe_url,
            attachments=_attachments(delivery),
        )
        return await self._smtp.send(message)


def _attachments(delivery: Delivery) -> list[Attachment]:
    """Files of a targeted message or reminder (a meeting's `.ics`), built from the facts it
    stored."""
    if delivery.purpose is not Purpose.TARGETED:
        return []
    message = TARGETED.get(delivery.source_event_type)
    if message is not None:
        return message.attachments(delivery.context)
    reminder = REMINDER_ATTACHMENTS.get(delivery.source_event_type)
    return reminder(delivery.context) if reminder is not None else []
