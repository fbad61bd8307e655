"""An OpenID Connect provider for the tests, on a real loopback port: discovery, the
authorization endpoint (the person chosen by the test signs in at once), the token endpoint
(client authentication, one-time codes, PKCE S256) and the key set (RS256). The province's
provider behaves so; this one keeps everything in memory."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.loopback import LoopbackServer

CLIENT_ID = "stx-portal"
CLIENT_SECRET = "portal-secret-of-the-tests"


@dataclass
class Grant:
    claims: dict[str, Any]
    nonce: str
    challenge: str
    redirect_uri: str


class LoopbackIdentityProvider(LoopbackServer):
    def __init__(self) -> None:
        self.person: dict[str, Any] = {}
        """The claims of whoever signs in next (`sub`, `name`, `roles`, `org_id`)."""
        self.grants: dict[str, Grant] = {}
        self.refused_exchanges = 0
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        routes = [
            Route("/.well-known/openid-configuration", self._discovery),
            Route("/authorize", self._authorize),
            Route("/token", self._token, methods=["POST"]),
            Route("/jwks", self._jwks),
        ]
        super().__init__(Starlette(routes=routes))

    @property
    def issuer(self) -> str:
        return self.url

    def token(self, audience: str, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": self.issuer, "aud": audience, "iat": now, "exp": now + 600, **claims}
        return jwt.encode(body, self._key, algorithm="RS256", headers={"kid": "k1"})

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "code_challenge_methods_supported": ["S256"],
        })  # fmt: skip

    async def _authorize(self, request: Request) -> Response:
        asked = request.query_params
        assert asked["client_id"] == CLIENT_ID
        assert asked["response_type"] == "code"
        assert asked["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            dict(self.person), asked["nonce"], asked["code_challenge"], asked["redirect_uri"]
        )
        back = urlencode({"code": code, "state": asked["state"]})
        return RedirectResponse(f"{asked['redirect_uri']}?{back}", status_code=302)

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        grant = self.grants.pop(str(form.get("code")), None)  # a code is used once
        verifier = str(form.get("code_verifier", ""))
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        expected_auth = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if (
            grant is None
            or request.headers.get("authorization") != f"Basic {expected_auth}"
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge.decode().rstrip("=") != grant.challenge
        ):
            self.refused_exchanges += 1
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        person = grant.claims
        return JSONResponse({
            "token_type": "Bearer",
            "id_token": self.token(CLIENT_ID, sub=person["sub"], nonce=grant.nonce),
            "access_token": self.token("stx", **person),
            "expires_in": 600,
        })  # fmt: skip

    async def _jwks(self, request: Request) -> Response:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        return JSONResponse({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})
