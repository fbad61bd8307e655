"""Public feeds (no login): `/feeds/atom.xml`, `/feeds/rss.xml`, `/feeds/feed.json`, paged
(RFC 5005 `rel="next"`, JSON Feed `next_url`) and readable from any web page's script."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from services.notifications.api.deps import FeedsDep
from services.notifications.domain.feed_pages import FeedCursor, FeedSelection, InvalidCursorError
from services.notifications.domain.notices import NoticeKind
from shared.events.vocabulary import Sector
from shared.http import PROBLEM_RESPONSES
from shared.http.problems import FieldError, ProblemError

router = APIRouter(prefix="/feeds", tags=["feeds"])
PUBLIC_FEED_HEADERS = {
    "Cache-Control": "public, max-age=300",
    # Public data with no credentials: an e-portal's page on another origin may fetch it.
    "Access-Control-Allow-Origin": "*",
}


class JSONFeedResponse(JSONResponse):
    """JSON Feed's own media type, so that the OpenAPI document names what is served."""

    media_type = "application/feed+json"


def _selection(
    sector: Sector | None = None,
    kind: NoticeKind | None = None,
    cursor: Annotated[
        str | None,
        Query(max_length=500, description="A next page's cursor, from the feed's `next` link."),
    ] = None,
) -> FeedSelection:
    try:
        after = FeedCursor.decode(cursor) if cursor is not None else None
    except InvalidCursorError as exc:
        error = FieldError(field="query.cursor", message=str(exc), code="invalid-cursor")
        raise ProblemError(
            422, "validation-failed", "Request validation failed", str(exc), errors=[error],
            headers={"Access-Control-Allow-Origin": "*"},
        ) from exc  # fmt: skip
    return FeedSelection(sector=sector, kind=kind, after=after)


SelectionDep = Annotated[FeedSelection, Depends(_selection)]


@router.get("/atom.xml", response_class=Response, responses=PROBLEM_RESPONSES)
async def atom_feed(feeds: FeedsDep, selection: SelectionDep) -> Response:
    """Atom 1.0, a paged feed (RFC 5005): `rel="next"` names the next page while there is one."""
    body = await feeds.atom(selection)
    return Response(body, media_type="application/atom+xml", headers=PUBLIC_FEED_HEADERS)


@router.get("/rss.xml", response_class=Response, responses=PROBLEM_RESPONSES)
async def rss_feed(feeds: FeedsDep, selection: SelectionDep) -> Response:
    """RSS 2.0; the paging links as `atom:link` elements."""
    body = await feeds.rss(selection)
    return Response(body, media_type="application/rss+xml", headers=PUBLIC_FEED_HEADERS)


@router.get("/feed.json", response_class=JSONFeedResponse, responses=PROBLEM_RESPONSES)
async def json_feed(feeds: FeedsDep, selection: SelectionDep) -> JSONFeedResponse:
    """JSON Feed 1.1; `next_url` names the next page while there is one."""
    body = await feeds.json_feed(selection)
    return JSONFeedResponse(body, headers=PUBLIC_FEED_HEADERS)
