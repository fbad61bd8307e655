"""Listings named in a message, by their public titles as stored with their notices."""

from __future__ import annotations

from collections.abc import Iterable

from services.notifications.service.ports import NoticeStore


async def listing_titles(notices: NoticeStore, listing_ids: Iterable[str]) -> list[dict[str, str]]:
    """`[{listing_id, title}]`, not a dict: a listing id (`$where`, `a.b`) must never become a
    MongoDB field name. The renderer turns it into `titles[listing_id]`; an unknown listing is
    named by its id."""
    wanted = tuple(listing_ids)
    known = await notices.titles(wanted)
    return [
        {"listing_id": listing_id, "title": known.get(listing_id, listing_id)}
        for listing_id in wanted
    ]
