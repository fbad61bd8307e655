"""The pure side of signing in at the province's identity provider (OpenID Connect + PKCE)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from services.portal.domain.oidc import (
    PendingSignIn,
    SignInFailedError,
    authorization_url,
    code_challenge,
    visitor_of,
)
from services.portal.domain.paths import local_path
from services.portal.domain.session import SESSION_TTL

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


def test_the_pkce_challenge_is_rfc_7636s_own_example() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_the_provider_is_asked_for_a_code_with_state_nonce_and_challenge() -> None:
    pending = PendingSignIn.start("/to-chuc/tin", NOW)
    url = authorization_url(
        "https://id.quangngai.gov.vn/auth", "stx-portal", "https://sgd/dang-nhap/oidc",
        "openid profile", pending,
    )  # fmt: skip
    asked = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

    assert asked["state"] == pending.state
    assert asked["nonce"] == pending.nonce
    assert asked["code_challenge"] == code_challenge(pending.verifier)
    assert asked["code_challenge_method"] == "S256"
    assert pending.verifier not in url


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/to-chuc/tin", "/to-chuc/tin"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
    ],
)
def test_the_return_address_is_a_path_of_this_site_never_another_host(
    asked: str, kept: str
) -> None:
    assert local_path(asked) == kept


def test_a_pending_sign_in_expires_and_a_garbled_one_is_nothing() -> None:
    pending = PendingSignIn.start("/", NOW)
    assert PendingSignIn.from_json(pending.as_json(), NOW + timedelta(minutes=5)) == pending
    assert PendingSignIn.from_json(pending.as_json(), NOW + timedelta(minutes=11)) is None
    assert PendingSignIn.from_json({"state": "x"}, NOW) is None
    assert PendingSignIn.from_json(None, NOW) is None


def test_the_visitor_keeps_the_portals_roles_and_never_outlives_the_token() -> None:
    exp = int((NOW + timedelta(minutes=30)).timestamp())
    claims = {"sub": "u1", "roles": "org admin other-app", "org_id": "org_x", "exp": exp}
    visitor = visitor_of(claims, "the-access-token", NOW)

    assert (visitor.roles, visitor.organization_id, visitor.bearer) == (
        ("org",), "org_x", "the-access-token",
    )  # fmt: skip
    assert visitor.expires_at == NOW + timedelta(minutes=30)
    long_lived = visitor_of({**claims, "exp": exp + 86_400}, "t", NOW)
    assert long_lived.expires_at == NOW + SESSION_TTL
    with pytest.raises(SignInFailedError):
        visitor_of({**claims, "roles": ["admin"]}, "t", NOW)
