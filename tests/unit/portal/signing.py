"""Signing in through the development sign-in page, as a browser would: read the form's CSRF
token, post the demo user's choice."""

from __future__ import annotations

import re

import httpx

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def sign_in(client: httpx.AsyncClient, subject: str, **extra: str) -> str:
    """Sign in as the demo user `subject`; the browser's CSRF token, for the forms to come."""
    match = TOKEN.search((await client.get("/dang-nhap")).text)
    assert match
    token = match.group(1)
    response = await client.post(
        "/dang-nhap", data={"csrf_token": token, "subject": subject, **extra}
    )
    assert response.status_code == 303
    return token
