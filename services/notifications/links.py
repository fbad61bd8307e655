"""Links in e-mails that work without logging in: confirm (double opt-in) and unsubscribe."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from services.notifications.domain import tokens
from services.notifications.domain.recipients import RecipientRef
from services.notifications.domain.tokens import TokenPurpose
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock


class Links:
    def __init__(self, settings: NotificationsSettings, clock: Clock):
        self._base = settings.public_base_url.rstrip("/")
        self._secret = settings.token_secret.get_secret_value()
        self._ttl = {
            TokenPurpose.UNSUBSCRIBE: timedelta(days=settings.unsubscribe_token_days),
            TokenPurpose.CONFIRM: timedelta(hours=settings.confirm_token_hours),
        }
        self._clock = clock

    def unsubscribe(self, recipient: RecipientRef) -> str:
        return self._link("/unsubscribe", TokenPurpose.UNSUBSCRIBE, str(recipient))

    def confirm(self, recipient: RecipientRef) -> str:
        return self._link("/subscriptions/confirm", TokenPurpose.CONFIRM, str(recipient))

    def recipient(self, purpose: TokenPurpose, token: str) -> RecipientRef:
        """Raises `tokens.InvalidTokenError` / `tokens.ExpiredTokenError`."""
        value = tokens.verify(self._secret, purpose, token, self._clock())
        return RecipientRef.model_validate(value)

    def _link(self, path: str, purpose: TokenPurpose, recipient: str) -> str:
        token = tokens.issue(self._secret, purpose, recipient, self._clock() + self._ttl[purpose])
        return f"{self._base}{path}?{urlencode({'token': token})}"
