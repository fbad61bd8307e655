"""Templates (autoescaped), the security headers every page carries, and error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.portal.api.session import (
    CSRF_FIELD,
    csrf_token,
    current_visitor,
    set_cookies,
    settings_of,
)
from services.portal.domain.i18n import DEFAULT, language, translate
from shared.errors import RefusedError

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")
LANGUAGE_COOKIE = "stx_lang"
TRANSLATED_TEMPLATES = frozenset(
    {
        "home.html",
        "search.html",
        "listing.html",
        "organization.html",
        "events.html",
        "event.html",
        "awards.html",
        "award_programme.html",
        "indicators.html",
        "moderation.html",
        "verification.html",
        "directory.html",
        "pipeline.html",
        "event_desk.html",
        "event_form.html",
        "indicator_exports.html",
        "review_queue.html",
        "review_file.html",
        "error.html",
        "news_subscription.html",
        "news_subscription_sent.html",
        "sign_in.html",
        "my_listings.html",
        "listing_form.html",
        "import.html",
        "proposals.html",
        "introductions.html",
        "nominations.html",
        "my_subscriptions.html",
        "event_registration.html",
        "meeting_requests.html",
        "sign_up.html",
        "sign_up_sent.html",
    }
)
"""The pages with an English version; every other page stays Vietnamese, `<html lang="vi">`."""


@pass_context
def _in_page_language(context: Context, text: str, sense: str = "") -> str:
    return translate(context.get("lang", DEFAULT), text, sense)


TEMPLATES.env.globals["_"] = _in_page_language

SECURITY_HEADERS = {
    # Everything is served from here (no CDN): scripts, styles and images from 'self' only.
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

NO_PAGE = "Địa chỉ này không có trang nào."
SIGN_IN = "/dang-nhap"
ERROR_TITLES = {
    403: "Không được phép",
    404: "Không tìm thấy trang",
    503: "Dịch vụ tạm thời gián đoạn",
}


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A page, with who is signed in, this browser's CSRF token for its forms, its language."""
    translated = template in TRANSLATED_TEMPLATES
    context = {
        "lang": language(request.cookies.get(LANGUAGE_COOKIE)) if translated else DEFAULT,
        "translated": translated,
        "here": _here(request),
        "visitor": current_visitor(request),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "sign_in_offered": settings_of(request).sign_in_offered,
        "feeds_url": settings_of(request).feeds_url.rstrip("/"),
        **context,
    }
    response = TEMPLATES.TemplateResponse(
        request, template, context, status_code=status_code, headers=SECURITY_HEADERS
    )
    set_cookies(request, response)
    return response


def _here(request: Request) -> str:
    """This page's path and query: where the language switch brings the visitor back."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def on_refusal(request: Request, exc: Exception) -> Response:
    """A refusal as a page in Vietnamese with the same status a client would get from the API."""
    assert isinstance(exc, RefusedError)
    title = ERROR_TITLES.get(exc.status, "Không thực hiện được yêu cầu")
    return page(request, "error.html", exc.status, title=title, message=exc.message)


async def to_sign_in(request: Request, exc: Exception) -> Response:
    """A page for signed-in visitors, asked by someone who is not: the sign-in page first."""
    return RedirectResponse(SIGN_IN, status_code=303)


async def on_http_error(request: Request, exc: Exception) -> Response:
    """No such route (404), a method a page does not take (405)…: the same page, its status."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return page(request, "error.html", 404, title=ERROR_TITLES[404], message=NO_PAGE)
    title = "Không thực hiện được yêu cầu"
    return page(request, "error.html", exc.status_code, title=title, message=title + ".")
