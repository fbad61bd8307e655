"""E-mail over SMTP with aiosmtplib (STARTTLS / implicit TLS / AUTH from settings)."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib

from services.notifications.domain.deliveries import SendFailure
from services.notifications.settings import NotificationsSettings


class SmtpSender:
    def __init__(self, settings: NotificationsSettings):
        self._settings = settings

    async def send(self, message: EmailMessage) -> SendFailure | None:
        """None once the server accepted the message (250 after DATA)."""
        settings = self._settings
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        try:
            await aiosmtplib.send(
                message,
                hostname=settings.smtp_host,
                port=settings.smtp_port,
                start_tls=settings.smtp_starttls,
                use_tls=settings.smtp_implicit_tls,
                username=settings.smtp_username,
                password=password,
                timeout=settings.smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [refused.code for refused in exc.recipients]
            return SendFailure(
                f"recipient refused: SMTP {codes}", retryable=all(400 <= c < 500 for c in codes)
            )
        except aiosmtplib.SMTPResponseException as exc:
            return SendFailure(f"SMTP {exc.code} {exc.message[:200]}", retryable=exc.code < 500)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            return SendFailure(f"SMTP unavailable: {type(exc).__name__}", retryable=True)
        return None
