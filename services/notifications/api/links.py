"""Links from e-mails, usable without logging in.

Unsubscribe follows RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the URL of the
`List-Unsubscribe` header; a GET (a person, or a link scanner) only shows a button, so
prefetching a link never unsubscribes anyone. Confirmation works the same way.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.notifications.api.deps import SubscriptionsDep
from services.notifications.domain.tokens import ExpiredTokenError, InvalidTokenError
from services.notifications.rendering import Renderer
from services.notifications.service.subscriptions import SubscriptionNotFoundError
from shared.http import ProblemError

router = APIRouter(tags=["links"])
Token = Annotated[str, Query(min_length=10, max_length=1000, description="From the e-mail.")]


def _page(request: Request, name: str, **context: str) -> HTMLResponse:
    renderer: Renderer = request.app.state.renderer
    return HTMLResponse(renderer.page(name, context))


@router.get("/unsubscribe", response_class=HTMLResponse)
async def unsubscribe_page(request: Request, token: Token) -> HTMLResponse:
    return _page(request, "unsubscribe", action=str(request.url))


@router.post("/unsubscribe", response_class=HTMLResponse)
async def unsubscribe(
    request: Request, token: Token, subscriptions: SubscriptionsDep
) -> HTMLResponse:
    """One-click unsubscribe (RFC 8058). Repeating it is harmless."""
    try:
        await subscriptions.unsubscribe(token)
    except (InvalidTokenError, ExpiredTokenError, SubscriptionNotFoundError) as exc:
        raise _bad_link(exc) from exc
    return _page(request, "done", what="unsubscribed")


@router.get("/subscriptions/confirm", response_class=HTMLResponse)
async def confirm_page(request: Request, token: Token) -> HTMLResponse:
    return _page(request, "confirm", action=str(request.url))


@router.post("/subscriptions/confirm", response_class=HTMLResponse)
async def confirm(request: Request, token: Token, subscriptions: SubscriptionsDep) -> HTMLResponse:
    """Double opt-in: the subscription becomes active."""
    try:
        await subscriptions.confirm(token)
    except (InvalidTokenError, ExpiredTokenError, SubscriptionNotFoundError) as exc:
        raise _bad_link(exc) from exc
    return _page(request, "done", what="confirmed")


def _bad_link(exc: Exception) -> ProblemError:
    if isinstance(exc, ExpiredTokenError):
        return ProblemError(
            410,
            "link-expired",
            "Link expired",
            "This link has expired; use the link of a more recent e-mail.",
        )
    if isinstance(exc, SubscriptionNotFoundError):
        return ProblemError(404, "not-found", "No such subscription", "It no longer exists.")
    return ProblemError(400, "invalid-link", "Invalid link", f"{exc}; copy the whole link.")
