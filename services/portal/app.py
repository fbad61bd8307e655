"""The portal's ASGI app: pages, static files, health; the services' APIs as its only source."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.portal.api import awards as award_pages
from services.portal.api import (
    catalogue,
    dev_mail,
    dossiers,
    language,
    meeting_requests,
    news,
    nominations,
    organization,
    pages,
    participation,
    pipeline,
    proposals,
    registration,
    reviews,
    sign_in,
)
from services.portal.api import event_desk as event_desk_pages
from services.portal.api import events as event_pages
from services.portal.api import indicator_exports as indicator_export_pages
from services.portal.api import indicators as indicator_pages
from services.portal.api import moderation as moderation_pages
from services.portal.api.rendering import on_http_error, on_refusal, to_sign_in
from services.portal.api.session import SignInRequiredError
from services.portal.domain.catalogue import MAX_CATALOGUE_BYTES
from services.portal.repository.awards_api import AwardsApi
from services.portal.repository.event_desk_api import EventDeskApi
from services.portal.repository.events_api import EventsApi
from services.portal.repository.identity_provider import IdentityProvider, ProviderSettings
from services.portal.repository.indicators_api import FullIndicatorsApi, IndicatorsApi
from services.portal.repository.listings_api import ListingsApi
from services.portal.repository.mail_folder import FolderMailbox
from services.portal.repository.match_desk_api import MatchDeskApi
from services.portal.repository.moderation_api import ModerationApi
from services.portal.repository.news_api import NewsApi
from services.portal.repository.nomination_desk_api import NominationDeskApi
from services.portal.repository.own_listings_api import OwnListingsApi
from services.portal.repository.registry_api import RegistryApi
from services.portal.repository.review_desk_api import ReviewDeskApi
from services.portal.repository.visitor_tokens import VisitorTokens
from services.portal.service.event_ports import EventManagementDesk
from services.portal.service.ports import (
    AwardsDirectory,
    ConnectionEventsDirectory,
    FullIndicators,
    ListingsDirectory,
    MarketIndicators,
    MatchDesk,
    ModerationQueue,
    NewsSubscriptionDesk,
    NominationDesk,
    OrganizationRegistry,
    OwnListings,
    ReviewDesk,
)
from services.portal.settings import PortalSettings
from services.portal.wiring import build_use_cases
from shared.errors import RefusedError
from shared.http.health import health_router
from shared.http.middleware import BodyLimitMiddleware, RequestContextMiddleware
from shared.logging import configure_logging

STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    settings: PortalSettings,
    listings: ListingsDirectory | None = None,
    own: OwnListings | None = None,
    moderation: ModerationQueue | None = None,
    indicators: MarketIndicators | None = None,
    full_indicators: FullIndicators | None = None,
    events: ConnectionEventsDirectory | None = None,
    awards: AwardsDirectory | None = None,
    registry: OrganizationRegistry | None = None,
    desk: MatchDesk | None = None,
    event_desk: EventManagementDesk | None = None,
    review_desk: ReviewDesk | None = None,
    nomination_desk: NominationDesk | None = None,
    news_desk: NewsSubscriptionDesk | None = None,
) -> FastAPI:
    """Ports given here replace the HTTP adapters (tests); otherwise the APIs are called."""
    configure_logging(settings.service_name, settings.log_level, settings.log_format)
    mailbox = None if settings.mail_dir is None else FolderMailbox(settings.mail_dir)
    secret = settings.jwt_secret.get_secret_value()
    tokens = VisitorTokens(secret, settings.jwt_audience, may_mint=settings.dev_sign_in)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        timeout = httpx.Timeout(settings.api_timeout_seconds)
        async with (
            httpx.AsyncClient(base_url=settings.listings_url, timeout=timeout) as listings_http,
            httpx.AsyncClient(base_url=settings.matching_url, timeout=timeout) as matching_http,
            httpx.AsyncClient(base_url=settings.awards_url, timeout=timeout) as awards_http,
            httpx.AsyncClient(base_url=settings.notifications_url, timeout=timeout) as news_http,
            httpx.AsyncClient(timeout=timeout) as provider_http,
        ):
            app.state.use_cases = build_use_cases(
                listings or ListingsApi(listings_http),
                own or OwnListingsApi(listings_http),
                moderation or ModerationApi(listings_http),
                indicators or IndicatorsApi(matching_http),
                full_indicators or FullIndicatorsApi(matching_http),
                events or EventsApi(matching_http),
                awards or AwardsApi(awards_http),
                registry or RegistryApi(listings_http),
                desk or MatchDeskApi(matching_http),
                event_desk or EventDeskApi(matching_http),
                review_desk or ReviewDeskApi(awards_http),
                nomination_desk or NominationDeskApi(awards_http),
                news_desk or NewsApi(news_http),
                tokens,
                mailbox,
                _identity_provider(settings, provider_http),
            )
            yield

    app = FastAPI(
        title="STX portal",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        exception_handlers={
            RefusedError: on_refusal,
            StarletteHTTPException: on_http_error,
            SignInRequiredError: to_sign_in,
        },
    )
    app.state.settings = settings
    # A catalogue upload is the largest body a page takes: a file somewhat above the API's
    # 1 MiB still reaches the page (which says so in Vietnamese); anything larger is not read.
    app.add_middleware(BodyLimitMiddleware, max_body_size=2 * MAX_CATALOGUE_BYTES)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)  # outermost
    app.include_router(health_router({}))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(language.router)
    app.include_router(sign_in.router)
    app.include_router(organization.router)
    app.include_router(catalogue.router)
    app.include_router(registration.router)
    app.include_router(proposals.router)
    app.include_router(participation.router)
    app.include_router(
        event_desk_pages.router
    )  # after participation: `/moi-gioi/su-kien/moi` first
    app.include_router(meeting_requests.router)
    app.include_router(pipeline.router)
    app.include_router(reviews.router)
    app.include_router(nominations.router)
    app.include_router(news.router)
    app.include_router(moderation_pages.router)
    app.include_router(dossiers.router)
    app.include_router(indicator_pages.router)
    app.include_router(indicator_export_pages.router)
    app.include_router(event_pages.router)
    app.include_router(award_pages.router)
    app.include_router(dev_mail.router)
    return app


def _identity_provider(
    settings: PortalSettings, http: httpx.AsyncClient
) -> IdentityProvider | None:
    if settings.oidc_issuer is None or settings.oidc_redirect_url is None:
        return None
    secret = settings.oidc_client_secret
    return IdentityProvider(
        http,
        ProviderSettings(
            issuer=settings.oidc_issuer,
            client_id=settings.oidc_client_id,
            client_secret=None if secret is None else secret.get_secret_value(),
            redirect_url=settings.oidc_redirect_url,
            scopes=settings.oidc_scopes,
            audience=settings.jwt_audience,
        ),
    )
