"""Signing in to the portal at the province's identity provider (OpenID Connect with PKCE), on
a real provider over HTTP and the real listings service, which accepts the provider's access
token the portal forwards (JWKS), on the real broker and store."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from services.listings.app import create_app as create_listings
from services.portal.app import create_app as create_portal
from services.portal.repository.own_listings_api import OwnListingsApi
from services.portal.settings import PortalSettings
from tests.integration.listings.flows import offer_body, org_body, running, settings_for
from tests.integration.portal.identity_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    LoopbackIdentityProvider,
)

pytestmark = pytest.mark.integration
PORTAL = "http://portal"


@dataclass
class Province:
    provider: LoopbackIdentityProvider
    listings: httpx.AsyncClient
    portal: httpx.AsyncClient


@pytest.fixture
async def province(stack: Any) -> AsyncIterator[Province]:
    provider = LoopbackIdentityProvider()
    await provider.start()
    listings_settings = settings_for(stack).model_copy(
        update={"jwt_jwks_url": f"{provider.issuer}/jwks", "jwt_issuer": provider.issuer}
    )
    portal_settings = PortalSettings(
        log_format="console", environment="test", oidc_issuer=provider.issuer,
        oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET,
        oidc_redirect_url=f"{PORTAL}/dang-nhap/oidc",
    )  # fmt: skip
    try:
        async with running(create_listings(listings_settings)) as listings_app:
            to_listings = httpx.ASGITransport(app=listings_app)
            async with httpx.AsyncClient(transport=to_listings, base_url="http://l") as listings:
                portal_app = create_portal(portal_settings, own=OwnListingsApi(listings))
                async with (
                    running(portal_app),
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=portal_app), base_url=PORTAL
                    ) as portal,
                ):
                    yield Province(provider, listings, portal)
    finally:
        await provider.stop()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def leave_and_come_back(province: Province, start: str) -> httpx.Response:
    """The browser's trip: the portal sends it to the provider, which sends it back."""
    leaving = await province.portal.get(start)
    assert leaving.status_code == 303
    assert leaving.headers["location"].startswith(f"{province.provider.issuer}/authorize?")
    async with httpx.AsyncClient() as browser:
        at_provider = await browser.get(leaving.headers["location"])
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["location"])
    return await province.portal.get(f"{back.path}?{back.query}")


async def test_an_organisation_signs_in_at_the_province_and_its_pages_read_the_services(
    province: Province,
) -> None:
    org_id = f"org_{uuid.uuid4().hex[:12]}"
    person = {"sub": f"{org_id}:giam-doc", "name": "Giám đốc HTX", "roles": ["org"]}
    member = bearer(province.provider.token("stx", **person, org_id=org_id))
    broker = bearer(province.provider.token("stx", sub="broker-01", roles=["broker"]))
    registered = await province.listings.post("/v1/organizations", json=org_body(), headers=member)
    assert registered.status_code == 201, registered.text
    verified = await province.listings.post(f"/v1/organizations/{org_id}/verify", headers=broker)
    assert verified.status_code == 200, verified.text
    title = f"Máy sấy bơm nhiệt cho mắc ca {uuid.uuid4().hex[:6]}"
    created = await province.listings.post(
        "/v1/listings", json=offer_body(title=title), headers=member
    )
    assert created.status_code == 201, created.text
    province.provider.person = {**person, "org_id": org_id}

    back = await leave_and_come_back(province, "/dang-nhap?tiep=/to-chuc/tin")
    assert (back.status_code, back.headers["location"]) == (303, "/to-chuc/tin")
    mine = await province.portal.get("/to-chuc/tin")

    assert mine.status_code == 200
    assert title in mine.text  # read from the listings service with the provider's token
    assert "Giám đốc HTX" in mine.text


async def test_a_forged_or_replayed_return_and_a_person_without_a_role_sign_nobody_in(
    province: Province,
) -> None:
    province.provider.person = {"sub": "khach", "name": "Khách", "roles": ["viewer"]}
    refused = await leave_and_come_back(province, "/dang-nhap")
    assert refused.status_code == 400
    assert "chưa được cấp quyền" in refused.text

    leaving = await province.portal.get("/dang-nhap")
    async with httpx.AsyncClient() as browser:
        at_provider = await browser.get(leaving.headers["location"])
    back = urlsplit(at_provider.headers["location"])
    forged = back.query.replace("state=", "state=x")
    assert (await province.portal.get(f"{back.path}?{forged}")).status_code == 400
    replayed = await province.portal.get(f"{back.path}?{back.query}")  # the cookie is gone

    assert replayed.status_code == 400
    assert "hết hạn" in replayed.text
    assert province.provider.refused_exchanges == 0  # nothing forged reached the provider
    assert (await province.portal.get("/to-chuc/tin")).status_code == 303
