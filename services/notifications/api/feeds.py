"""Public feeds (no login): `/feeds/atom.xml`, `/feeds/rss.xml`, `/feeds/feed.json`."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from services.notifications.api.deps import FeedsDep
from services.notifications.domain.notices import NoticeKind
from shared.events.vocabulary import Sector

router = APIRouter(prefix="/feeds", tags=["feeds"])
_CACHE = {"Cache-Control": "public, max-age=300"}


class JSONFeedResponse(JSONResponse):
    """JSON Feed's own media type, so that the OpenAPI document names what is served."""

    media_type = "application/feed+json"


@router.get("/atom.xml", response_class=Response)
async def atom_feed(
    feeds: FeedsDep, sector: Sector | None = None, kind: NoticeKind | None = None
) -> Response:
    body = await feeds.atom(sector, kind)
    return Response(body, media_type="application/atom+xml", headers=_CACHE)


@router.get("/rss.xml", response_class=Response)
async def rss_feed(
    feeds: FeedsDep, sector: Sector | None = None, kind: NoticeKind | None = None
) -> Response:
    body = await feeds.rss(sector, kind)
    return Response(body, media_type="application/rss+xml", headers=_CACHE)


@router.get("/feed.json", response_class=JSONFeedResponse)
async def json_feed(
    feeds: FeedsDep, sector: Sector | None = None, kind: NoticeKind | None = None
) -> JSONFeedResponse:
    """JSON Feed 1.1."""
    body = await feeds.json_feed(sector, kind)
    return JSONFeedResponse(body, headers=_CACHE)
