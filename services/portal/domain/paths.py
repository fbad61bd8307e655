"""Return addresses a visitor brings along (`?tiep=`): never an open redirect."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_path(target: str | None) -> str:
    """Where a visitor is sent back (the language switch, a sign-in): a path of this site, or
    the home page.

    `//host/…`, `/\\host`, `https://…` and anything with a scheme or host would send the visitor
    to another site (an open redirect), so they all become `/`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(c in target for c in "\\\r\n\t"):
        return "/"
    return target
