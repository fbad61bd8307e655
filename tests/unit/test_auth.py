"""Bearer JWT authentication and role checks (shared/auth.py)."""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Annotated, Any, ClassVar

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import Depends, FastAPI

from shared.auth import (
    HS256Verifier,
    JwksVerifier,
    OptionalPrincipalDep,
    Principal,
    PrincipalDep,
    Role,
    main,
    mint_token,
    require,
    verifier_from_settings,
)
from shared.http import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, create_http_app
from shared.settings import ServiceSettings

SECRET = "unit-test-secret-quang-ngai-0123456789abcdef"
ORG = "org_htx_nong_nghiep_tinh_khe"


BrokerOrAdmin = Annotated[Principal, Depends(require(Role.broker, Role.admin))]
Reviewer = Annotated[Principal, Depends(require(Role.reviewer))]


class DemoSettings(ServiceSettings):
    service_name: ClassVar[str] = "demo"


def token(*roles: Role, **claims: Any) -> str:
    return mint_token(SECRET, claims.pop("subject", "broker-01"), roles, **claims)


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def build_app(settings: DemoSettings | None = None) -> FastAPI:
    app = create_http_app(
        title="Demo",
        version="1",
        settings=settings or DemoSettings(jwt_secret=SECRET, jwt_jwks_url=None),
    )

    @app.post("/listings/{listing_id}/approve", responses=PROBLEM_RESPONSES)
    async def approve(listing_id: str, principal: BrokerOrAdmin) -> dict[str, str]:
        return {"listing_id": listing_id, "approved_by": principal.subject}

    @app.post("/listings/{listing_id}/review", responses=PROBLEM_RESPONSES)
    async def review(listing_id: str, principal: Reviewer) -> dict[str, str]:
        return {"reviewed_by": principal.subject}

    @app.get("/me")
    async def me(principal: PrincipalDep) -> dict[str, Any]:
        return {"subject": principal.subject, "roles": sorted(principal.roles)}

    @app.get("/listings")
    async def listings(principal: OptionalPrincipalDep) -> dict[str, str | None]:
        return {"viewer": principal.subject if principal else None}

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://stx.test") as http:
        yield http


# --- principal -------------------------------------------------------------------------------


def test_org_principal_acts_for_its_own_organisation_only() -> None:
    principal = Principal("user-7", frozenset({Role.org}), organization_id=ORG)

    assert principal.acts_for(ORG)
    assert not principal.acts_for("org_vien_cong_nghe_sinh_hoc")


def test_admin_does_not_act_for_an_organisation_implicitly() -> None:
    admin = Principal("admin-01", frozenset({Role.admin}), organization_id=ORG)

    assert admin.has(Role.admin)
    assert not admin.acts_for(ORG)


def test_unknown_roles_in_claims_are_ignored() -> None:
    principal = Principal.from_claims({"sub": "u1", "roles": ["broker", "superuser", 42]})

    assert principal.roles == {Role.broker}


def test_roles_may_arrive_as_a_space_separated_string() -> None:
    principal = Principal.from_claims({"sub": "u1", "roles": "reviewer org"})

    assert principal.roles == {Role.reviewer, Role.org}


def test_display_name_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lan")

    principal = Principal.from_claims({"sub": "u1", "name": decomposed})

    assert principal.name == unicodedata.normalize("NFC", "Nguyễn Thị Lan")


# --- HS256 verifier --------------------------------------------------------------------------


async def test_hs256_token_yields_its_principal() -> None:
    verifier = HS256Verifier(SECRET, audience="stx")
    value = token(Role.org, subject="user-7", org_id=ORG, name="HTX Tịnh Khê")

    principal = await verifier.verify(value)

    assert principal == Principal("user-7", frozenset({Role.org}), ORG, "HTX Tịnh Khê")


async def test_expired_token_is_rejected() -> None:
    verifier = HS256Verifier(SECRET, audience="stx")

    with pytest.raises(jwt.ExpiredSignatureError):
        await verifier.verify(token(Role.broker, ttl=timedelta(minutes=-5)))


async def test_token_for_another_audience_is_rejected() -> None:
    verifier = HS256Verifier(SECRET, audience="stx")

    with pytest.raises(jwt.InvalidAudienceError):
        await verifier.verify(token(Role.broker, audience="other-app"))


async def test_token_from_another_issuer_is_rejected_when_issuer_is_configured() -> None:
    verifier = HS256Verifier(SECRET, audience="stx", issuer="https://id.quangngai.gov.vn")

    with pytest.raises(jwt.InvalidIssuerError):
        await verifier.verify(token(Role.broker, issuer="https://elsewhere.example"))


async def test_token_without_subject_is_rejected() -> None:
    claims = {"roles": ["broker"], "aud": "stx", "exp": 4_102_444_800}
    verifier = HS256Verifier(SECRET, audience="stx")

    with pytest.raises(jwt.MissingRequiredClaimError):
        await verifier.verify(jwt.encode(claims, SECRET, algorithm="HS256"))


def test_minting_an_org_token_needs_the_organisation() -> None:
    with pytest.raises(ValueError, match="org_id"):
        mint_token(SECRET, "user-7", [Role.org])


def test_settings_with_a_jwks_url_choose_the_jwks_verifier() -> None:
    jwks = DemoSettings(jwt_jwks_url="https://id.quangngai.gov.vn/jwks")
    local = DemoSettings(jwt_jwks_url=None)

    assert isinstance(verifier_from_settings(jwks), JwksVerifier)
    assert isinstance(verifier_from_settings(local), HS256Verifier)


# --- JWKS verifier ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


JWKS_FETCHES: list[int] = []
"""One entry per request the test identity provider answered."""


@pytest.fixture(scope="module")
def jwks_url(signing_key: rsa.RSAPrivateKey) -> Iterator[str]:
    """A real HTTP server publishing the identity provider's key set."""
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
    body = json.dumps({"keys": [{**jwk, "kid": "idp-2026", "alg": "RS256", "use": "sig"}]})

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            JWKS_FETCHES.append(1)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks"
    server.shutdown()
    server.server_close()


def provider_token(key: rsa.RSAPrivateKey, kid: str = "idp-2026") -> str:
    claims = {"sub": "reviewer-03", "roles": ["reviewer"], "aud": "stx", "exp": 4_102_444_800}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


async def test_jwks_token_signed_by_the_provider_is_accepted(
    jwks_url: str, signing_key: rsa.RSAPrivateKey
) -> None:
    verifier = JwksVerifier(jwks_url, audience="stx")

    principal = await verifier.verify(provider_token(signing_key))

    assert principal == Principal("reviewer-03", frozenset({Role.reviewer}))


async def test_jwks_verifier_rejects_a_token_signed_by_another_key(jwks_url: str) -> None:
    verifier = JwksVerifier(jwks_url, audience="stx")
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    with pytest.raises(jwt.InvalidSignatureError):
        await verifier.verify(provider_token(stranger))


async def test_tokens_with_unknown_key_ids_do_not_make_the_service_hammer_the_provider(
    jwks_url: str, signing_key: rsa.RSAPrivateKey
) -> None:
    verifier = JwksVerifier(jwks_url, audience="stx")
    await verifier.verify(provider_token(signing_key))
    before = len(JWKS_FETCHES)

    for n in range(50):
        with pytest.raises(jwt.PyJWKClientError):
            await verifier.verify(provider_token(signing_key, kid=f"forged-{n}"))

    assert len(JWKS_FETCHES) - before <= 1  # one refetch per cooldown, not one per token


async def test_jwks_verifier_rejects_a_locally_minted_hs256_token(jwks_url: str) -> None:
    verifier = JwksVerifier(jwks_url, audience="stx")

    with pytest.raises(jwt.PyJWTError):
        await verifier.verify(token(Role.admin))


async def test_unreachable_identity_provider_answers_503_not_401(
    signing_key: rsa.RSAPrivateKey,
) -> None:
    settings = DemoSettings(jwt_jwks_url="http://127.0.0.1:9/jwks")
    transport = httpx.ASGITransport(app=build_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://stx.test") as http:
        response = await http.get("/me", headers=bearer(provider_token(signing_key)))

    assert response.status_code == 503
    assert response.json()["type"] == "urn:stx:problem:identity-provider-unavailable"


# --- FastAPI dependencies --------------------------------------------------------------------


async def test_missing_token_is_rejected_with_401_and_www_authenticate(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/listings/lst-001/approve")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["type"] == "urn:stx:problem:unauthenticated"


async def test_non_bearer_authorization_counts_as_missing(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("case", "value"),
    [
        ("expired", token(Role.broker, ttl=timedelta(hours=-1))),
        ("forged", mint_token("another-secret-0123456789abcdef-xyz", "broker-01", [Role.broker])),
        ("wrong audience", token(Role.broker, audience="other-app")),
        ("garbage", "not-a-jwt"),
    ],
)
async def test_untrusted_token_is_rejected_with_401(
    client: httpx.AsyncClient, case: str, value: str
) -> None:
    response = await client.post("/listings/lst-001/approve", headers=bearer(value))

    assert response.status_code == 401, case
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert response.json()["type"] == "urn:stx:problem:invalid-token"


async def test_expired_token_is_rejected_with_401_saying_why(client: httpx.AsyncClient) -> None:
    expired = token(Role.broker, ttl=timedelta(hours=-1))

    response = await client.get("/me", headers=bearer(expired))

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


async def test_principal_without_the_role_gets_403_naming_the_role(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/listings/lst-001/review", headers=bearer(token(Role.broker)))

    assert response.status_code == 403
    problem = response.json()
    assert problem["type"] == "urn:stx:problem:missing-role"
    assert "reviewer" in problem["detail"]


async def test_admin_is_not_implicitly_a_reviewer(client: httpx.AsyncClient) -> None:
    response = await client.post("/listings/lst-001/review", headers=bearer(token(Role.admin)))

    assert response.status_code == 403


async def test_principal_with_one_of_the_roles_passes(client: httpx.AsyncClient) -> None:
    for role in (Role.broker, Role.admin):
        response = await client.post("/listings/lst-001/approve", headers=bearer(token(role)))

        assert response.status_code == 200
        assert response.json() == {"listing_id": "lst-001", "approved_by": "broker-01"}


async def test_anonymous_caller_reaches_optional_routes(client: httpx.AsyncClient) -> None:
    response = await client.get("/listings")

    assert response.json() == {"viewer": None}


async def test_bad_token_on_an_optional_route_is_still_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/listings", headers=bearer("not-a-jwt"))

    assert response.status_code == 401


def test_require_without_roles_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        require()


# --- CLI -------------------------------------------------------------------------------------


def test_cli_mints_a_token_the_service_accepts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STX_JWT_SECRET", SECRET)

    main(["mint", "--sub", "org-user-7", "--role", "org", "--org", ORG, "--ttl-hours", "1"])

    claims = jwt.decode(
        capsys.readouterr().out.strip(), SECRET, algorithms=["HS256"], audience="stx"
    )
    assert claims["sub"] == "org-user-7"
    assert claims["roles"] == ["org"]
    assert claims["org_id"] == ORG
