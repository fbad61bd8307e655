"""Press packs for journalists (public, no sign-in): `/press/{notice_id}` (the Vietnamese page),
`.pdf`, `/chart.png` and `/doc.txt` (the read-out script for radio and TV)."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from services.notifications.api.deps import PressPacksDep, PressRoomDep
from services.notifications.domain.press import NoPressPackError, PressPack
from services.notifications.service.press import PressPacks
from shared.http.problems import FieldError, ProblemError

router = APIRouter(prefix="/press", tags=["press"])
_CACHE = {"Cache-Control": "public, max-age=300"}
NoticeId = Annotated[
    str,
    Path(
        min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_-]+$",
        description="The notice's id: an indicators release, a closed connection event or an "
        "award result (the `urn:stx:notice:` of the feeds' entries).",
    ),
]  # fmt: skip


async def _pack(packs: PressPacks, notice_id: str) -> PressPack:
    try:
        return await packs.pack(notice_id)
    except NoPressPackError as exc:
        error = FieldError(field=exc.field, message=exc.reason)
        raise ProblemError(404, "not-found", "No press pack", exc.reason, errors=[error]) from exc


@router.get("/{notice_id}.pdf", response_class=Response)
async def press_pack_pdf(notice_id: NoticeId, packs: PressPacksDep, room: PressRoomDep) -> Response:
    """The press pack as an A4 PDF, with the chart."""
    pack = await _pack(packs, notice_id)
    body = await asyncio.to_thread(room.pdf, pack)
    headers = _CACHE | {"Content-Disposition": f'inline; filename="stx-press-{notice_id}.pdf"'}
    return Response(body, media_type="application/pdf", headers=headers)


@router.get("/{notice_id}/chart.png", response_class=Response)
async def press_pack_chart(
    notice_id: NoticeId, packs: PressPacksDep, room: PressRoomDep
) -> Response:
    """The chart, 1000×560 PNG."""
    pack = await _pack(packs, notice_id)
    body = await asyncio.to_thread(room.chart, pack)
    return Response(body, media_type="image/png", headers=_CACHE)


@router.get("/{notice_id}/doc.txt", response_class=PlainTextResponse)
async def press_pack_script(
    notice_id: NoticeId, packs: PressPacksDep, room: PressRoomDep
) -> PlainTextResponse:
    """The read-out script: every number, date and sum of money in words."""
    pack = await _pack(packs, notice_id)
    return PlainTextResponse(room.script(pack), headers=_CACHE)


@router.get("/{notice_id}", response_class=HTMLResponse)
async def press_pack_page(
    notice_id: NoticeId, packs: PressPacksDep, room: PressRoomDep
) -> HTMLResponse:
    """The press pack's Vietnamese page: headline, figures to quote, chart, facts, script."""
    pack = await _pack(packs, notice_id)
    return HTMLResponse(await asyncio.to_thread(room.page, pack), headers=_CACHE)
