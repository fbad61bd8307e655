"""Cookies of the portal: who is signed in (`stx_session`, encrypted), a sign-in under way at
the identity provider (`stx_oidc`, encrypted), the CSRF token (`stx_csrf`, double submit), and
reading a posted form."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from services.portal.domain.oidc import PENDING_TTL, PendingSignIn
from services.portal.domain.session import (
    SESSION_TTL,
    Visitor,
    same_token,
    seal,
    seal_json,
    unseal,
    unseal_json,
)
from services.portal.settings import PortalSettings
from shared.clock import utc_now
from shared.errors import ForbiddenError, RuleBrokenError

SESSION_COOKIE = "stx_session"
PENDING_COOKIE = "stx_oidc"
PROVINCE_RETURN = "/dang-nhap/oidc"
"""Where the identity provider sends the visitor back (`STX_PORTAL_OIDC_REDIRECT_URL`)."""
CSRF_COOKIE = "stx_csrf"
CSRF_FIELD = "csrf_token"
MAX_FORM_BYTES = 64 * 1024
EXPIRED_FORM = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ: tải lại trang."


def settings_of(request: Request) -> PortalSettings:
    settings: PortalSettings = request.app.state.settings
    return settings


def current_visitor(request: Request) -> Visitor | None:
    secret = settings_of(request).session_secret.get_secret_value()
    return unseal(request.cookies.get(SESSION_COOKIE), secret, utc_now())


class SignInRequiredError(Exception):
    """A page for signed-in visitors was asked by someone who is not: `app.py` answers with
    the sign-in page."""


def signed_in(request: Request) -> Visitor:
    """The signed-in visitor; raises `SignInRequiredError` otherwise."""
    visitor = current_visitor(request)
    if visitor is None:
        raise SignInRequiredError
    return visitor


def csrf_token(request: Request) -> str:
    """This browser's token: the cookie's, or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return str(token)


def set_cookies(request: Request, response: Response) -> None:
    """The CSRF cookie a rendered form needs, when the browser had none."""
    token = getattr(request.state, "new_csrf", None)
    if token is not None:
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict",
            secure=settings_of(request).secure_cookies,
        )  # fmt: skip


def sign_in(request: Request, response: Response, visitor: Visitor) -> None:
    secret = settings_of(request).session_secret.get_secret_value()
    response.set_cookie(
        SESSION_COOKIE, seal(visitor, secret), max_age=int(SESSION_TTL.total_seconds()),
        httponly=True, samesite="lax", secure=settings_of(request).secure_cookies,
    )  # fmt: skip


def sign_out(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)


def remember_pending(request: Request, response: Response, pending: PendingSignIn) -> None:
    """Until the visitor is back from the identity provider (a top-level GET: SameSite=Lax)."""
    secret = settings_of(request).session_secret.get_secret_value()
    response.set_cookie(
        PENDING_COOKIE, seal_json(pending.as_json(), secret), path=PROVINCE_RETURN,
        max_age=int(PENDING_TTL.total_seconds()), httponly=True, samesite="lax",
        secure=settings_of(request).secure_cookies,
    )  # fmt: skip


def pending_of(request: Request) -> PendingSignIn | None:
    secret = settings_of(request).session_secret.get_secret_value()
    return PendingSignIn.from_json(
        unseal_json(request.cookies.get(PENDING_COOKIE), secret), utc_now()
    )


def forget_pending(response: Response) -> None:
    response.delete_cookie(PENDING_COOKIE, path=PROVINCE_RETURN)


async def posted_form(request: Request) -> dict[str, str]:
    """An url-encoded form (the last value of a repeated field), its CSRF token checked."""
    return dict(await _posted_pairs(request))


async def posted_lists(request: Request) -> dict[str, list[str]]:
    """The same, every value of a repeated field (checkboxes) kept, in order."""
    lists: dict[str, list[str]] = {}
    for name, value in await _posted_pairs(request):
        lists.setdefault(name, []).append(value)
    return lists


async def posted_upload(request: Request, field: str, max_bytes: int) -> bytes:
    """The file of a `multipart/form-data` form (empty when none was chosen), its CSRF token
    checked; at most `max_bytes + 1` bytes are read, so a larger file is seen as too large
    without being held whole."""
    async with request.form(max_files=1, max_fields=10) as form:
        submitted = form.get(CSRF_FIELD)
        if not same_token(request.cookies.get(CSRF_COOKIE), _text(submitted)):
            raise ForbiddenError(EXPIRED_FORM)
        upload = form.get(field)
        if not isinstance(upload, UploadFile):
            return b""
        return await upload.read(max_bytes + 1)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


async def _posted_pairs(request: Request) -> list[tuple[str, str]]:
    """403 unless the form carries this browser's own CSRF token (double submit)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise RuleBrokenError("Biểu mẫu quá lớn.", field="_form")
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    submitted = dict(pairs).get(CSRF_FIELD)
    if not same_token(request.cookies.get(CSRF_COOKIE), submitted):
        raise ForbiddenError(EXPIRED_FORM)
    return pairs
