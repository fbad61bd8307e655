"""The listings app on the real broker and store, called over ASGI with minted tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.listings.app import create_app
from tests.integration.listings.flows import running, settings_for


@pytest.fixture(scope="module")
async def listings_app(stack: Any) -> AsyncIterator[FastAPI]:
    """One app per test module (a module may override this fixture, e.g. with a clock)."""
    async with running(create_app(settings_for(stack))) as app:
        yield app


@pytest.fixture(scope="module")
async def client(listings_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=listings_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://listings") as http:
        yield http
