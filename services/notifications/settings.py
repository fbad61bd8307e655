"""Settings of the notifications service (`STX_NOTIFICATIONS_…`, or `STX_…` for every service)."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from services.notifications.delivery.ssrf import TargetPolicy
from services.notifications.domain.deliveries import DeliveryIds
from services.notifications.domain.subscriptions import SignupLimits
from shared.settings import ServiceSettings

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
DEV_TOKEN_SECRET = "stx-notifications-dev-token-secret-change-me"  # noqa: S105 - refused in prod


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="STX_NOTIFICATIONS_", extra="ignore")
    service_name: ClassVar[str] = "notifications"

    http_port: int = Field(default=8003, ge=1, le=65535, description="HTTP port of the API.")
    public_base_url: str = Field(
        default="http://127.0.0.1:8003",
        description="Public URL of this service, for confirm / unsubscribe links and feeds.",
    )
    portal_url: str = Field(
        default="https://sangiaodich.khcn.quangngai.gov.vn",
        description="Public URL of the portal: e-mails link its pages to answer a proposal "
        "(`/to-chuc/de-xuat`) and to follow an introduction (`/to-chuc/ket-noi`).",
    )
    portal_listing_url: str = Field(
        default="https://sangiaodich.khcn.quangngai.gov.vn/listings/{listing_id}",
        description="Public page of a listing on the portal; `{listing_id}` is replaced.",
    )
    timezone: str = Field(
        default="Asia/Ho_Chi_Minh", description="Time zone of everything a person reads."
    )
    # SMTP
    smtp_host: str = Field(default="127.0.0.1", description="SMTP relay host.")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP relay port.")
    smtp_starttls: bool = Field(default=False, description="Upgrade with STARTTLS (port 587).")
    smtp_implicit_tls: bool = Field(default=False, description="TLS from the start (port 465).")
    smtp_username: str | None = Field(default=None, description="SMTP AUTH user, if any.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP AUTH password.")
    smtp_from: str = Field(
        default="San KHCN Quang Ngai <no-reply@khcn.quangngai.gov.vn>",
        description="`From:` of every e-mail; its domain also names the `Message-ID`s.",
    )
    smtp_timeout_seconds: float = Field(default=15.0, gt=0, description="Per SMTP command.")
    # Tokens
    token_secret: SecretStr = Field(
        default=SecretStr(DEV_TOKEN_SECRET),
        description="HMAC secret of confirm and unsubscribe links (≥ 32 chars in prod).",
    )
    unsubscribe_token_days: int = Field(
        default=90, ge=1, description="How long an unsubscribe link in an e-mail keeps working."
    )
    signups_per_address_per_day: int = Field(
        default=3, ge=1, description="E-mail subscriptions one address may ask for in 24 h."
    )
    signups_per_client_per_hour: int = Field(
        default=20, ge=1, description="E-mail subscriptions one client may ask for in an hour."
    )
    confirm_token_hours: int = Field(
        default=72, ge=1, description="How long a double opt-in confirmation link works."
    )
    # Webhooks
    webhook_allow_private_targets: bool = Field(
        default=False,
        description="Allow webhooks to loopback / private / link-local addresses (tests only: "
        "otherwise a subscriber could make the service call internal systems).",
    )
    webhook_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Whole webhook call, connection to status line: a receiver that trickles "
        "its answer is cut off then (the body is never read).",
    )
    # Delivery
    delivery_poll_seconds: float = Field(
        default=0.5, gt=0, description="How often the worker looks for due deliveries."
    )
    delivery_batch_size: int = Field(default=50, ge=1, description="Deliveries per worker pass.")
    delivery_max_attempts: int = Field(
        default=8, ge=1, description="Attempts before a delivery is `failed` with its last error."
    )
    delivery_backoff_seconds: float = Field(
        default=30.0, gt=0, description="Delay before the 2nd attempt; doubles each time."
    )
    delivery_backoff_max_seconds: float = Field(
        default=3600.0, gt=0, description="Cap of the retry delay (before jitter)."
    )
    delivery_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        description="A claimed delivery not recorded by then is `in doubt` (its process died).",
    )
    contact_wait_hours: float = Field(
        default=48.0, gt=0, description="How long a targeted message waits for contact details."
    )
    rate_limit_per_recipient_per_hour: int = Field(
        default=20, ge=1, description="Messages one recipient gets per hour at most."
    )
    rate_limit_per_domain_per_minute: int = Field(
        default=120, ge=1, description="Messages one mail domain / webhook host gets per minute."
    )
    # Digests
    digest_poll_seconds: float = Field(
        default=60.0, gt=0, description="How often due digests are assembled."
    )
    digest_hour: int = Field(
        default=7, ge=0, le=23, description="Local hour daily and weekly digests are sent."
    )
    weekly_digest_weekday: int = Field(
        default=0, ge=0, le=6, description="Weekday of the weekly digest (0 = Monday)."
    )
    quiet_hours_start: int = Field(
        default=21, ge=0, le=23, description="Local hour from which no digest is sent."
    )
    quiet_hours_end: int = Field(
        default=7, ge=0, le=23, description="Local hour digests may be sent again."
    )
    # Reminders
    reminder_poll_seconds: float = Field(
        default=60.0, gt=0, description="How often due reminders are queued (the sweep)."
    )
    reminder_hour: int = Field(
        default=8,
        ge=0,
        le=23,
        description="Local hour of the day before a B2B meeting its reminder goes out (and of "
        "the day a nomination-window reminder does).",
    )
    introduction_reminder_days: int = Field(
        default=14,
        ge=1,
        description="Days without progress on an introduction before both parties are reminded "
        "of the next step (and again after as many more).",
    )
    nomination_reminder_days: int = Field(
        default=7,
        ge=1,
        description="Days before an award programme's nominations close that associations "
        "which have not nominated are reminded.",
    )
    registration_reminder_days: int = Field(
        default=3,
        ge=1,
        description="Days before a connection event's registrations close that organisations "
        "with a published listing in its focus sectors, not registered yet, are reminded.",
    )
    feed_max_entries: int = Field(default=50, ge=1, le=500, description="Entries per feed.")
    press_font: Path = Field(
        default=_DEJAVU / "DejaVuSans.ttf",
        description="TrueType font of the press packs' PDF; it must cover Vietnamese.",
    )
    press_font_bold: Path = Field(
        default=_DEJAVU / "DejaVuSans-Bold.ttf", description="Bold face of the same family."
    )

    @property
    def signup_limits(self) -> SignupLimits:
        return SignupLimits(self.signups_per_address_per_day, self.signups_per_client_per_hour)

    @property
    def webhook_targets(self) -> TargetPolicy:
        """Private targets only when allowed (tests); plain http only in dev and test."""
        return TargetPolicy(
            allow_private=self.webhook_allow_private_targets,
            require_https=self.environment == "prod",
        )

    def delivery_ids(self) -> DeliveryIds:
        """Delivery ids keyed with a key derived from the token secret (its own purpose)."""
        secret = self.token_secret.get_secret_value().encode()
        return DeliveryIds(hmac.new(secret, b"stx delivery ids", hashlib.sha256).digest())

    @model_validator(mode="after")
    def _refuse_unsafe_settings(self) -> NotificationsSettings:
        if self.environment == "prod":
            secret = self.token_secret.get_secret_value()
            if secret == DEV_TOKEN_SECRET or len(secret) < 32:
                raise ValueError("prod needs a real STX_NOTIFICATIONS_TOKEN_SECRET (≥ 32 chars)")
            if self.webhook_allow_private_targets:
                raise ValueError("prod refuses STX_NOTIFICATIONS_WEBHOOK_ALLOW_PRIVATE_TARGETS")
        longest_send = max(self.smtp_timeout_seconds * 4, self.webhook_timeout_seconds)
        if self.delivery_lease_seconds <= longest_send:
            raise ValueError(
                f"delivery_lease_seconds must exceed the longest send ({longest_send:g} s)"
            )
        return self
