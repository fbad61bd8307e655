"""Settings of the portal (`STX_PORTAL_…`, or `STX_…` for all services)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

DEV_SESSION_SECRET = "stx-portal-dev-session-secret-change-me-0123"  # noqa: S105 - refused in prod


class DemoUser(BaseModel):
    """Someone the development sign-in page offers: a broker of the Department, a member of an
    award programme's review panel, or an organisation of the demo seed."""

    subject: str
    name: str
    role: Literal["org", "broker", "reviewer"] = "org"
    organization_id: str | None = None


DEMO_USERS = (
    DemoUser(subject="broker-01", name="Cán bộ Sở KH&CN (môi giới)", role="broker"),
    DemoUser(
        subject="reviewer-01", name="GS.TS. Nguyễn Văn An (hội đồng xét chọn)", role="reviewer"
    ),
    DemoUser(subject="reviewer-02", name="TS. Lê Thị Bình (hội đồng xét chọn)", role="reviewer"),
    DemoUser(
        subject="htxmangden:giam-doc",
        name="Hợp tác xã Nông nghiệp Dược liệu Măng Đen",
        organization_id="org_htx_mangden",
    ),
    DemoUser(
        subject="caphe-dakha:giam-doc",
        name="Công ty TNHH Cà phê Đắk Hà",
        organization_id="org_caphe_dakha",
    ),
    DemoUser(
        subject="ttsam:vien-truong",
        name="Trung tâm Nghiên cứu và Phát triển Sâm Ngọc Linh",
        organization_id="org_ttsam_ngoclinh",
    ),
    DemoUser(
        subject="ud-kontum:phong-khcn",
        name="Phân hiệu Đại học Đà Nẵng tại Kon Tum",
        organization_id="org_ud_kontum",
    ),
)


class PortalSettings(ServiceSettings):
    """The portal reads the services over HTTP; it has no broker or store of its own (the
    inherited Kafka and MongoDB settings are unused)."""

    service_name: ClassVar[str] = "portal"
    model_config = SettingsConfigDict(env_prefix="STX_PORTAL_", extra="ignore")

    http_port: int = Field(default=8000, ge=1, le=65535)
    listings_url: str = Field(
        default="http://127.0.0.1:8001", description="Base URL of the listings service's API."
    )
    matching_url: str = Field(
        default="http://127.0.0.1:8002",
        description="Base URL of the matching service's API (public market indicators).",
    )
    awards_url: str = Field(
        default="http://127.0.0.1:8004",
        description="Base URL of the awards service's API (programmes, results, certificates).",
    )
    notifications_url: str = Field(
        default="http://127.0.0.1:8003",
        description="Base URL of the notifications service's API, as the portal reaches it "
        "(`POST /subscriptions` of the page `/nhan-tin`).",
    )
    feeds_url: str = Field(
        default="http://127.0.0.1:8003",
        description="Public URL of the notifications service, whose Atom, RSS and JSON feeds "
        "the pages link to (`/feeds/atom.xml`, `/feeds/rss.xml`, `/feeds/feed.json`).",
    )
    api_timeout_seconds: float = Field(
        default=5.0, gt=0, description="A page waits this long for a service, then says so."
    )
    mail_dir: Path | None = Field(
        default=None,
        description="Development only: the local SMTP sink's folder, shown at `/dev/mail`. "
        "Refused with `STX_ENVIRONMENT=prod`.",
    )

    session_secret: SecretStr = Field(
        default=SecretStr(DEV_SESSION_SECRET),
        description="HMAC key of the sign-in cookie (at least 32 characters in prod).",
    )
    demo_users: tuple[DemoUser, ...] = Field(
        default=DEMO_USERS,
        description="Development only: whom `/dang-nhap` offers (a broker, organisations of the "
        "demo seed).",
    )

    oidc_issuer: str | None = Field(
        default=None,
        description="Issuer URL of the province's identity provider (OpenID Connect; its "
        "`/.well-known/openid-configuration` is read). Set, `/dang-nhap` signs in there.",
    )
    oidc_client_id: str = Field(default="stx-portal", description="The portal's client id.")
    oidc_client_secret: SecretStr | None = Field(
        default=None, description="The portal's client secret (confidential client), if any."
    )
    oidc_redirect_url: str | None = Field(
        default=None,
        description="The portal's public URL of `/dang-nhap/oidc`, registered at the provider.",
    )
    oidc_scopes: str = Field(default="openid profile", description="Scopes asked for.")

    @property
    def dev_sign_in(self) -> bool:
        """The development sign-in page exists outside production, when no identity provider
        is configured."""
        return self.environment != "prod" and self.oidc_issuer is None

    @property
    def sign_in_offered(self) -> bool:
        return self.dev_sign_in or self.oidc_issuer is not None

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "prod"

    @model_validator(mode="after")
    def _nothing_of_development_in_prod(self) -> PortalSettings:
        if self.environment != "prod":
            return self
        if self.mail_dir is not None:
            raise ValueError("STX_PORTAL_MAIL_DIR is for development: prod shows no mail pages")
        secret = self.session_secret.get_secret_value()
        if secret == DEV_SESSION_SECRET or len(secret) < 32:
            raise ValueError("prod needs STX_PORTAL_SESSION_SECRET of at least 32 characters")
        return self

    @model_validator(mode="after")
    def _a_provider_needs_its_return_address(self) -> PortalSettings:
        if self.oidc_issuer is not None and self.oidc_redirect_url is None:
            raise ValueError("STX_PORTAL_OIDC_REDIRECT_URL is needed with STX_PORTAL_OIDC_ISSUER")
        return self
