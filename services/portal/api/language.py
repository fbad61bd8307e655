"""The language switch of the public pages: `/ngon-ngu/en?tiep=/search` (or `vi`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import LANGUAGE_COOKIE
from services.portal.api.session import settings_of
from services.portal.domain.i18n import LANGUAGES
from services.portal.domain.paths import local_path
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
A_YEAR = 365 * 24 * 3600


@router.get("/ngon-ngu/{lang}")
async def switch_language(request: Request, lang: str, tiep: str = "/") -> Response:
    """Remembers the choice for a year and returns to the page it was made on (never elsewhere).

    A GET, as a link in the header: a forged one only changes another visitor's language."""
    if lang not in LANGUAGES:
        raise NotFoundError("Không tìm thấy trang này.")
    response = RedirectResponse(local_path(tiep), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        lang,
        max_age=A_YEAR,
        httponly=True,
        samesite="lax",
        secure=settings_of(request).secure_cookies,
    )
    return response
