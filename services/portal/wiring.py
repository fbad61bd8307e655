"""The portal's use cases over their adapters, built once for `app.py` and the tests."""

from __future__ import annotations

from services.portal.service.pages import PublicPages
from services.portal.service.ports import ListingsDirectory


def build_use_cases(listings: ListingsDirectory) -> PublicPages:
    return PublicPages(listings)
